/* Charts of the plan's figures, a self-contained component: a page includes this script and an element
     <div class="hzkg-chart" data-chart="area" data-src="/charts/area?iri=…"></div>   (one zone's or area's figures)
     <div class="hzkg-chart" data-chart="gdp-targets" data-src="/charts/gdp-targets"></div>
   and gets the chart, drawn with the vendored ECharts (loaded from our static folder if the page has not),
   plus a table of the same figures under it. Every bar opens its figure's page; hovering shows the plan's
   sentence and section. window.hzkgCharts holds what was drawn, for the browser tests. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ECHARTS = script ? script.src.replace(/charts\.js(\?.*)?$/, "vendor/echarts/echarts.min.js") : "/static/vendor/echarts/echarts.min.js";
  var COLOURS = { baseline: "#7b8ea8", planned: "#e0a340", target: "#3a8f5c", contradiction: "#c0392b" };
  var drawn = [];
  window.hzkgCharts = { drawn: drawn, ready: false };

  function withECharts(then) {
    if (!document.querySelector("link[data-hzkg-charts]")) {
      var style = el("link", { rel: "stylesheet", href: ECHARTS.replace(/vendor\/echarts\/echarts\.min\.js$/, "charts.css"), "data-hzkg-charts": "" });
      document.head.appendChild(style);
    }
    if (window.echarts) return then();
    var tag = document.createElement("script");
    tag.src = ECHARTS;
    tag.onload = then;
    document.head.appendChild(tag);
  }

  function esc(text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) node.textContent = text;
    return node;
  }
  var BEFORE = { "超过": true, "预计": true };
  // As the plan writes it: 超过3000亿元, 预计28亿元, 100亿元左右, 1000家以上.
  function shown(figure, withUnit) {
    var q = figure.qualifier || "", unit = withUnit === false ? "" : (figure.unit || "");
    return (BEFORE[q] ? q : "") + figure.value + unit + (q && !BEFORE[q] ? q : "");
  }
  function sentences(figure) {
    return figure.citations.map(function (c) {
      return "<div class='hzkg-quote'><b>" + esc(c.section) + "</b> " + esc(c.quote) + "</div>";
    }).join("");
  }
  function tooltip(figure, extra) {
    return "<div class='hzkg-tip'><b>" + esc(figure.area_zh) + " · " + esc(figure.indicator_zh) + "</b> " +
      esc(figure.kind_zh + " " + figure.when) + "<br><span class='hzkg-value'>" + esc(shown(figure)) +
      "</span>" + (figure.contradiction ? "<br><b class='hzkg-conflict'>规划自相矛盾 the plan also says " +
      esc(figure.other_values.join(", ")) + "</b>" : "") + (extra || "") + sentences(figure) +
      "<div class='hzkg-hint'>点击打开 click to open the figure's page</div></div>";
  }
  function openOnClick(chart) {
    chart.on("click", function (params) {
      if (params.data && params.data.page) window.location.href = params.data.page;
    });
  }
  function tooltipOptions() {
    return { confine: true, extraCssText: "max-width: 28em; white-space: normal;",
             formatter: function (params) { return params.data && params.data.tip; } };
  }

  // A horizontal bar chart: one bar per item {label, value, colour, text, tip, page}.
  function bars(box, items, unit, height) {
    var chart = window.echarts.init(box, null, { renderer: "svg", height: height });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 150, top: 12, bottom: 8, containLabel: true },
      tooltip: tooltipOptions(),
      xAxis: { type: "value", splitLine: { lineStyle: { color: "#eee" } } },  // the unit is in the heading
      yAxis: { type: "category", inverse: true, data: items.map(function (i) { return i.label; }),
               axisLabel: { width: 260, overflow: "truncate" } },
      series: [{ type: "bar", barMaxWidth: 22, cursor: "pointer",
        data: items.map(function (i) {
          return { value: i.value, page: i.page, tip: i.tip, figure: i.figure,
                   itemStyle: { color: i.colour, decal: i.conflict ? { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -0.785 } : null } };
        }),
        label: { show: true, position: "right", formatter: function (p) { return items[p.dataIndex].text; } } }]
    });
    openOnClick(chart);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function table(container, caption, rows) {
    var details = el("details", { "class": "hzkg-chart-data" });
    details.appendChild(el("summary", {}, caption));
    var t = el("table", {});
    var head = el("tr");
    ["指标 indicator", "类别 kind", "时间 when", "数值 value", "单位 unit", "出处 sentence"].forEach(function (h) { head.appendChild(el("th", {}, h)); });
    t.appendChild(head);
    rows.forEach(function (f) {
      var tr = el("tr", { "data-observation": f.observation });
      tr.appendChild(el("td", {}, f.indicator_zh));
      tr.appendChild(el("td", {}, f.kind_zh));
      tr.appendChild(el("td", {}, f.when));
      var value = el("td", { "class": "num" });
      var link = el("a", { href: f.page || f.observation, "class": "hzkg-figure-link", "data-value": f.value }, shown(f, false));
      value.appendChild(link);
      if (f.contradiction) value.appendChild(el("span", { "class": "hzkg-conflict" }, " ⚠ 矛盾 contradiction"));
      tr.appendChild(value);
      tr.appendChild(el("td", {}, f.unit));
      var cell = el("td", { "class": "quote" });
      f.citations.forEach(function (c) { cell.appendChild(el("div", {}, c.section + "：" + c.quote)); });
      tr.appendChild(cell);
      t.appendChild(tr);
    });
    details.appendChild(t);
    container.appendChild(details);
  }

  // One axis holds comparable values: a unit's figures are drawn in more than one panel wherever one would be
  // more than MAGNITUDE times another (家: 1 to 30 zones and incubators beside 400 and 1,000 centres and
  // enterprises would leave the small ones as slivers). Bands start at each value more than MAGNITUDE times the
  // band's first; a value of 0 or below goes with the first band.
  var MAGNITUDE = 50;
  function byMagnitude(figures) {
    var starts = [];
    figures.map(function (f) { return f.value; }).filter(function (v) { return v > 0; })
      .sort(function (a, b) { return a - b; })
      .forEach(function (v) { if (!starts.length || v > starts[starts.length - 1] * MAGNITUDE) starts.push(v); });
    if (starts.length < 2) return [figures];
    return starts.map(function (start, i) {
      var next = i + 1 < starts.length ? starts[i + 1] : Infinity;
      return figures.filter(function (f) { return (i === 0 || f.value >= start) && f.value < next; });
    });
  }

  function drawArea(container, data) {
    container.appendChild(el("p", { "class": "hzkg-legend" },
      ""));
    var legend = container.lastChild;
    [["baseline", "基数 baseline"], ["planned", "计划 planned"], ["target", "目标 target"], ["contradiction", "规划自相矛盾 the plan contradicts itself"]].forEach(function (k) {
      var swatch = el("span", { "class": "hzkg-swatch" });
      swatch.style.background = COLOURS[k[0]];
      legend.appendChild(swatch);
      legend.appendChild(document.createTextNode(k[1] + "  "));
    });
    legend.appendChild(document.createTextNode(" · 左右, 以上, 超过, 预计: the plan's qualifiers"));
    data.groups.forEach(function (group) {
      var bands = byMagnitude(group.figures);
      bands.forEach(function (figures) { drawBand(group, figures, bands.length > 1); });
    });
    function drawBand(group, figures, split) {
      var items = figures.map(function (f) {
        var which = f.table_total ? "（附表合计）" : f.contradiction ? "（" + f.citations.map(function (c) { return c.section; }).join(" ") + "）" : "";
        return { label: f.indicator_zh + " " + f.when + which, value: f.value, page: f.page,
                 colour: f.contradiction ? COLOURS.contradiction : COLOURS[f.kind], conflict: f.contradiction,
                 text: shown(f) + (f.contradiction ? " ⚠ 矛盾" : ""), tip: tooltip(f), figure: f };
      });
      var values = figures.map(function (f) { return f.value; });
      var range = split ? " · " + Math.min.apply(null, values) + "–" + Math.max.apply(null, values) : "";
      container.appendChild(el("h4", { "class": "hzkg-unit" }, "单位 " + group.unit + range));
      var box = el("div", { "class": "hzkg-chart-box" });
      container.appendChild(box);
      var chart = bars(box, items, group.unit, 60 + 30 * items.length);
      drawn.push({ kind: "area", unit: group.unit, chart: chart, items: items.map(function (i) { return i.figure; }) });
    }
    table(container, "数据与出处 The figures and their sentences",
          data.groups.reduce(function (all, g) { return all.concat(g.figures); }, []));
  }

  function drawGdpTargets(container, data) {
    var names = {};
    data.targets.forEach(function (t) { names[t.area_zh] = (names[t.area_zh] || 0) + 1; });
    function label(t) {
      return t.area_zh + (names[t.area_zh] > 1 ? "（" + t.citations.map(function (c) { return c.section; }).join(" ") + "）" : "");
    }
    var targets = data.targets.map(function (t) {
      return { label: label(t), value: t.value, page: t.page, figure: t, conflict: t.contradiction,
               colour: t.contradiction ? COLOURS.contradiction : COLOURS.target,
               text: shown(t) + (t.contradiction ? " ⚠ 矛盾" : ""), tip: tooltip(t) };
    });
    container.appendChild(el("h3", {}, "2015年地区生产总值目标 2015 GDP targets (" + data.unit + ")"));
    var box = el("div", { "class": "hzkg-chart-box" });
    container.appendChild(box);
    drawn.push({ kind: "gdp-targets", chart: bars(box, targets, data.unit, 40 + 28 * targets.length),
                 items: data.targets });
    var growth = data.growth.map(function (g) {
      var extra = "<br>" + esc(g.measure) + ": " + esc(shown(g.from)) + " → " + esc(g.to_value) + " " + esc(g.unit) +
        " = ×" + g.ratio + " (+" + g.change_percent + " %, " + g.annual_percent + " % a year)" + sentences(g.from);
      return { label: g.area_zh + (g.measure.indexOf("GDP") >= 0 ? " · GDP" : " · 面积"), value: g.change_percent,
               page: g.to.page, figure: g, colour: g.measure.indexOf("GDP") >= 0 ? COLOURS.target : "#2f6f9f",
               text: "+" + g.change_percent + " % (×" + g.ratio + ")", tip: tooltip(g.to, extra) };
    });
    container.appendChild(el("h3", {}, "2015年相对2010年的增长 Growth the plan's figures imply against 2010 (%)"));
    container.appendChild(el("p", { "class": "hzkg-legend" }, "The plan gives no zone's 2010 GDP: for all zones together, GDP 2010 → 2015 target; " +
      "for each zone, its developed area in 2010 → that area plus its new development area 2011–2015 (as the named query growth-implied)."));
    var box2 = el("div", { "class": "hzkg-chart-box" });
    container.appendChild(box2);
    drawn.push({ kind: "growth", chart: bars(box2, growth, "%", 40 + 28 * growth.length), items: data.growth });
    table(container, "数据与出处 The targets and their sentences", data.targets);
  }

  function load(container) {
    var src = container.getAttribute("data-src");
    return fetch(src, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok || !data.ok) throw new Error(data.error || ("HTTP " + response.status));
        if (container.getAttribute("data-chart") === "gdp-targets") drawGdpTargets(container, data);
        else drawArea(container, data);
      });
    }).catch(function (error) {
      container.appendChild(el("p", { "class": "error" }, "图表无法加载 The chart could not be drawn: " + error.message));
    });
  }

  function start() {
    var containers = document.querySelectorAll(".hzkg-chart");
    if (!containers.length) return;
    withECharts(function () {
      Promise.all(Array.prototype.map.call(containers, load)).then(function () { window.hzkgCharts.ready = true; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
