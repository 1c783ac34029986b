/* The network explorer (/explore). Every label and fact from the data is put into the page
   with textContent (or drawn on vis-network's canvas), never as HTML: a label holding
   markup shows as text. window.hzkgExplorer reports progress to the browser tests.
   One language at a time, the page's (<html lang>, chosen by the server): interface words by say(中文, English);
   the plan's own words (names, sentences, sections) in the other language are marked with their lang. */
"use strict";
(function () {
  const started = performance.now();
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const language = document.documentElement.lang === "en" ? "en" : "zh";
  const say = (zh, en) => (language === "en" ? en : zh);
  const status = { stabilised: false, stabilisationMs: null, settledAtMs: null, physics: true, nodeCount: data.nodes.length,
                   edgeCount: data.edges.length, visibleNodes: data.nodes.length };
  window.hzkgExplorer = status;
  const byId = (id) => document.getElementById(id);
  const other = language === "zh" ? "en" : "zh";
  const CHINESE = /[\u3400-\u9fff]/;

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }
  // Words of the plan or the graph (names, sentences, sections, facts): marked lang="zh" in an English page when
  // Chinese, lang="en" in a Chinese page when they hold no Chinese (a name the graph has only in English).
  function datum(tag, text, className) {
    const made = element(tag, text, className);
    const chinese = CHINESE.test(text || "");
    if (language === "en" && chinese) made.lang = "zh";
    else if (language === "zh" && !chinese && /[A-Za-z]{2}/.test(text || "")) made.lang = "en";
    return made;
  }
  function tooltip(lines) {  // an element, so that vis-network shows it as is, never parsed as HTML
    const box = element("div", undefined, "tooltip");
    for (const line of lines) {
      const row = element("div");
      line.forEach(([text, lang], index) => {
        const joined = !index || /[：、]$/.test(line[index - 1][0]) || text.startsWith("、");
        const piece = element("span", (joined ? "" : " ") + text);
        if (lang !== language) piece.lang = lang;
        row.append(piece);
      });
      box.append(row);
    }
    return box;
  }

  const nodes = new vis.DataSet(data.nodes.map((node) => Object.assign({}, node,
    { label: node["label_" + language], title: tooltip(node.title) })));
  const edges = new vis.DataSet(data.edges.map((edge) => Object.assign({}, edge,
    { label: byId("edge-labels").checked ? edge["label_" + language] : "", title: tooltip(edge.title) })));
  const hiddenKinds = new Set();
  const hiddenRelations = new Set();
  const nodeView = new vis.DataView(nodes, { filter: (node) => !hiddenKinds.has(node.kind) });
  // The shared-industry view: links with fewer shared industries than the threshold are hidden
  const threshold = byId("min-weight");
  let minWeight = threshold ? Math.max(1, parseInt(threshold.value, 10) || 1) : 1;
  const edgeView = new vis.DataView(edges, { filter: (edge) => !hiddenRelations.has(edge.relation)
                                                               && (edge.weight || 1) >= minWeight });
  if (threshold) {
    threshold.addEventListener("input", () => {
      minWeight = Math.max(1, parseInt(threshold.value, 10) || 1);
      edgeView.refresh();
      status.visibleEdges = edgeView.length;
      byId("edge-count").textContent = edgeView.length;
    });
  }
  status.visibleEdges = edgeView.length;
  byId("edge-count").textContent = edgeView.length;
  // A projection (zones linked by shared industries or partnerships) is drawn on a circle, alike zones side by side,
  // each label outside the circle: a link is a chord, so it never crosses another zone or its label.
  const onCircle = !data.directed && data.nodes.length > 2;
  // A zone's name around the circle, short in English as English writing shortens it (Xiaoshan ETDZ); the panel,
  // tooltip and search have the whole name.
  const circleLabel = (node) => {
    if (language !== "en") return node.label_zh;
    const short = (node.label_en || node.label_zh).replace(/ Economic and Technological Development Zone$/, " ETDZ")
      .replace(/ Economic Development Zone$/, " EDZ").replace(/ Industry Development Zone$/, " Zone").replace(/^Zhejiang /, "");
    return short.length > 30 ? short.slice(0, 29) + "…" : short;
  };
  const dimmed = new Set();  // the nodes a selection has dimmed
  const outsideLabels = new Map();
  if (onCircle) circleLayout();
  function circleLayout() {
    const weight = new Map();
    for (const edge of data.edges) {
      weight.set(edge.from + " " + edge.to, edge.weight || 1);
      weight.set(edge.to + " " + edge.from, edge.weight || 1);
    }
    const strength = (node) => data.edges.reduce((sum, edge) => sum + (edge.from === node.id || edge.to === node.id ? edge.weight || 1 : 0), 0);
    const left = data.nodes.slice().sort((a, b) => strength(b) - strength(a) || (a.id < b.id ? -1 : 1));
    const order = [left.shift()];
    while (left.length) {  // greedy: next, the zone most alike the last one placed
      const last = order[order.length - 1].id;
      left.sort((a, b) => (weight.get(last + " " + b.id) || 0) - (weight.get(last + " " + a.id) || 0) || strength(b) - strength(a));
      order.push(left.shift());
    }
    const radius = Math.max(220, order.length * 26);
    order.forEach((node, index) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * index) / order.length;
      nodes.update({ id: node.id, x: radius * Math.cos(angle), y: radius * Math.sin(angle), label: "", fixed: true });
      outsideLabels.set(node.id, { angle: angle, radius: radius });
    });
  }
  const network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, {
    physics: { solver: "forceAtlas2Based",
               // a projection is small and dense: longer springs keep its labels apart
               forceAtlas2Based: { gravitationalConstant: data.directed ? -60 : -120, centralGravity: 0.02,
                                   springLength: data.directed ? 95 : 260, avoidOverlap: data.directed ? 0.3 : 0.8 },
               stabilization: { iterations: 400, updateInterval: 25 } },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
    edges: { font: { size: 9, align: "middle", color: "#555" }, smooth: false, color: { opacity: 0.55 } },
    nodes: { font: { size: 14 } },
    // the same picture on every load; improvedLayout (Kamada-Kawai) gives up on graphs this size
    layout: { randomSeed: 7, improvedLayout: false },
  });
  if (onCircle) network.setOptions({ physics: false });
  status.labelBoxes = {};
  network.on("afterDrawing", (context) => {
    if (!onCircle) return;
    const scale = network.getScale();  // labels stay 13 px on screen whatever the zoom
    context.font = Math.round(13 / scale) + "px system-ui, 'WenQuanYi Zen Hei', sans-serif";
    context.textBaseline = "middle";
    status.labelBoxes = {};
    for (const node of nodeView.get()) {
      const place = outsideLabels.get(node.id);
      if (!place) continue;
      // Along the radius, outward (as a chord diagram writes them): labels neither meet the chords nor each other.
      const text = circleLabel(node);
      const width = context.measureText(text).width, height = 16 / scale, gap = 20 / scale;
      const flip = Math.cos(place.angle) < 0;  // the left half reads from the outside in, never upside down
      context.save();
      context.translate((place.radius + gap) * Math.cos(place.angle), (place.radius + gap) * Math.sin(place.angle));
      context.rotate(flip ? place.angle + Math.PI : place.angle);
      context.textAlign = flip ? "right" : "left";
      context.fillStyle = dimmed.size && dimmed.has(node.id) ? "#c8c8c8" : "#222";
      context.fillText(text, 0, 0);
      context.restore();
      const ux = Math.cos(place.angle), uy = Math.sin(place.angle), vx = -uy, vy = ux;
      const near = place.radius + gap, far = near + width;
      status.labelBoxes[node.id] = [[near, -height / 2], [far, -height / 2], [far, height / 2], [near, height / 2]]
        .map(([along, across]) => ({ x: along * ux + across * vx, y: along * uy + across * vy }));
    }
  });
  status.onCircle = onCircle;

  // for tests and scripted screenshots: where a node is drawn, in page pixels
  status.pagePosition = (id) => {
    const box = byId("network").getBoundingClientRect();
    const point = network.canvasToDOM(network.getPositions([id])[id]);
    return { x: box.left + point.x, y: box.top + point.y };
  };
  status.labelOf = (id) => nodes.get(id).label;
  status.edgeMidpoint = (id) => {  // where a link is drawn, half-way, in page pixels
    const edge = edges.get(id), box = byId("network").getBoundingClientRect();
    const ends = network.getPositions([edge.from, edge.to]);
    const point = network.canvasToDOM({ x: (ends[edge.from].x + ends[edge.to].x) / 2, y: (ends[edge.from].y + ends[edge.to].y) / 2 });
    return { x: box.left + point.x, y: box.top + point.y };
  };
  status.visibleEdgeIds = () => edgeView.getIds();
  status.visibleLinks = () => edgeView.get().map((edge) => ({ id: edge.id, from: edge.from, to: edge.to, weight: edge.weight }));
  status.positions = () => network.getPositions();

  function fitCircle() {  // room for the labels outside the circle: the longest one's width on each side
    if (!onCircle) return;
    const box = byId("network").getBoundingClientRect(), radius = outsideLabels.values().next().value.radius;
    const measure = document.createElement("canvas").getContext("2d");
    measure.font = "13px system-ui, 'WenQuanYi Zen Hei', sans-serif";
    const room = Math.max(...data.nodes.map((node) => measure.measureText(circleLabel(node)).width)) + 30;
    network.moveTo({ position: { x: 0, y: 0 }, scale: Math.max(0.2, (Math.min(box.width, box.height) - 2 * room) / (2 * radius + 40)) });
  }
  // status.fittedWidth: the network's width once the picture was refitted to it (the tests click a
  // link only then: closing the panel widens the network, and the picture moves 60 ms later).
  new ResizeObserver(() => {
    if (!status.stabilised) return;
    setTimeout(() => { fitCircle(); status.fittedWidth = byId("network").getBoundingClientRect().width; }, 60);
  }).observe(byId("network"));
  function settled() {
    // Once laid out, the picture stays still: physics off, nodes move only when dragged.
    network.setOptions({ physics: false });
    network.fit({ maxZoomLevel: 2 });  // fill the canvas (fit stops at 1 by default)
    fitCircle();
    status.stabilisationMs = Math.round(performance.now() - started);  // from this script's start
    status.settledAtMs = Math.round(performance.now());  // from the start of navigation
    status.physics = false;
    status.stabilised = true;
    status.fittedWidth = byId("network").getBoundingClientRect().width;
    byId("settling").textContent = say("布局完成，用时 ", "laid out in ") + (status.stabilisationMs / 1000).toFixed(1) + say(" 秒", " s");
  }
  if (data.nodes.length === 0 || onCircle) settled(); else network.once("stabilizationIterationsDone", settled);

  function legendLabel(entry) { return entry["label_" + language]; }

  function filterList(listId, entries, hidden, key, refresh) {
    const list = byId(listId);
    list.replaceChildren();
    for (const entry of entries) {
      const item = element("li");
      const label = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.checked = !hidden.has(entry[key]);
      box.dataset.filter = entry[key];
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(entry[key]); else hidden.add(entry[key]);
        refresh.refresh();
        status.visibleNodes = nodeView.length;
        byId("node-count").textContent = nodeView.length;
        byId("edge-count").textContent = edgeView.length;
      });
      label.append(box);
      if (entry.colour) {
        const swatch = element("span", undefined, "swatch shape-" + entry.shape);
        swatch.style.backgroundColor = entry.colour;
        label.append(swatch);
      }
      label.append(element("span", legendLabel(entry) + " (" + entry.count + ")"));
      item.append(label);
      list.append(item);
    }
  }
  function drawLegend() {
    filterList("kind-filters", data.legend, hiddenKinds, "kind", nodeView);
    filterList("relation-filters", data.relations, hiddenRelations, "relation", edgeView);
  }

  let shown = null;
  function showPanel(id) {
    const node = nodes.get(id);
    if (!node) return;
    shown = id;
    const kind = data.legend.find((entry) => entry.kind === node.kind) || { label_zh: node.kind, label_en: node.kind };
    byId("panel").hidden = false;
    byId("panel-title").replaceChildren(datum("span", node["label_" + language]));
    const subtitle = byId("panel-subtitle");
    subtitle.replaceChildren();
    const originalName = node["label_" + other];  // the name in the other language, marked as such
    if (originalName && originalName !== node["label_" + language]) {
      const name = element("span", originalName);
      name.lang = CHINESE.test(originalName) ? "zh" : "en";
      subtitle.append(name, " — ");
    }
    subtitle.append(legendLabel(kind));
    const facts = byId("panel-facts");
    facts.replaceChildren();
    const rows = [["IRI", [node.iri]]];
    if (node.aliases.length) rows.push([say("别名", "aliases"), node.aliases]);  // in either language, each marked
    for (const [name, value] of node.facts) rows.push([name, [value]]);
    for (const [name, values] of rows) {
      const value = element("dd");
      values.forEach((text, index) => value.append(...(index ? ["、"] : []), datum("span", text)));
      facts.append(element("dt", name), value);
    }
    // Neighbours by relation: who, in which role (or which shared industries), where the plan says so
    const links = byId("panel-links");
    links.replaceChildren();
    const groups = new Map();
    for (const item of node.neighbours) {
      const key = ({ out: "→ ", in: "← " }[item.direction] || "") + item["relation_" + language];
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    for (const [relation, items] of groups) {
      const group = element("li");
      group.append(element("strong", relation + " (" + items.length + ")"));
      const list = element("ul");
      for (const item of items) {
        const entry = element("li");
        const link = datum("a", item["label_" + language]);
        link.setAttribute("href", "/explore?focus=" + encodeURIComponent(item.iri) + "&depth=1");
        entry.append(link);
        if (item.weight && item.weight > 1) entry.append(element("span", " ×" + item.weight, "muted"));
        if (item["detail_" + language]) entry.append(datum("span", " · " + item["detail_" + language]));
        if (item.sections.length) entry.append(datum("span", " — " + item.sections.join("、"), "muted"));
        list.append(entry);
      }
      group.append(list);
      links.append(group);
    }
    showStatements(node);
    const page = byId("panel-page");
    // Only our own pages and web IRIs become links (a CONSTRUCT could produce javascript: IRIs).
    page.textContent = say("资源页", "Resource page");
    status.linkShown = null;
    if (node.page && /^(\/|https?:\/\/)/.test(node.page)) page.setAttribute("href", node.page);
    else page.removeAttribute("href");
    byId("panel-focus").setAttribute("href", "/explore?focus=" + encodeURIComponent(node.iri) + "&depth=1");
  }
  // The plan's sentences behind the node's statements, from /profiles (the resource page's data)
  const fetched = new Map();
  function showStatements(node) {
    const box = byId("panel-statements");
    box.replaceChildren(element("p", "…", "muted"));
    if (!node.page || node.page.charAt(0) !== "/") { box.replaceChildren(); return; }
    const render = (profile) => {
      if (shown !== node.id) return;
      box.replaceChildren();
      for (const group of profile.groups || []) {
        box.append(element("h3", group["label_" + language] + " (" + group.statements.length + ")"));
        const list = element("ul", undefined, "statements");
        for (const statement of group.statements) {
          const entry = element("li");
          const title = datum("a", statement.title);
          if (statement.page) title.setAttribute("href", statement.page);
          entry.append(title);
          if (statement.conflict) entry.append(datum("span", " ⚠ ≠ " + statement.conflict, "flag"));
          for (const quote of statement.quotes) {
            entry.append(datum("blockquote", "「" + quote.text + "」 — " + quote.section, "plan"));
          }
          list.append(entry);
        }
        box.append(list);
      }
      status.statementsShown = (profile.groups || []).length;
    };
    if (fetched.has(node.iri)) { render(fetched.get(node.iri)); return; }
    fetch("/profiles?iri=" + encodeURIComponent(node.iri), { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((profile) => { fetched.set(node.iri, profile); render(profile); })
      .catch(() => { box.replaceChildren(element("p", say("规划原文未能载入", "the sentences could not be loaded"), "muted")); });
  }

  // Selecting a node dims everything not linked to it; a click on empty space brings all back.
  function dimAllBut(id) {
    undim();
    const near = new Set([id, ...network.getConnectedNodes(id)]);
    const nearEdges = new Set(network.getConnectedEdges(id));
    nodes.update(nodes.get().filter((node) => !near.has(node.id)).map((node) => {
      dimmed.add(node.id);
      return { id: node.id, color: "#e4e4e4", font: { color: "#c8c8c8" } };
    }));
    edges.update(edges.get().filter((edge) => !nearEdges.has(edge.id))
      .map((edge) => ({ id: edge.id, color: { opacity: 0.07 }, font: { color: "rgba(0,0,0,0)" } })));
    status.dimmed = dimmed.size;
  }
  function undim() {
    if (!dimmed.size) return;
    const original = new Map(data.nodes.map((node) => [node.id, node.color]));
    nodes.update([...dimmed].map((id) => ({ id: id, color: original.get(id), font: { color: "#343434" } })));
    edges.update(edges.get().map((edge) => ({ id: edge.id, color: { opacity: 0.55 }, font: { color: "#555" } })));
    dimmed.clear();
    status.dimmed = 0;
  }
  status.dimmed = 0;

  network.on("click", (params) => {
    if (params.nodes.length) {
      dimAllBut(params.nodes[0]);
      showPanel(params.nodes[0]);
    } else if (params.edges.length) {
      showLink(params.edges[0]);
    } else {
      undim();
    }
  });
  byId("panel-close").addEventListener("click", () => { byId("panel").hidden = true; shown = null; undim(); });

  // A click on a link opens what it stands for: the industries two zones share, with the plan's sentences
  // (from /compare), or the statement behind a link with its sentence (from the source's /profiles).
  function showLink(id) {
    const edge = edges.get(id);
    const from = nodes.get(edge.from), to = nodes.get(edge.to);
    if (!from || !to) return;
    shown = null;
    byId("panel").hidden = false;
    byId("panel-title").replaceChildren(datum("span", from["label_" + language]), " — ", datum("span", to["label_" + language]));
    byId("panel-subtitle").textContent = edge["relation_" + language] + (edge.weight > 1 ? " ×" + edge.weight : "");
    byId("panel-facts").replaceChildren();
    byId("panel-links").replaceChildren();
    const box = byId("panel-statements");
    box.replaceChildren(element("p", "…", "muted"));
    const zones = from.kind === "DevelopmentZone" && to.kind === "DevelopmentZone";
    const compare = "/compare?zone=" + encodeURIComponent(from.iri) + "&zone=" + encodeURIComponent(to.iri);
    const page = byId("panel-page");
    if (zones) { page.setAttribute("href", compare); page.textContent = say("并排比较", "Compare side by side"); }
    else if (from.page && from.page.charAt(0) === "/") { page.setAttribute("href", from.page); page.textContent = say("资源页", "Resource page"); }
    byId("panel-focus").setAttribute("href", "/explore?focus=" + encodeURIComponent(from.iri) + "&depth=1");
    status.linkShown = edge.id;
    if (edge.relation === "shared-industries") {
      fetch(compare + "&format=json", { headers: { Accept: "application/json" } })
        .then((response) => response.json())
        .then((answer) => {
          if (status.linkShown !== edge.id) return;
          box.replaceChildren(element("h3", say("共有产业", "shared industries") + " (" + answer.shared.length + ")"));
          const list = element("ul", undefined, "statements");
          const named = (thing) => (language === "en" && thing.label_en) || thing.label;
          for (const industry of answer.shared) {
            const entry = element("li");
            const name = datum("a", named(industry));
            name.setAttribute("href", industry.page);
            entry.append(name);
            for (const zone of answer.zones) {
              for (const role of (industry.roles[zone.iri] || [])) {
                const quote = element("blockquote", undefined, "plan");
                quote.append(datum("span", named(zone)), " · ", datum("span", named(role)), say("：", ": "),
                             datum("span", "「" + role.sentence + "」 — " + role.section));
                entry.append(quote);
              }
              const path = industry.through_taxonomy[zone.iri];
              if (path) {
                const through = element("p", undefined, "muted");
                through.append(datum("span", named(zone)), say(" 只经由分类：", " only through the taxonomy: "),
                               datum("span", path.join(" → ")));
                entry.append(through);
              }
            }
            list.append(entry);
          }
          box.append(list);
          status.linkStatements = answer.shared.length;
        })
        .catch(() => { box.replaceChildren(element("p", say("未能载入", "could not be loaded"), "muted")); });
      return;
    }
    fetch("/profiles?iri=" + encodeURIComponent(from.iri), { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((profile) => {
        if (status.linkShown !== edge.id) return;
        box.replaceChildren();
        const names = [to.label_zh, to.label_en].filter(Boolean);
        let count = 0;
        for (const group of profile.groups || []) {
          for (const statement of group.statements) {
            const text = statement.title + " " + statement.cells.map((cell) => cell.text).join(" ");
            if (!names.some((name) => text.includes(name))) continue;
            const entry = element("div");
            const title = datum("a", statement.title);
            if (statement.page) title.setAttribute("href", statement.page);
            entry.append(title);
            for (const quote of statement.quotes) entry.append(datum("blockquote", "「" + quote.text + "」 — " + quote.section, "plan"));
            box.append(entry);
            count += 1;
          }
        }
        if (!count) box.append(datum("p", edge.title.map((line) => line.map(([text]) => text).join("")).join(" · "), "muted"));
        status.linkStatements = count;
      })
      .catch(() => { box.replaceChildren(element("p", say("未能载入", "could not be loaded"), "muted")); });
  }

  function relabel() {
    const withLabels = byId("edge-labels").checked;
    nodes.update(nodes.get().map((node) => ({ id: node.id, label: onCircle ? "" : node["label_" + language] })));
    edges.update(edges.get().map((edge) => ({ id: edge.id, label: withLabels ? edge["label_" + language] : "" })));
  }
  byId("edge-labels").addEventListener("change", relabel);

  byId("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const wanted = byId("search-text").value.trim().toLowerCase();
    if (!wanted) return;
    const names = (node) => [node.label_zh, node.label_en].concat(node.aliases).map((name) => name.toLowerCase());
    // Zones before other places of the same name (临安 finds 浙江临安经济开发区, then the district),
    // then exact names before partial ones, shorter names first; the others are offered
    const place = (name) => (name === wanted ? 0 : name.startsWith(wanted) ? 1 : name.includes(wanted) ? 2 : 3);
    const rank = (node) => [node.kind === "DevelopmentZone" ? 0 : 1, Math.min(...names(node).map(place)),
                            node["label_" + language].length];
    const better = (a, b) => { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; };
    const candidates = nodeView.get().filter((node) => names(node).some((name) => name.includes(wanted)))
      .sort((a, b) => better(rank(a), rank(b)));
    const found = candidates[0];
    if (!found) {
      byId("search-result").textContent = say("未找到", "not found");
      return;
    }
    byId("search-result").replaceChildren();
    if (candidates.length > 1) {
      byId("search-result").append(say("另有：", "also: "),
        datum("span", candidates.slice(1, 5).map((node) => node["label_" + language]).join(say("、", "; "))));
    }
    network.selectNodes([found.id]);
    network.focus(found.id, { scale: 1.4, animation: { duration: 400 } });
    showPanel(found.id);
  });

  drawLegend();
})();
