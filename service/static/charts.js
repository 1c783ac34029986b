/* Charts of the plan's figures, a self-contained component: a page includes this script (after static/language.js,
   which base.html loads) and an element
     <div class="hzkg-chart" data-chart="area" data-src="/charts/area?iri=…"></div>   (one zone's or area's figures)
     <div class="hzkg-chart" data-chart="gdp-targets" data-src="/charts/gdp-targets"></div>
   and gets the chart, drawn with the vendored ECharts (loaded from our static folder if the page has not),
   plus a table of the same figures under it. Every bar opens its figure's page; hovering shows the plan's
   sentence and section. window.hzkgCharts holds what was drawn, for the browser tests.
   One language at a time, the page's (<html lang>): names, headings, axes and tooltips in it; in an English page the
   plan's sentences and section numbers are its Chinese originals, marked lang="zh". */
(function () {
  "use strict";
  var language = hzkgLanguage.language, say = hzkgLanguage.say, named = hzkgLanguage.named;  // static/language.js
  // The plan's qualifiers in English, and a unit as an English reader says it (as service/model/words.py does).
  var QUALIFIERS = { "左右": "about ", "以上": "at least ", "超过": "more than ", "预计": "expected " };
  var ENGLISH_UNITS = { YiYuan: [0.1, " billion yuan"], YiYuanPerSquareKilometre: [0.1, " billion yuan per km²"],
                        TenThousandPersons: [10000, " persons"], SquareKilometre: [1, " km²"], Percent: [1, "%"], Count: [1, ""] };
  var KINDS = { baseline: "基数", planned: "计划", target: "目标" };
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
    var q = figure.qualifier || "";
    if (language === "en") {
      var english = ENGLISH_UNITS[figure.unit_id];
      if (withUnit === false || !english) {
        return (QUALIFIERS[q] || "") + figure.value + (withUnit === false || !figure.unit_en ? "" : " " + figure.unit_en);
      }
      var value = Math.round(figure.value * english[0] * 1000) / 1000;
      return (QUALIFIERS[q] || "") + value.toLocaleString("en") + english[1];
    }
    var unit = withUnit === false ? "" : (figure.unit || "");
    return (BEFORE[q] ? q : "") + figure.value + unit + (q && !BEFORE[q] ? q : "");
  }
  // A bar's label: in English in the axis's unit, which the heading names (about 250 on a scale of 100 million yuan)
  function barText(figure) { return language === "en" ? shown(figure, false) : shown(figure); }
  // An English name shortened as English writing does (Lin'an EDZ): axis labels have little room; tooltips have it whole
  function shortName(figure) {
    var name = named(figure.area_zh, figure.area_en);
    return language !== "en" ? name : name.replace(/ Economic and Technological Development Zone$/, " ETDZ")
      .replace(/ Economic Development Zone$/, " EDZ").replace(/ Industry Development Zone$/, " Zone").replace(/^Zhejiang /, "");
  }
  function unitOf(figure) { return language === "en" ? figure.unit_en || figure.unit : figure.unit; }
  function indicatorOf(figure) { return named(figure.indicator_zh, figure.indicator_en); }
  function kindOf(figure) { return language === "en" ? figure.kind : figure.kind_zh || KINDS[figure.kind] || figure.kind; }
  // A section in an axis label (SVG text cannot be marked): the plan's table or its text, in English.
  function where(section) { return language === "en" ? (section === "附表" ? "table" : "text") : section; }
  function zh(text) { return language === "en" ? "<span lang='zh'>" + esc(text) + "</span>" : esc(text); }
  function sentences(figure) {
    return figure.citations.map(function (c) {
      return "<div class='hzkg-quote'><b>" + zh(c.section) + "</b> " + zh(c.quote) + "</div>";
    }).join("");
  }
  function tooltip(figure, extra) {
    var original = language === "en" && figure.area_en ? " " + zh(figure.area_zh) : "";
    return "<div class='hzkg-tip'><b>" + esc(named(figure.area_zh, figure.area_en)) + "</b>" + original + " · <b>" +
      esc(indicatorOf(figure)) + "</b> " + esc(kindOf(figure) + " " + figure.when) + "<br><span class='hzkg-value'>" + esc(shown(figure)) +
      "</span>" + (figure.contradiction ? "<br><b class='hzkg-conflict'>" + say("规划自相矛盾，另说 ", "the plan also says ") +
      esc(figure.other_values.join(", ")) + "</b>" : "") + (extra || "") + sentences(figure) +
      "<div class='hzkg-hint'>" + say("点击打开这个数字的页面", "click to open the figure's page") + "</div></div>";
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
    [say("指标", "indicator"), say("类别", "kind"), say("时间", "when"), say("数值", "value"), say("单位", "unit"), say("出处", "sentence")]
      .forEach(function (h) { head.appendChild(el("th", {}, h)); });
    t.appendChild(head);
    rows.forEach(function (f) {
      var tr = el("tr", { "data-observation": f.observation });
      tr.appendChild(el("td", {}, indicatorOf(f)));
      tr.appendChild(el("td", {}, kindOf(f)));
      tr.appendChild(el("td", {}, f.when));
      var value = el("td", { "class": "num" });
      var link = el("a", { href: f.page || f.observation, "class": "hzkg-figure-link", "data-value": f.value }, shown(f, false));
      value.appendChild(link);
      if (f.contradiction) value.appendChild(el("span", { "class": "hzkg-conflict" }, say(" ⚠ 矛盾", " ⚠ contradiction")));
      tr.appendChild(value);
      tr.appendChild(el("td", {}, unitOf(f)));
      var cell = el("td", language === "en" ? { "class": "quote", lang: "zh" } : { "class": "quote" });  // the plan's own words
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
    [["baseline", say("基数", "baseline")], ["planned", say("计划", "planned")], ["target", say("目标", "target")],
     ["contradiction", say("规划自相矛盾", "the plan contradicts itself")]].forEach(function (k) {
      var swatch = el("span", { "class": "hzkg-swatch" });
      swatch.style.background = COLOURS[k[0]];
      legend.appendChild(swatch);
      legend.appendChild(document.createTextNode(k[1] + "  "));
    });
    legend.appendChild(document.createTextNode(say(" · 左右、以上、超过、预计：规划自己的限定词",
                                                   " · about, at least, more than, expected: the plan's qualifiers")));
    data.groups.forEach(function (group) {
      var bands = byMagnitude(group.figures);
      bands.forEach(function (figures) { drawBand(group, figures, bands.length > 1); });
    });
    function drawBand(group, figures, split) {
      var items = figures.map(function (f) {
        var which = f.table_total ? say("（附表合计）", " (table total)") : f.contradiction
          ? say("（", " (") + f.citations.map(function (c) { return where(c.section); }).join(" ") + say("）", ")") : "";
        return { label: indicatorOf(f) + " " + f.when + which, value: f.value, page: f.page,
                 colour: f.contradiction ? COLOURS.contradiction : COLOURS[f.kind], conflict: f.contradiction,
                 text: barText(f) + (f.contradiction ? say(" ⚠ 矛盾", " ⚠ contradiction") : ""), tip: tooltip(f), figure: f };
      });
      var values = figures.map(function (f) { return f.value; });
      var range = split ? " · " + Math.min.apply(null, values) + "–" + Math.max.apply(null, values) : "";
      container.appendChild(el("h4", { "class": "hzkg-unit" }, say("单位 ", "unit: ") + unitOf(figures[0] || { unit: group.unit }) + range));
      var box = el("div", { "class": "hzkg-chart-box" });
      container.appendChild(box);
      var chart = bars(box, items, group.unit, 60 + 30 * items.length);
      drawn.push({ kind: "area", unit: group.unit, chart: chart, items: items.map(function (i) { return i.figure; }) });
    }
    table(container, say("数据与出处", "The figures and their sentences"),
          data.groups.reduce(function (all, g) { return all.concat(g.figures); }, []));
  }

  function drawGdpTargets(container, data) {
    var names = {};
    data.targets.forEach(function (t) { names[t.area_zh] = (names[t.area_zh] || 0) + 1; });
    function label(t) {
      return shortName(t) + (names[t.area_zh] > 1
        ? say("（", " (") + t.citations.map(function (c) { return where(c.section); }).join(" ") + say("）", ")") : "");
    }
    var targets = data.targets.map(function (t) {
      return { label: label(t), value: t.value, page: t.page, figure: t, conflict: t.contradiction,
               colour: t.contradiction ? COLOURS.contradiction : COLOURS.target,
               text: barText(t) + (t.contradiction ? say(" ⚠ 矛盾", " ⚠ contradiction") : ""), tip: tooltip(t) };
    });
    container.appendChild(el("h3", {}, say("2015年地区生产总值目标（" + data.unit + "）", "2015 GDP targets (" + data.unit_en + ")")));
    var box = el("div", { "class": "hzkg-chart-box" });
    container.appendChild(box);
    drawn.push({ kind: "gdp-targets", chart: bars(box, targets, data.unit, 40 + 28 * targets.length),
                 items: data.targets });
    var growth = data.growth.map(function (g) {
      var extra = "<br>" + esc(named(g.measure_zh, g.measure_en)) + say("：", ": ") + esc(shown(g.from)) + " → " +
        esc(shown({ value: g.to_value, unit: g.unit, unit_en: g.from.unit_en, unit_id: g.from.unit_id })) +
        " = ×" + g.ratio + " (+" + g.change_percent + " %" + say("，每年 ", ", ") + g.annual_percent + say(" %）", " % a year)") + sentences(g.from);
      return { label: shortName(g) + (g.is_gdp ? say(" · 地区生产总值", " · GDP") : say(" · 面积", " · area")), value: g.change_percent,
               page: g.to.page, figure: g, colour: g.is_gdp ? COLOURS.target : "#2f6f9f",
               text: "+" + g.change_percent + " % (×" + g.ratio + ")", tip: tooltip(g.to, extra) };
    });
    container.appendChild(el("h3", {}, say("规划数字隐含的 2015 年相对 2010 年的增长（%）", "Growth the plan's figures imply against 2010 (%)")));
    container.appendChild(el("p", { "class": "hzkg-legend" }, say(
      "规划没有给出各开发区 2010 年的地区生产总值：全市开发区合计为 2010 年地区生产总值 → 2015 年目标；" +
      "各开发区为 2010 年已开发面积 → 加上 2011–2015 年新开发面积（与命名查询 growth-implied 相同）。",
      "The plan gives no zone's 2010 GDP: for all zones together, GDP 2010 → 2015 target; " +
      "for each zone, its developed area in 2010 → that area plus its new development area 2011–2015 (as the named query growth-implied).")));
    var box2 = el("div", { "class": "hzkg-chart-box" });
    container.appendChild(box2);
    drawn.push({ kind: "growth", chart: bars(box2, growth, "%", 40 + 28 * growth.length), items: data.growth });
    table(container, say("数据与出处", "The targets and their sentences"), data.targets);
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
      container.appendChild(el("p", { "class": "error" }, say("图表无法加载：", "The chart could not be drawn: ") + error.message));
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
