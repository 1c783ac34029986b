/* /overlap: the pairwise-similarity heatmap (zones in clustering order) and the random baseline's histogram,
   drawn with the vendored ECharts from the JSON in #overlap-data (the same as /overlap?format=json).
   window.hzkgOverlap holds what is drawn, for the browser tests. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("overlap-data").textContent);
  var labels = {};
  data.zones.forEach(function (z) { labels[z.iri] = z.label; });
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
  var heatmap = echarts.init(document.getElementById("heatmap"));
  heatmap.setOption({
    animation: false,
    grid: { left: 170, right: 90, top: 10, bottom: 130 },
    tooltip: {
      formatter: function (item) {
        var a = order[item.value[0]], b = order[item.value[1]], pair = byPair[a + " " + b];
        return "<b>" + esc(labels[a]) + " · " + esc(labels[b]) + "</b><br>相似度 similarity " + item.value[2] +
          " · 共有 shared " + pair.shared + " · 角色加权 role-weighted " + pair.role_weighted.toFixed(3) +
          (pair.industries.length ? "<br>" + esc(pair.industries.map(function (i) { return i.label; }).join("、")) : "") +
          "<br><span style='color:#888'>click: compare the two</span>";
      }
    },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 55, interval: 0 }, splitArea: { show: true } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: { dimension: 2, precision: 2, min: 0, max: Math.max(0.5, Math.max.apply(null, cells.map(function (c) { return c[2]; }))), calculable: true,
                 orient: "vertical", right: 0, top: "center", text: ["相似 alike", "不同 distinct"],
                 inRange: { color: ["#f7fbff", "#9ecae1", "#3182bd", "#08306b"] } },
    series: [{ type: "heatmap", data: cells, label: { show: true, fontSize: 10,
               formatter: function (item) { return item.value[3] ? String(item.value[3]) : ""; } },
               emphasis: { itemStyle: { borderColor: "#d9b600", borderWidth: 2 } } }]
  });
  heatmap.on("click", function (item) {
    var a = order[item.value[0]], b = order[item.value[1]];
    window.location.href = "/compare?zone=" + encodeURIComponent(a) + "&zone=" + encodeURIComponent(b);
  });

  var chart = echarts.init(document.getElementById("baseline-chart"));
  var bins = data.random.histogram;
  var planBin = bins.findIndex(function (bin) { return data.index.similarity >= bin.from && data.index.similarity <= bin.to; });
  chart.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 40, bottom: 40 },
    title: { right: 10, top: 0, text: "随机分配的重叠指数 the index of " + data.random.draws + " random assignments; red: the plan", textStyle: { fontSize: 12, fontWeight: "normal" } },
    tooltip: { formatter: function (item) { var bin = bins[item.dataIndex]; return bin.draws + " draws between " + bin.from.toFixed(3) + " and " + bin.to.toFixed(3); } },
    xAxis: { type: "category", data: bins.map(function (bin) { return ((bin.from + bin.to) / 2).toFixed(3); }), name: "index" },
    yAxis: { type: "value", name: "draws" },
    series: [{ type: "bar", data: bins.map(function (bin, index) {
      return { value: bin.draws, itemStyle: { color: index === planBin ? "#c0392b" : "#9ab" } };
    }), markLine: planBin < 0 ? undefined : { symbol: "none", lineStyle: { color: "#c0392b", width: 2 },
      label: { formatter: "plan " + data.index.similarity.toFixed(3) }, data: [{ xAxis: planBin }] } }]
  });
  window.hzkgOverlap = { order: order, cells: cells.length, ready: true };
})();
