/* Result views for the SPARQL editor (YASR plugins, drawn with the vendored ECharts): any SELECT as a bar or
   line chart, a map (rows that name zones, areas, sub-cities or boundaries, or hold WKT) or a network; chosen
   in the editor, or by a comment in the query as on Wikidata: #defaultView:BarChart, LineChart, Map, Graph, Table.
   Loaded before editor.js, which creates YASGUI with these plugins registered. */
(function () {
  "use strict";
  var Yasr = Yasgui.Yasr;
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["decimal", "integer", "double", "float", "int", "long", "short", "nonNegativeInteger", "positiveInteger"]
    .map(function (t) { return XSD + t; });
  var WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";
  var VIEWS = { barchart: ["chart", "bar"], linechart: ["chart", "line"], map: ["map"], graph: ["network"], table: ["table"] };
  var config = JSON.parse(document.getElementById("editor-config").textContent);

  function esc(text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); }
  function isNumber(cell) { return cell && cell.type !== "uri" && NUMERIC.indexOf(cell.datatype) >= 0; }
  function isIri(cell) { return cell && cell.type === "uri"; }
  function isWkt(cell) {
    return cell && cell.type !== "uri" && (cell.datatype === WKT || /^\s*(<[^>]*>\s*)?(MULTI)?(POINT|POLYGON)\s*\(/i.test(cell.value));
  }
  function localPage(iri) {
    return iri.indexOf(config.baseIri) === 0 && iri.length > config.baseIri.length ? "/" + iri.slice(config.baseIri.length) : iri;
  }
  function results(yasr) {
    var r = yasr.results;
    if (!r || !r.getVariables || !r.getBindings || r.getError()) return null;
    var variables = r.getVariables(), rows = r.getBindings();
    return variables && variables.length && rows ? { variables: variables, rows: rows } : null;
  }
  // A label for an IRI cell from the same row: ?zone_zh, ?zone_label, ?zoneLabel, else its last path segment.
  function labelOf(row, variable) {
    var cell = row[variable];
    if (!cell) return "";
    if (!isIri(cell)) return cell.value;
    var own = config.language === "en" ? "_en" : "_zh", other = config.language === "en" ? "_zh" : "_en";
    var candidates = [variable + own, variable + "Label", variable + "_label", variable + other, "label", variable + "_name"];
    for (var i = 0; i < candidates.length; i++) if (row[candidates[i]]) return row[candidates[i]].value;
    return cell.value.replace(/\/$/, "").split(/[\/#]/).pop();
  }
  function areaName(boundary) { return config.language === "en" ? boundary.name_en : boundary.name_zh; }
  function box(yasr, height) {
    var el = document.createElement("div");
    el.className = "hzkg-view";
    el.style.height = height + "px";
    yasr.resultsEl.appendChild(el);
    return el;
  }
  function icon(text) {
    var span = document.createElement("span");
    span.className = "hzkg-view-icon";
    span.textContent = text;
    return span;
  }
  window.hzkgViews = { drawn: null };

  /* --- chart: the first non-numeric column on one axis, every numeric column as a series --- */
  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.label = config.texts.chart;
    this.priority = 2;
    var settings = yasr.config.plugins.chart && yasr.config.plugins.chart.dynamicConfig;
    this.mode = settings && settings.mode === "line" ? "line" : "bar";
  }
  ChartPlugin.prototype.canHandleResults = function () {
    var r = results(this.yasr);
    return !!r && r.variables.some(function (v) { return r.rows.some(function (row) { return isNumber(row[v]); }); });
  };
  ChartPlugin.prototype.getIcon = function () { return icon("▥"); };
  ChartPlugin.prototype.draw = function () {
    var r = results(this.yasr), self = this;
    var numeric = r.variables.filter(function (v) { return r.rows.some(function (row) { return isNumber(row[v]); }); });
    var category = r.variables.filter(function (v) {
      return numeric.indexOf(v) < 0 && r.rows.some(function (row) { return row[v] && !isWkt(row[v]); });
    });
    // Label columns of an IRI column are shown with it, not as a category of their own.
    var axis = category.filter(function (v) { return isIri((r.rows[0] || {})[v]); })[0] || category[0];
    var names = r.rows.map(function (row, i) { return axis ? labelOf(row, axis) : String(i + 1); });
    var controls = document.createElement("div");
    controls.className = "hzkg-view-controls";
    ["bar", "line"].forEach(function (mode) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = mode === "bar" ? config.texts.bar : config.texts.line;
      b.className = "hzkg-mode" + (self.mode === mode ? " selected" : "");
      b.dataset.mode = mode;
      b.addEventListener("click", function () { self.mode = mode; self.yasr.draw(); });
      controls.appendChild(b);
    });
    this.yasr.resultsEl.appendChild(controls);
    var horizontal = this.mode === "bar" && names.length > 8;
    var el = box(this.yasr, horizontal ? Math.min(4000, 80 + names.length * 26) : 420);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var categoryAxis = { type: "category", data: names, inverse: horizontal, axisLabel: { width: 240, overflow: "truncate", interval: 0, rotate: horizontal ? 0 : (names.length > 6 ? 30 : 0) } };
    var valueAxis = { type: "value" };
    chart.setOption({
      animation: false,
      legend: { show: numeric.length > 1, top: 0 },
      tooltip: { trigger: "item", confine: true, formatter: function (p) {
        var row = r.rows[p.dataIndex];
        return r.variables.map(function (v) { return row[v] ? "<b>" + esc(v) + "</b> " + esc(row[v].value) : ""; }).filter(Boolean).join("<br>");
      } },
      grid: { left: 8, right: 60, top: numeric.length > 1 ? 30 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: numeric.map(function (v) {
        return { name: v, type: self.mode, cursor: "pointer", label: { show: names.length <= 40, position: horizontal ? "right" : "top" },
                 data: r.rows.map(function (row) { return row[v] && isNumber(row[v]) ? Number(row[v].value) : null; }) };
      })
    });
    chart.on("click", function (p) {
      var cell = axis && r.rows[p.dataIndex][axis];
      if (isIri(cell)) window.open(localPage(cell.value), "_blank", "noopener");
    });
    this.chart = chart;
    window.hzkgViews.drawn = { view: "chart", mode: this.mode, chart: chart, names: names, series: numeric };
  };
  ChartPlugin.prototype.destroy = function () { if (this.chart) this.chart.dispose(); this.chart = null; };

  /* --- map: rows naming places that have a geometry, or holding WKT, on the Hangzhou base map --- */
  var mapData = null;
  function loadMapData() {
    if (!mapData) mapData = fetch("/map/data", { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); });
    return mapData;
  }
  function parseWkt(text) {
    var body = text.replace(/^\s*<[^>]*>\s*/, "");
    var rings = (body.match(/\(([^()]+)\)/g) || []).map(function (ring) {
      return ring.slice(1, -1).split(",").map(function (pair) { return pair.trim().split(/\s+/).map(Number); });
    });
    return /^\s*POINT/i.test(body) ? { point: rings[0][0] } : { rings: rings };
  }
  function MapPlugin(yasr) {
    this.yasr = yasr;
    this.label = config.texts.map;
    this.priority = 1;
  }
  MapPlugin.prototype.canHandleResults = function () {
    var r = results(this.yasr);
    if (!r) return false;
    return r.rows.some(function (row) {
      return r.variables.some(function (v) {
        var c = row[v];
        return isWkt(c) || (isIri(c) && /\/id\/(zone|area|sub-city|boundary)\//.test(c.value));
      });
    });
  };
  MapPlugin.prototype.getIcon = function () { return icon("◉"); };
  MapPlugin.prototype.draw = function () {
    var self = this, r = results(this.yasr), generation = this.generation = (this.generation || 0) + 1;
    var el = box(this.yasr, 560);
    return loadMapData().then(function (data) {
      // Results drawn again (or the view left) while the map data was on its way: this drawing is stale.
      if (generation !== self.generation || !el.isConnected) return;
      var points = {}, shapes = {};
      data.zones.forEach(function (z) { if (z.point) points[z.iri] = z.point; });
      var boundary = {};
      data.boundaries.forEach(function (b) { boundary[b.code] = b; shapes[b.iri] = [b.code]; });
      data.areas.concat(data.sub_cities).forEach(function (a) { shapes[a.iri] = a.boundaries; });
      if (!window.echarts.getMap("hangzhou-codes")) {
        window.echarts.registerMap("hangzhou-codes", { type: "FeatureCollection", features: data.boundaries.map(function (b) {
          return { type: "Feature", properties: { name: b.code }, geometry: b.geometry };
        }) });
      }
      var scatter = [], outlines = [], highlighted = {};
      r.rows.forEach(function (row, i) {
        r.variables.forEach(function (v) {
          var c = row[v];
          if (!c) return;
          var label = labelOf(row, v), page = isIri(c) ? localPage(c.value) : null;
          if (isIri(c) && points[c.value]) scatter.push({ name: label, value: points[c.value], page: page, row: i });
          else if (isIri(c) && shapes[c.value]) shapes[c.value].forEach(function (code) { highlighted[code] = label; });
          else if (isWkt(c)) {
            var g = parseWkt(c.value), name = labelOf(row, r.variables[0]);
            if (g.point) scatter.push({ name: name, value: g.point, row: i });
            else g.rings.forEach(function (ring) { outlines.push({ coords: ring, name: name }); });
          }
        });
      });
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        tooltip: { confine: true, formatter: function (p) {
          if (p.componentType === "geo") return esc(areaName(boundary[p.name])) + (highlighted[p.name] ? "<br>" + esc(highlighted[p.name]) : "");
          return esc(p.name);
        } },
        geo: { map: "hangzhou-codes", roam: true, aspectScale: Math.cos(30 * Math.PI / 180),
               label: { show: true, color: "#999", fontSize: 10, formatter: function (p) { return areaName(boundary[p.name]).replace("（今）", ""); } },
               itemStyle: { areaColor: "#f6f4ee", borderColor: "#aaa" }, select: { disabled: true },
               regions: Object.keys(highlighted).map(function (code) { return { name: code, itemStyle: { areaColor: "#cfe3d4" } }; }) },
        series: [
          { type: "lines", coordinateSystem: "geo", polyline: true, data: outlines, lineStyle: { color: "#2f6f9f", width: 1.5 } },
          { type: "scatter", coordinateSystem: "geo", data: scatter, symbolSize: 11, itemStyle: { color: "#c0392b" }, cursor: "pointer",
            label: { show: scatter.length <= 40, position: "right", formatter: "{b}", fontSize: 11, textBorderColor: "#fff", textBorderWidth: 3 } }
        ]
      });
      chart.on("click", function (p) { if (p.data && p.data.page) window.open(p.data.page, "_blank", "noopener"); });
      self.chart = chart;
      window.hzkgViews.drawn = { view: "map", chart: chart, points: scatter.length, areas: Object.keys(highlighted).length, outlines: outlines.length };
    });
  };
  MapPlugin.prototype.destroy = function () {
    this.generation = (this.generation || 0) + 1;
    ChartPlugin.prototype.destroy.call(this);
  };

  /* --- network: IRIs of a row linked, column to column, as the explorer draws them --- */
  function NetworkPlugin(yasr) {
    this.yasr = yasr;
    this.label = config.texts.network;
    this.priority = 0;
  }
  function iriColumns(r) {
    return r.variables.filter(function (v) { return r.rows.some(function (row) { return isIri(row[v]); }); });
  }
  NetworkPlugin.prototype.canHandleResults = function () {
    var r = results(this.yasr);
    return !!r && iriColumns(r).length >= 2;
  };
  NetworkPlugin.prototype.getIcon = function () { return icon("⋈"); };
  NetworkPlugin.prototype.draw = function () {
    var r = results(this.yasr), columns = iriColumns(r), nodes = {}, links = [];
    r.rows.forEach(function (row) {
      var present = columns.filter(function (v) { return isIri(row[v]); });
      present.forEach(function (v, i) {
        var iri = row[v].value;
        nodes[iri] = nodes[iri] || { id: iri, name: labelOf(row, v), category: columns.indexOf(v), page: localPage(iri), value: 0 };
        nodes[iri].value += 1;
        if (i > 0) links.push({ source: row[present[i - 1]].value, target: iri, relation: present[i - 1] + " → " + v });
      });
    });
    var list = Object.keys(nodes).map(function (k) { return nodes[k]; });
    var query = asConstruct(this.yasr, columns);
    if (query) {
      var controls = document.createElement("div");
      controls.className = "hzkg-view-controls";
      var link = document.createElement("a");
      link.className = "hzkg-open-explorer";
      link.href = config.explore + "?query=" + encodeURIComponent(query);
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = config.texts.explorer;
      link.title = "the same links as a CONSTRUCT query, drawn by /explore with its filters and side panel";
      controls.appendChild(link);
      this.yasr.resultsEl.appendChild(controls);
    }
    var el = box(this.yasr, 560);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      legend: { data: columns, top: 0 },
      tooltip: { confine: true, formatter: function (p) {
        return p.dataType === "edge" ? esc(p.data.relation) : "<b>" + esc(p.data.name) + "</b><br>" + esc(p.data.id);
      } },
      series: [{ type: "graph", layout: "force", roam: true, draggable: true, top: 40, bottom: 20, left: 20, right: 120,
                 categories: columns.map(function (v) { return { name: v }; }),
                 data: list.map(function (n) { return Object.assign({ symbolSize: 8 + 3 * Math.sqrt(n.value) }, n); }),
                 links: links, force: { repulsion: 90, edgeLength: 50, gravity: 0.15, layoutAnimation: false },
                 label: { show: list.length <= 80, position: "right", fontSize: 11 }, lineStyle: { color: "#aaa", opacity: 0.7 } }]
    });
    chart.on("click", function (p) { if (p.dataType === "node" && p.data.page) window.open(p.data.page, "_blank", "noopener"); });
    this.chart = chart;
    window.hzkgViews.drawn = { view: "network", chart: chart, nodes: list.length, links: links.length };
  };
  NetworkPlugin.prototype.destroy = ChartPlugin.prototype.destroy;

  // The SELECT as a CONSTRUCT for /explore: each pair of neighbouring IRI columns a link named after them
  // (urn:hzkg:column:<a>-<b>), with the labels and types of the resources. The query runs as a sub-SELECT.
  function asConstruct(yasr, columns) {
    var tab = window.hzkgEditor && window.hzkgEditor.yasgui.getTab();
    var select = tab ? tab.getQuery() : "";
    var prologue = [], body = [], inBody = false;
    select.split("\n").forEach(function (line) {
      if (!inBody && /^\s*(PREFIX|BASE|#|$)/i.test(line)) prologue.push(line.replace(/^\s*#.*$/, ""));
      else { inBody = true; body.push(line); }
    });
    if (!/^\s*SELECT\b/i.test(body.join("\n")) || columns.length < 2) return null;
    var template = [], optional = [];
    columns.forEach(function (v, i) {
      if (i > 0) {
        var link = "<urn:hzkg:column:" + columns[i - 1] + "-" + v + ">";
        template.push("?" + columns[i - 1] + " " + link + " ?" + v + " . " + link +
                      " <http://www.w3.org/2000/01/rdf-schema#label> \"" + columns[i - 1] + " → " + v + "\"@en .");
      }
      template.push("?" + v + " <http://www.w3.org/2000/01/rdf-schema#label> ?hzkg_label_" + i + " . ?" + v + " a ?hzkg_type_" + i + " .");
      optional.push("OPTIONAL { ?" + v + " <http://www.w3.org/2000/01/rdf-schema#label> ?hzkg_label_" + i + " }",
                    "OPTIONAL { ?" + v + " a ?hzkg_type_" + i + " }");
    });
    return prologue.join("\n").trim() + "\nCONSTRUCT {\n  " + template.join("\n  ") + "\n} WHERE {\n  {\n" +
      body.join("\n") + "\n  }\n  " + optional.join("\n  ") + "\n}";
  }

  Yasr.registerPlugin("chart", ChartPlugin);
  Yasr.registerPlugin("map", MapPlugin);
  Yasr.registerPlugin("network", NetworkPlugin);
  // Table first, then the pictures; the raw response stays last.
  Yasr.defaults.pluginOrder = ["table", "chart", "map", "network", "response"];

  /* #defaultView:BarChart (Wikidata's convention) picks the view for the query's results. */
  window.hzkgViews.defaultView = function (query) {
    var match = /^\s*#\s*defaultView\s*:\s*(\w+)/im.exec(query || "");
    return match ? VIEWS[match[1].toLowerCase()] || null : null;
  };
  window.hzkgViews.applyDefaultView = function (tab) {
    var view = window.hzkgViews.defaultView(tab.getQuery()), yasr = tab.getYasr();
    if (!view || !yasr) return;
    if (view[0] === "chart") yasr.plugins.chart.mode = view[1];
    // Set before the response is drawn (selectPlugin would first redraw the previous results).
    yasr.selectedPlugin = view[0];
  };
})();
