// Preloaded into the Node.js stores the tests start (NODE_OPTIONS=--require): a server that would listen
// on every interface given only a port (Comunica's SPARQL endpoint has no host option) listens on loopback.
const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && typeof args[1] !== "string") {
    return listen.call(this, args[0], "127.0.0.1", ...args.slice(1));
  }
  return listen.apply(this, args);
};
