/* /overlap: the pairwise-similarity heatmap (zones in clustering order) and the random baseline's histogram,
   drawn with the vendored ECharts from the JSON in #overlap-data (the same as /overlap?format=json).
   window.hzkgOverlap holds what is drawn, for the browser tests.
   One language at a time, the page's (<html lang>): names, axes and tooltips in it. */
(function () {
  "use strict";
  var language = hzkgLanguage.language, say = hzkgLanguage.say;  // static/language.js
  var named = function (thing) { return (language === "en" ? thing.label_en || thing.label : thing.label) || ""; };
  var data = JSON.parse(document.getElementById("overlap-data").textContent);
  var labels = {};
  data.zones.forEach(function (z) { labels[z.iri] = named(z); });
  var order = data.order, position = {};
  order.forEach(function (iri, index) { position[iri] = index; });
  var byPair = {};
  data.pairs.forEach(function (p) { byPair[p.zones[0] + " " + p.zones[1]] = p; byPair[p.zones[1] + " " + p.zones[0]] = p; });
  function esc(text) { return echarts.format.encodeHTML(String(text)); }

  var cells = [];
  order.forEach(function (a, x) {
    order.forEach(function (b, y) {
      if (a === b) return;
      var pair = byPair[a + " " + b];
      cells.push([x, y, Math.round(pair.similarity * 1000) / 1000, pair.shared]);
    });
  });
  var names = order.map(function (iri) { return labels[iri]; });
  var heatmap = echarts.init(document.getElementById("heatmap"), null, { renderer: "svg" });  // SVG: its text is in the page
  heatmap.setOption({
    animation: false,
    grid: { left: language === "en" ? 230 : 170, right: 90, top: 10, bottom: language === "en" ? 190 : 130 },
    tooltip: {
      formatter: function (item) {
        var a = order[item.value[0]], b = order[item.value[1]], pair = byPair[a + " " + b];
        return "<b>" + esc(labels[a]) + " · " + esc(labels[b]) + "</b><br>" + say("相似度 ", "similarity ") + item.value[2] +
          say(" · 共有 ", " · shared ") + pair.shared + say(" · 角色加权 ", " · role-weighted ") + pair.role_weighted.toFixed(3) +
          (pair.industries.length ? "<br>" + esc(pair.industries.map(named).join(say("、", "; "))) : "") +
          "<br><span style='color:#888'>" + say("点击：并排比较这两个开发区", "click: compare the two") + "</span>";
      }
    },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 55, interval: 0, width: 220, overflow: "truncate" }, splitArea: { show: true } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0, width: 220, overflow: "truncate" }, splitArea: { show: true } },
    visualMap: { dimension: 2, precision: 2, min: 0, max: Math.max(0.5, Math.max.apply(null, cells.map(function (c) { return c[2]; }))), calculable: true,
                 orient: "vertical", right: 0, top: "center", text: [say("相似", "alike"), say("不同", "distinct")],
                 inRange: { color: ["#f7fbff", "#9ecae1", "#3182bd", "#08306b"] } },
    series: [{ type: "heatmap", data: cells, label: { show: true, fontSize: 10,
               formatter: function (item) { return item.value[3] ? String(item.value[3]) : ""; } },
               emphasis: { itemStyle: { borderColor: "#d9b600", borderWidth: 2 } } }]
  });
  heatmap.on("click", function (item) {
    var a = order[item.value[0]], b = order[item.value[1]];
    window.location.href = "/compare?zone=" + encodeURIComponent(a) + "&zone=" + encodeURIComponent(b);
  });

  var chart = echarts.init(document.getElementById("baseline-chart"), null, { renderer: "svg" });
  var bins = data.random.histogram;
  var planBin = bins.findIndex(function (bin) { return data.index.similarity >= bin.from && data.index.similarity <= bin.to; });
  chart.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    title: { right: 10, top: 0, text: say(data.random.draws + " 次随机分配的重叠指数；红色：规划",
                                          "the index of " + data.random.draws + " random assignments; red: the plan"), textStyle: { fontSize: 12, fontWeight: "normal" } },
    tooltip: { formatter: function (item) {
      var bin = bins[item.dataIndex];
      return say(bin.draws + " 次抽样在 " + bin.from.toFixed(3) + " 与 " + bin.to.toFixed(3) + " 之间",
                 bin.draws + " draws between " + bin.from.toFixed(3) + " and " + bin.to.toFixed(3));
    } },
    xAxis: { type: "category", data: bins.map(function (bin) { return ((bin.from + bin.to) / 2).toFixed(3); }), name: say("指数", "index") },
    yAxis: { type: "value", name: say("抽样数", "draws") },
    series: [{ type: "bar", data: bins.map(function (bin, index) {
      return { value: bin.draws, itemStyle: { color: index === planBin ? "#c0392b" : "#9ab" } };
    }), markLine: planBin < 0 ? undefined : { symbol: "none", lineStyle: { color: "#c0392b", width: 2 },
      label: { formatter: say("规划 ", "plan ") + data.index.similarity.toFixed(3) }, data: [{ xAxis: planBin }] } }]
  });
  window.hzkgOverlap = { order: order, cells: cells.length, ready: true };
})();
