/* The network explorer (/explore). Every label and fact from the data is put into the page
   with textContent (or drawn on vis-network's canvas), never as HTML: a label holding
   markup shows as text. window.hzkgExplorer reports progress to the browser tests. */
"use strict";
(function () {
  const started = performance.now();
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const root = document.getElementById("explorer");
  let language = root.dataset.language === "en" ? "en" : "zh";
  const status = { stabilised: false, stabilisationMs: null, settledAtMs: null, physics: true, nodeCount: data.nodes.length,
                   edgeCount: data.edges.length, visibleNodes: data.nodes.length };
  window.hzkgExplorer = status;
  const byId = (id) => document.getElementById(id);
  const other = () => (language === "zh" ? "en" : "zh");

  function tooltip(text) {  // an element, so that vis-network shows it as is, never parsed as HTML
    const box = document.createElement("div");
    box.className = "tooltip";
    box.textContent = text;
    return box;
  }
  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
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

  // for tests and scripted screenshots: where a node is drawn, in page pixels
  status.pagePosition = (id) => {
    const box = byId("network").getBoundingClientRect();
    const point = network.canvasToDOM(network.getPositions([id])[id]);
    return { x: box.left + point.x, y: box.top + point.y };
  };
  status.labelOf = (id) => nodes.get(id).label;
  status.positions = () => network.getPositions();

  function settled() {
    // Once laid out, the picture stays still: physics off, nodes move only when dragged.
    network.setOptions({ physics: false });
    network.fit({ maxZoomLevel: 2 });  // fill the canvas (fit stops at 1 by default)
    status.stabilisationMs = Math.round(performance.now() - started);  // from this script's start
    status.settledAtMs = Math.round(performance.now());  // from the start of navigation
    status.physics = false;
    status.stabilised = true;
    byId("settling").textContent = "布局完成 laid out in " + (status.stabilisationMs / 1000).toFixed(1) + " s";
  }
  if (data.nodes.length === 0) settled(); else network.once("stabilizationIterationsDone", settled);

  function legendLabel(entry) { return entry["label_" + language] + " · " + entry["label_" + other()]; }

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
    byId("panel-title").textContent = node["label_" + language];
    byId("panel-subtitle").textContent = node["label_" + other()] + " — " + legendLabel(kind);
    const facts = byId("panel-facts");
    facts.replaceChildren();
    const rows = [["IRI", node.iri]];
    if (node.aliases.length) rows.push(["别名 aliases", node.aliases.join("、")]);
    for (const [name, value] of node.facts) rows.push([name, value]);
    for (const [name, value] of rows) facts.append(element("dt", name), element("dd", value));
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
        const link = element("a", item["label_" + language]);
        link.setAttribute("href", "/explore?focus=" + encodeURIComponent(item.iri) + "&depth=1&lang=" + language);
        entry.append(link);
        if (item.weight && item.weight > 1) entry.append(element("span", " ×" + item.weight, "muted"));
        if (item.detail) entry.append(element("span", " · " + item.detail));
        if (item.sections.length) entry.append(element("span", " — " + item.sections.join("、"), "muted"));
        list.append(entry);
      }
      group.append(list);
      links.append(group);
    }
    showStatements(node);
    const page = byId("panel-page");
    // Only our own pages and web IRIs become links (a CONSTRUCT could produce javascript: IRIs).
    if (node.page && /^(\/|https?:\/\/)/.test(node.page)) page.setAttribute("href", node.page);
    else page.removeAttribute("href");
    byId("panel-focus").setAttribute("href", "/explore?focus=" + encodeURIComponent(node.iri) + "&depth=1&lang=" + language);
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
          const title = element("a", statement.title);
          if (statement.page) title.setAttribute("href", statement.page);
          entry.append(title);
          if (statement.conflict) entry.append(element("span", " ⚠ ≠ " + statement.conflict, "flag"));
          for (const quote of statement.quotes) {
            entry.append(element("blockquote", "「" + quote.text + "」 — " + quote.section, "plan"));
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
      .catch(() => { box.replaceChildren(element("p", "规划原文未能载入 the sentences could not be loaded", "muted")); });
  }

  network.on("click", (params) => {
    if (params.nodes.length) showPanel(params.nodes[0]);
  });
  byId("panel-close").addEventListener("click", () => { byId("panel").hidden = true; shown = null; });

  function relabel() {
    const withLabels = byId("edge-labels").checked;
    nodes.update(nodes.get().map((node) => ({ id: node.id, label: node["label_" + language] })));
    edges.update(edges.get().map((edge) => ({ id: edge.id, label: withLabels ? edge["label_" + language] : "" })));
  }
  byId("language").addEventListener("click", () => {
    language = other();
    document.documentElement.lang = language;
    byId("language").textContent = language === "zh" ? "English" : "中文";
    byId("view-title").textContent = byId("view-title").dataset[language];
    relabel();
    drawLegend();
    if (shown !== null) showPanel(shown);
  });
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
      byId("search-result").textContent = "未找到 not found";
      return;
    }
    byId("search-result").textContent = candidates.length > 1
      ? "另有 also: " + candidates.slice(1, 5).map((node) => node["label_" + language]).join("、") : "";
    network.selectNodes([found.id]);
    network.focus(found.id, { scale: 1.4, animation: { duration: 400 } });
    showPanel(found.id);
  });

  byId("language").textContent = language === "zh" ? "English" : "中文";
  drawLegend();
})();
