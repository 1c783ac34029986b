/* The SPARQL editor at /sparql: YASGUI (vendored) set up to talk to this service only.
   Its configuration comes from the page as JSON (no inline script, so the page's
   Content-Security-Policy can forbid them). window.hzkgEditor is for the browser tests. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var texts = config.texts;  // in the page's language (service/pages/editor.py)
  var Yasqe = Yasgui.Yasqe;

  // Our prefixes (graph/prefixes.py: hz:, zone:, industry: …) are declared in every new query (folded),
  // offered first by the prefix completer (typing `zone:` adds its PREFIX line, as YASQE does for the
  // prefixes it knows), and name the IRIs of result tables.
  var prefixes = config.prefixes;
  Yasqe.forkAutocompleter("prefixes", {
    name: "hzkg-prefixes",
    persistenceId: "hzkg-prefixes",  // not the bundled list a browser may keep from before
    get: function (yasqe) {
      return Yasqe.Autocompleters.prefixes.get(yasqe).then(function (bundled) {
        var ours = Object.keys(prefixes).map(function (prefix) { return prefix + ": <" + prefixes[prefix] + ">"; });
        return ours.concat(bundled.filter(function (line) { return !(line.split(":")[0] in prefixes); }));
      });
    }
  }, false);
  // The property and class completers ask lov.linkeddata.es; the page asks no other host: our own terms
  // complete from /complete instead.
  Yasqe.defaults.autocompleters = ["hzkg-prefixes", "variables", "hzkg-terms"];  // ours: static/editor-complete.js
  Yasqe.defaults.prefixCcApi = null; // the bundled list, never prefix.cc
  Yasgui.Yasr.defaults.prefixes = prefixes;

  // An IRI as SPARQL may write it, by the longest of our namespaces that starts it (zone:xiaoshan-etdz,
  // not hzkg:zone/xiaoshan-etdz, which SPARQL cannot read), else null: graph/prefixes.py's rule for
  // prefixed_name (a local name of ASCII letters, digits, _ and -, not first), which a browser test compares.
  function prefixedName(iri) {
    var best = null;
    Object.keys(prefixes).forEach(function (prefix) {
      var namespace = prefixes[prefix];
      if (iri.indexOf(namespace) === 0 && iri.length > namespace.length &&
          (best === null || namespace.length > prefixes[best].length)) best = prefix;
    });
    if (best === null) return null;
    var local = iri.slice(prefixes[best].length);
    return /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(local) ? best + ":" + local : null;
  }
  // YASR's own views, registered again as subclasses (Yasr.registerPlugin): named in the page's language;
  // the table shortens an IRI as above (YASR takes the first prefix whose namespace starts it and keeps
  // the rest as it is: hzkg:zone/xiaoshan-etdz), in YASR's own sanitised link, else the whole <IRI>;
  // an error is told in the notice above the editor, not as the raw JSON answer.
  var Yasr = Yasgui.Yasr;
  class Table extends Yasr.plugins.table {
    constructor(yasr) { super(yasr); this.label = texts.table; }
    getUriLinkFromBinding(binding) {
      var whole = super.getUriLinkFromBinding(binding, {});
      var name = prefixedName(binding.value);
      if (name === null) return whole;
      var holder = document.createElement("span");
      holder.innerHTML = whole;
      var link = holder.querySelector("a.iri");
      if (!link) return whole;
      link.textContent = name;
      return link.outerHTML;
    }
  }
  class Answer extends Yasr.plugins.response {
    constructor(yasr) { super(yasr); this.label = texts.response; }
  }
  class Failure extends Yasr.plugins.error {
    draw() {
      var said = document.createElement("p");
      said.className = "hzkg-error-pointer";
      said.textContent = texts.seeAbove;
      this.yasr.resultsEl.appendChild(said);
    }
  }
  Yasr.registerPlugin("table", Table);
  Yasr.registerPlugin("response", Answer);
  Yasr.registerPlugin("error", Failure);

  function ours(tab) {
    // A shared link may name any endpoint; this page queries this service only.
    tab.requestConfig.endpoint = config.endpoint;
    // A query opened from a link, which YASGUI runs at once, is drawn in the view its #defaultView: names.
    var view = window.hzkgViews.defaultView(tab.yasqe && tab.yasqe.value);
    if (view && tab.yasr && tab.yasr.settings) {
      tab.yasr.settings.selectedPlugin = view[0];
      if (view[1]) tab.yasr.settings.pluginsConfig = Object.assign({}, tab.yasr.settings.pluginsConfig, { chart: { mode: view[1] } });
    }
    return tab;
  }

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    populateFromUrl: ours,
    corsProxy: undefined,
    tabName: texts.tab,
    persistenceId: "hzkg-editor",
    yasqe: { value: config.defaultQuery, createShortLink: undefined, collapsePrefixesOnLoad: true },
    yasr: { defaultPlugin: "table", prefixes: config.prefixes }
  });
  // Tabs restored from this browser's storage keep this service as their endpoint too.
  Object.keys(yasgui._tabs).forEach(function (id) {
    var tab = yasgui._tabs[id];
    if (tab.getEndpoint() !== config.endpoint) tab.setEndpoint(config.endpoint);
  });

  // A `#defaultView:BarChart` (LineChart, Map, Graph, Table) comment picks the result view (static/editor-views.js).
  yasgui.on("query", function (instance, tab) {
    var target = tab && tab.getYasr ? tab : yasgui.getTab();
    window.hzkgViews.applyDefaultView(target);
  });

  var examples = {};
  config.examples.forEach(function (example) { examples[example.name] = example; });
  function openExample(name) {
    var example = examples[name];
    var tab = yasgui.addTab(true, Object.assign(Yasgui.Tab.getDefaults(yasgui), {
      name: example.name, yasqe: { value: example.query }
    }), { avoidDuplicateTabs: true });
    tab.setEndpoint(config.endpoint);
    return tab;
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (button) {
    button.addEventListener("click", function () { openExample(button.dataset.name); });
  });

  // "Open as network": /explore draws a CONSTRUCT query's triples.
  var form = document.getElementById("network-form");
  var openNetwork = document.getElementById("open-network");
  function currentQuery() { return yasgui.getTab().getQuery(); }
  function isConstruct() { return yasgui.getTab().getYasqe().getQueryType() === "CONSTRUCT"; }
  function updateNetworkButton() { openNetwork.disabled = !isConstruct(); }
  form.addEventListener("submit", function () { form.elements.query.value = currentQuery(); });
  yasgui.on("tabChange", updateNetworkButton);
  yasgui.on("tabSelect", function () { setTimeout(updateNetworkButton, 0); });
  document.getElementById("editor-actions").hidden = false;
  updateNetworkButton();

  // IRIs of our namespace in result tables open our own page (/id/..., /def/...), not w3id.org,
  // which would need the network; state.local_path does the same on the server.
  document.getElementById("yasgui").addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.iri");
    var iri = link && link.getAttribute("href");
    if (!iri || iri.indexOf(config.baseIri) !== 0 || iri.length === config.baseIri.length) return;
    event.preventDefault();
    window.open("/" + iri.slice(config.baseIri.length), "_blank", "noopener");
  }, true);

  // What the result table does not say: a result cut at the row limit (the Hzkg-Truncated header),
  // and an error as readable text (our JSON error shape), shown above the results.
  var notice = document.getElementById("editor-notice");
  var marked = null;  // the token a syntax error points at, marked in the editor
  function showNotice(kind, text) {
    notice.className = kind;
    notice.textContent = text;
    notice.hidden = !text;
    if (marked) { marked.clear(); marked = null; }
    // "malformed query at line L, column C: …" ends with the query's line and a caret under the token
    var words = text;
    var place = /^(?:[^\n]*: )?malformed query at line (\d+), column (\d+): /.exec(text);
    if (place) {
      var parts = text.split("\n");
      words = parts.slice(0, -2).join("\n");
      notice.textContent = words;
      var code = document.createElement("pre");
      code.className = "syntax-error";
      code.textContent = parts.slice(-2).join("\n");
      notice.appendChild(code);
      var yasqe = yasgui.getTab().getYasqe();
      var line = Number(place[1]) - 1, ch = Number(place[2]) - 1;
      var width = (parts[parts.length - 1].match(/\^+/) || ["^"])[0].length;
      if (yasqe && line <= yasqe.lastLine()) {
        marked = yasqe.markText({ line: line, ch: ch }, { line: line, ch: ch + Math.max(1, width) },
                                { className: "hzkg-syntax-error" });
      }
    }
    // A missing prefix: one click adds the PREFIX lines the message gives
    var lines = (words.match(/^PREFIX [^\n<]*<[^>\s]+>$/gm) || []);
    if (lines.length) {
      var add = document.createElement("button");
      add.type = "button";
      add.id = "add-prefixes";
      add.textContent = texts.add + " " + lines.join(" ");
      add.addEventListener("click", function () {
        var tab = yasgui.getTab();
        tab.setQuery(lines.join("\n") + "\n" + tab.getQuery());
        showNotice("", "");
      });
      notice.appendChild(document.createElement("br"));
      notice.appendChild(add);
    }
  }
  function onResponse(yasqe, response) {
    if (!response) return;
    var truncated = response.headers && response.headers.get && response.headers.get("Hzkg-Truncated");
    // YASQE hands a failed request over as an Error whose message is the response's body
    var failed = response instanceof Error || response.ok === false;
    if (failed) {
      var message = response instanceof Error ? response.message : (response.content || response.statusText || "");
      var status = "";
      try {
        var document = JSON.parse(message);
        message = document.error || message;
        status = document.status ? " (" + document.status + ")" : "";
      } catch (ignored) { /* not our JSON error shape: shown as it came */ }
      showNotice("error", texts.failed + status + ": " + message);
    } else if (truncated) {
      showNotice("warning truncated", texts.truncated + ": " + truncated + ". " + texts.truncationHelp);
    } else {
      showNotice("", "");
    }
  }
  function watch(tab) {
    var yasqe = tab && tab.getYasqe && tab.getYasqe();
    if (!yasqe || yasqe.hzkgWatched) return;
    yasqe.hzkgWatched = true;
    yasqe.on("queryResponse", onResponse);
  }
  Object.keys(yasgui._tabs).forEach(function (id) { watch(yasgui._tabs[id]); });
  yasgui.on("tabSelect", function () { setTimeout(function () { watch(yasgui.getTab()); showNotice("", ""); }, 0); });
  yasgui.on("tabAdd", function () { setTimeout(function () { watch(yasgui.getTab()); }, 0); });
  yasgui.on("query", function (instance, tab) { watch(tab); });

  window.hzkgEditor = {
    yasgui: yasgui,
    prefixedName: prefixedName,
    openExample: openExample,
    query: function () { return yasgui.getTab().getYasqe().query(); },
    notice: function () { return notice.hidden ? "" : notice.textContent; },
    rowCount: function () {
      var results = yasgui.getTab().getYasr().results;
      return results && results.getBindings ? results.getBindings().length : null;
    }
  };
})();
