/* /map: the plan's map recreated from /map/data (the geometry graph and the plan's facts), drawn with the
   vendored ECharts on our own GeoJSON: no tiles, no other host. window.hzkgMap is for the browser tests.
   One language at a time, the page's (<html lang>): names, legends and tooltips in it; in an English page a
   Chinese original beside its English is marked lang="zh" (the plan's words in the tooltips). */
(function () {
  "use strict";
  var language = hzkgLanguage.language, say = hzkgLanguage.say, named = hzkgLanguage.named;  // static/language.js
  var LEVELS = {
    national: { colour: "#c0392b", zh: "国家级", en: "national" },
    provincial: { colour: "#2f6f9f", zh: "省级", en: "provincial" },
    proposed: { colour: "#7d8c5a", zh: "拟设", en: "proposed" }
  };
  var RELATIONS = {
    cooperatesWith: { colour: "#e08a1e", type: "solid", zh: "合作", en: "cooperates with" },
    drives: { colour: "#e08a1e", type: "solid", zh: "带动", en: "drives" },
    reliesOn: { colour: "#e08a1e", type: "solid", zh: "依托", en: "relies on" },
    inCluster: { colour: "#8e44ad", type: "dashed", zh: "参与产业集聚区", en: "in cluster" },
    proposedInCluster: { colour: "#b9a3c7", type: "dotted", zh: "拟新设于集聚区", en: "proposed in cluster" },
    docksWith: { colour: "#b9a3c7", type: "dotted", zh: "对接集聚区", en: "docks with cluster" },
    linkedToCluster: { colour: "#b9a3c7", type: "dotted", zh: "与集聚区联动", en: "linked to cluster" },
    inSubCity: { colour: "#16a085", type: "dotted", zh: "组成副城", en: "in sub-city" }
  };
  var CLUSTER_RELATIONS = { inCluster: true, proposedInCluster: true, docksWith: true, linkedToCluster: true };
  var state = { ready: false };
  window.hzkgMap = state;
  var esc = function (text) { return window.echarts.format.encodeHTML(String(text == null ? "" : text)); };
  // A name in the page's language (named, the other when it has none); its original beside it, marked, in tooltips.
  var CHINESE = /[\u3400-\u9fff]/;
  // Text of the data (names, sections, the bases of placements) as HTML: in an English page each run of Chinese
  // marked lang="zh"; in a Chinese page English words (a basis is written in English only) marked lang="en".
  var CHINESE_RUN = /[\u3400-\u9fff][\u3400-\u9fff（）、，0-9]*/g;
  var marked = function (text) {
    text = String(text == null ? "" : text);
    if (language === "en") return esc(text).replace(CHINESE_RUN, function (run) { return "<span lang='zh'>" + run + "</span>"; });
    return /[A-Za-z]{2,}/.test(text) ? "<span lang='en'>" + esc(text) + "</span>" : esc(text);
  };
  var withOriginal = function (zh, en) {
    var shown = named(zh, en), originalName = language === "en" ? zh : "";
    return "<b>" + marked(shown) + "</b>" + (originalName && originalName !== shown ? " " + marked(originalName) : "");
  };
  var regionName = function (b) { return named(b.name_zh, b.name_en).replace("（今）", "").replace(" (today)", ""); };
  // On the map an English name is shortened as English writing does (Xiaoshan ETDZ, Tonglu EDZ); tooltips have it whole.
  var shortName = function (name) {
    return language !== "en" ? name : name.replace(/ Economic and Technological Development Zone$/, " ETDZ")
      .replace(/ Economic Development Zone$/, " EDZ").replace(/ Industry Development Zone$/, " Zone").replace(/^Zhejiang /, "")
      .replace(/ Industrial Cluster$/, " cluster");
  };
  // the plan's qualifiers in English, and 亿元 as billions of yuan
  var QUALIFIERS = { "左右": "about ", "以上": "at least ", "超过": "more than ", "预计": "expected " };

  function size(value) { return value ? 8 + 2.2 * Math.sqrt(value) : 9; }
  function shown(target) {
    var q = target.qualifier || "";
    if (language === "en") return (QUALIFIERS[q] || "") + (target.value / 10) + " billion yuan";
    return (q === "超过" || q === "预计" ? q : "") + target.value + "亿元" + (q && q !== "超过" && q !== "预计" ? q : "");
  }
  function centroid(geometries) {
    // Area-weighted centroid of the outer rings (shoelace), good enough to place a label.
    var a = 0, cx = 0, cy = 0;
    geometries.forEach(function (g) {
      g.coordinates.forEach(function (polygon) {
        var ring = polygon[0];
        for (var i = 0; i < ring.length - 1; i++) {
          var f = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
          a += f; cx += (ring[i][0] + ring[i + 1][0]) * f; cy += (ring[i][1] + ring[i + 1][1]) * f;
        }
      });
    });
    return [cx / (3 * a), cy / (3 * a)];
  }

  function draw(data) {
    var byCode = {}, zoneByIri = {};
    data.boundaries.forEach(function (b) { byCode[b.code] = b; });
    data.zones.forEach(function (z) { zoneByIri[z.iri] = z; });
    // Which of the plan's names each of today's boundaries carries.
    var planNames = {};
    data.areas.concat(data.sub_cities).forEach(function (a) {
      if (a.boundaries.length > 6) return; // 杭州市 is all of them
      a.boundaries.forEach(function (code) { (planNames[code] = planNames[code] || []).push(a); });
    });
    window.echarts.registerMap("hangzhou-today", {
      type: "FeatureCollection",
      features: data.boundaries.map(function (b) {
        return { type: "Feature", properties: { name: regionName(b) }, geometry: b.geometry };
      })
    });
    var nameToCode = {};
    data.boundaries.forEach(function (b) { nameToCode[regionName(b)] = b.code; });

    var zones = data.zones.filter(function (z) { return z.point; });
    function labelSide(z) {
      // Labels away from close neighbours: left of a zone just east, right of one just west, below if both.
      function near(o, sign) {
        var dx = sign * (o.point[0] - z.point[0]);
        return o !== z && dx > 0 && dx < 0.2 && Math.abs(o.point[1] - z.point[1]) < 0.08;
      }
      var east = zones.some(function (o) { return near(o, 1); }), west = zones.some(function (o) { return near(o, -1); });
      return east && west ? "bottom" : east ? "left" : "right";
    }
    var zoneData = zones.map(function (z) {
      var largest = z.gdp_2015.reduce(function (m, t) { return Math.max(m, t.value); }, 0);
      var level = LEVELS[z.level] || LEVELS.proposed;
      return {
        name: named(z.label_zh, z.label_en), value: z.point.concat([largest]), iri: z.iri, page: z.page, zone: z,
        symbolSize: size(largest), label: { position: labelSide(z) },
        itemStyle: { color: level.colour, opacity: 0.85, borderColor: "#fff", borderWidth: 1,
                     borderType: z.level === "proposed" ? "dashed" : "solid" }
      };
    });
    // A second value the plan gives (浙江临安经济开发区: 100 in 四（二）7, 200 in the table): a dashed ring.
    var rings = [];
    zones.forEach(function (z) {
      var values = z.gdp_2015.map(function (t) { return t.value; }).sort(function (a, b) { return b - a; });
      values.slice(1).forEach(function (v) {
        rings.push({ name: named(z.label_zh, z.label_en), value: z.point.concat([v]), page: z.page, zone: z, symbolSize: size(v),
                     itemStyle: { color: "rgba(0,0,0,0)", borderColor: "#c0392b", borderWidth: 2, borderType: "dashed" } });
      });
    });
    var hubs = {};
    data.links.forEach(function (l) {
      // A cluster's hub sits among the zones tied to it in any way (few are members).
      if (!CLUSTER_RELATIONS[l.relation] || !zoneByIri[l.from] || !zoneByIri[l.from].point) return;
      var hub = hubs[l.to] = hubs[l.to] || { name: named(l.to_zh, l.to_en), name_zh: l.to_zh, iri: l.to, members: [] };
      hub.members.push(zoneByIri[l.from].point);
    });
    Object.keys(hubs).forEach(function (iri) {
      var h = hubs[iri];
      h.point = [0, 1].map(function (i) { return h.members.reduce(function (s, p) { return s + p[i]; }, 0) / h.members.length; });
    });
    var subCityPoints = {};
    data.sub_cities.forEach(function (s) {
      subCityPoints[s.iri] = centroid(s.boundaries.map(function (code) { return byCode[code].geometry; }));
    });
    var lines = [];
    data.links.forEach(function (l) {
      var from = zoneByIri[l.from] && zoneByIri[l.from].point;
      var to = zoneByIri[l.to] ? zoneByIri[l.to].point : (hubs[l.to] || {}).point || subCityPoints[l.to];
      if (!from || !to) return; // a park or town the plan names has no point on this map
      var style = RELATIONS[l.relation];
      lines.push({ coords: [from, to], relation: l.relation, fromName: named(zoneByIri[l.from].label_zh, zoneByIri[l.from].label_en),
                   toName: named(l.to_zh, l.to_en),
                   lineStyle: { color: style.colour, type: style.type, width: l.relation === "inSubCity" ? 1.2 : 2, opacity: 0.8 } });
    });
    state.lines = lines;

    function awayFromNearestZone(point) {
      // A cluster's label above its diamond, or below when the nearest zone lies above it.
      var nearest = zones.reduce(function (best, z) {
        var d = Math.pow(z.point[0] - point[0], 2) + Math.pow(z.point[1] - point[1], 2);
        return !best || d < best.d ? { d: d, z: z } : best;
      }, null);
      return nearest && nearest.z.point[1] > point[1] ? "bottom" : "top";
    }
    var labels = Object.keys(hubs).map(function (iri) {
      return { name: hubs[iri].name, name_zh: hubs[iri].name_zh, value: hubs[iri].point, kind: "cluster", iri: iri,
               symbol: "diamond", symbolSize: 12, itemStyle: { color: "#8e44ad" },
               label: { show: true, position: awayFromNearestZone(hubs[iri].point), formatter: shortName(hubs[iri].name), color: "#8e44ad", fontWeight: "bold",
                        textBorderColor: "#fff", textBorderWidth: 3 } };
    }).concat(data.sub_cities.map(function (s) {
      return { name: named(s.label_zh, s.label_en), name_zh: s.label_zh, value: subCityPoints[s.iri], kind: "sub-city", iri: s.iri, page: s.page,
               symbol: "roundRect", symbolSize: [10, 10], itemStyle: { color: "#16a085" },
               label: { show: true, position: "bottom", distance: 6, formatter: named(s.label_zh, s.label_en), color: "#0e6655", fontWeight: "bold", fontSize: 13,
                        textBorderColor: "#fff", textBorderWidth: 3 } };
    }));

    // The districts' names, drawn as labels of their own at each district's centroid rather than by the geo
    // component, whose region labels ECharts' label layout does not see: a zone's label could sit on one.
    var districts = data.boundaries.map(function (b) {
      return { name: regionName(b), value: centroid([b.geometry]), symbolSize: 0, kind: "district" };
    });

    // Two views of one map: the whole city, and the urban core where most zones lie (the plan's map has the same problem).
    var CORE = [[119.88, 29.98], [120.82, 30.58]];
    function inCore(point) { return point[0] >= CORE[0][0] && point[0] <= CORE[1][0] && point[1] >= CORE[0][1] && point[1] <= CORE[1][1]; }
    // Every label inside its panel (moved in from the edge) and none on another: where two would meet, ECharts
    // hides the one of the smaller mark (a district's name, which has none, first); the tooltip still names it.
    // A label whose mark lies outside the panel (the core view's far zones) is not drawn: refreshLabels.
    var MARGIN = 3;
    function placedIn(panel) {
      return function (params) {
        var box = params.labelRect;
        return { x: Math.min(Math.max(box.x, MARGIN), panel.clientWidth - MARGIN - box.width),
                 y: Math.min(Math.max(box.y, MARGIN), panel.clientHeight - MARGIN - box.height),
                 align: "left", verticalAlign: "top", hideOverlap: true };
      };
    }
    function option(view, visible) {
      var city = view === "city", scale = city ? 0.55 : 0.85;
      var placed = placedIn(document.getElementById(city ? "map" : "map-core"));
      // each mark's label drawn only while the mark is in the panel and uncovered (visible: refreshLabels)
      var labelled = function (items) {
        return !visible ? items : items.map(function (d) {
          var show = !(d.label && d.label.show === false) && visible(d);
          return Object.assign({}, d, { label: Object.assign({}, d.label, { show: show }) });
        });
      };
      var scaled = function (items) {
        return items.map(function (d) { return Object.assign({}, d, { symbolSize: d.symbolSize * scale }); });
      };
      return {
        animation: false,
        title: { text: city ? say("全市", "The whole city") : say("城区（左图虚线框内）", "The urban core (dashed frame on the left)"), left: 8, top: 6,
                 textStyle: { fontSize: 13, fontWeight: "normal", color: "#444" } },
        tooltip: { confine: true, extraCssText: "max-width: 26em; white-space: normal;", formatter: tooltip },
        geo: {
          map: "hangzhou-today", roam: true, aspectScale: Math.cos(30 * Math.PI / 180),
          layoutCenter: ["50%", "52%"], layoutSize: "95%",
          center: city ? null : [(CORE[0][0] + CORE[1][0]) / 2, (CORE[0][1] + CORE[1][1]) / 2], zoom: city ? 1 : 2.9,
          label: { show: false },
          itemStyle: { areaColor: "#f3f0e8", borderColor: "#9a9a9a", borderWidth: 1 },
          emphasis: { itemStyle: { areaColor: "#e6e0cf" }, label: { show: false } },
          select: { disabled: true },
          regions: data.boundaries.filter(function (b) { return !planNames[b.code]; }).map(function (b) {
            return { name: regionName(b), itemStyle: { areaColor: "#fafafa" } };
          }),
          tooltip: { show: true }
        },
        series: [
          { name: "links", type: "lines", coordinateSystem: "geo", data: lines, zlevel: 1,
            symbol: ["none", "none"], tooltip: { formatter: function (p) {
              return marked(p.data.fromName) + " — " + esc(RELATIONS[p.data.relation][language]) + " → " + marked(p.data.toName);
            } } },
          { name: "districts", type: "scatter", coordinateSystem: "geo", data: labelled(districts), zlevel: 2, silent: true,
            label: { show: true, position: "inside", formatter: "{b}", color: "#888", fontSize: city ? 10 : 13 }, labelLayout: placed },
          { name: "labels", type: "scatter", coordinateSystem: "geo", zlevel: 5,
            data: labelled(labels.filter(function (l) { return city ? !inCore(l.value) : true; })),
            labelLayout: placed },
          { name: "other values", type: "scatter", coordinateSystem: "geo", data: scaled(rings), zlevel: 3, silent: true },
          { name: "zones", type: "scatter", coordinateSystem: "geo", data: labelled(scaled(zoneData)), zlevel: 4, cursor: "pointer",
            label: { show: true, fontSize: city ? 10 : 12, color: "#222", textBorderColor: "#fff", textBorderWidth: 3,
                     formatter: function (p) { return city && inCore(p.data.zone.point) ? "" : shortName(p.data.name); } },
            labelLayout: placed },
          { name: "frame", type: "lines", coordinateSystem: "geo", polyline: true, silent: true, data: [], zlevel: 1,
            lineStyle: { color: "#555", type: "dashed", width: 1 } }
        ]
      };
    }
    var chart = window.echarts.init(document.getElementById("map"), null, { renderer: "svg" });
    chart.setOption(option("city"));
    var core = window.echarts.init(document.getElementById("map-core"), null, { renderer: "svg" });
    core.setOption(option("core"));
    // The part of the city the right-hand view shows, framed on the left (kept up to date as it is zoomed or moved).
    function frame() {
      var dom = core.getDom(), w = dom.clientWidth, h = dom.clientHeight;
      var corners = [[0, 0], [w, 0], [w, h], [0, h], [0, 0]].map(function (p) { return core.convertFromPixel({ geoIndex: 0 }, p); });
      chart.setOption({ series: [{ name: "frame", data: [{ coords: corners }] }] });
    }
    frame();
    // The labels of marks outside a panel (the urban core's view leaves the far zones out) are not drawn,
    // rather than drawn cut at the panel's edge; kept so as either view is zoomed or moved.
    // A district's name is left out, too, where a mark would cover it (the tooltip names the district).
    function refreshLabels(view, name) {
      var dom = view.getDom(), scale = name === "city" ? 0.55 : 0.85, fontSize = name === "city" ? 10 : 13;
      var pixelOf = function (point) { return view.convertToPixel({ geoIndex: 0 }, point); };
      var inPanel = function (point) {
        var pixel = pixelOf(point);
        return !!pixel && pixel[0] >= 0 && pixel[0] <= dom.clientWidth && pixel[1] >= 0 && pixel[1] <= dom.clientHeight;
      };
      var circles = zoneData.map(function (d) { return { at: pixelOf(d.value.slice(0, 2)), radius: d.symbolSize * scale / 2 }; })
        .concat(labels.map(function (d) { return { at: pixelOf(d.value), radius: 7 }; }));  // clusters' ◆, sub-cities' ■
      var covered = function (district) {
        var at = pixelOf(district.value), half = [district.name.length * fontSize / 2, fontSize / 2];
        return circles.some(function (c) {
          var dx = Math.max(Math.abs(c.at[0] - at[0]) - half[0], 0), dy = Math.max(Math.abs(c.at[1] - at[1]) - half[1], 0);
          return dx * dx + dy * dy < c.radius * c.radius;
        });
      };
      var visible = function (item) { return inPanel(item.value.slice(0, 2)) && !(item.kind === "district" && covered(item)); };
      view.setOption({ series: option(name, visible).series.filter(function (s) {
        return s.name === "zones" || s.name === "labels" || s.name === "districts";
      }).map(function (s) { return { name: s.name, data: s.data }; }) });
    }
    refreshLabels(chart, "city");
    refreshLabels(core, "core");
    chart.on("georoam", function () { refreshLabels(chart, "city"); });
    core.on("georoam", function () { frame(); refreshLabels(core, "core"); });

    // Partners with no point on this map (parks, towns, institutions) are named in the zone's tooltip.
    function partners(z) {
      var offMap = data.links.filter(function (l) {
        return l.from === z.iri && !CLUSTER_RELATIONS[l.relation] && l.relation !== "inSubCity" && !zoneByIri[l.to];
      });
      if (!offMap.length) return "";
      var byRelation = {};
      offMap.forEach(function (l) {
        var relation = language === "en" ? l.relation_en || l.relation : l.relation_zh || l.relation;
        (byRelation[relation] = byRelation[relation] || []).push(named(l.to_zh, l.to_en));
      });
      return Object.keys(byRelation).map(function (r) {
        return "<br>" + esc(r) + say("：", ": ") + marked(byRelation[r].join(say("、", "; "))) +
          " <span class='muted'>" + say("（不在地图上）", "(not on the map)") + "</span>";
      }).join("");
    }
    function tooltip(p) {
      // The bases of placements are written in English only (the geometry graph's rdfs:comment): marked so in Chinese.
      if (p.componentType === "geo") {
        var code = nameToCode[p.name], names = planNames[code] || [];
        return "<b>" + esc(p.name) + "</b> " + say("（今天的区划，代码 ", "(today, code ") + esc(code) + say("）", ")") + (names.length ? names.map(function (a) {
          return "<div class='hzkg-quote'>" + say("规划的", "the plan's ") + withOriginal(a.label_zh, a.label_en) + say("：", ": ") + marked(a.basis) + "</div>";
        }).join("") : "<div class='hzkg-hint'>" + say("这里没有规划的开发区", "no zone of the plan here") + "</div>");
      }
      if (p.seriesName === "zones") {
        var z = p.data.zone, level = LEVELS[z.level] || LEVELS.proposed;
        var gdp = z.gdp_2015.length ? z.gdp_2015.map(function (t) {
          return esc(shown(t)) + " <span class='muted'>(" + marked(t.sections.join(" ")) + ")</span>";
        }).join(" / ") + (z.gdp_2015.length > 1 ? " <b class='hzkg-conflict'>" + say("规划自相矛盾", "the plan contradicts itself") + "</b>" : "")
          : say("规划未给出", "none given");
        return withOriginal(z.label_zh, z.label_en) + "<br>" + esc(level[language]) +
          "<br>" + say("2015 年地区生产总值目标：", "2015 GDP target: ") + gdp + partners(z) + "<div class='hzkg-quote'>" + say("画在", "drawn in ") +
          esc(z.boundaries.map(function (c) { return regionName(byCode[c]); }).join(say("、", ", "))) + say("：", ": ") + marked(z.basis) + "</div>" +
          "<div class='hzkg-hint'>" + say("点击打开它的页面", "click to open its page") + "</div>";
      }
      if (p.seriesName === "labels") {
        var title = "<b>" + esc(p.name) + "</b>" + (language === "en" && p.data.name_zh ? " " + marked(p.data.name_zh) : "");
        return p.data.kind === "cluster"
          ? title + "<br>" + say("省级产业集聚区：菱形是与它相关的开发区各点的平均位置，不是它的所在地",
                                 "provincial industrial cluster: the diamond is the mean of its member zones' points, not its location")
          : title + "<br>" + say("副城，画作今天包含它的区（县）", "sub-city, drawn as the district(s) that hold it today");
      }
      return "";
    }
    [chart, core].forEach(function (c) {
      c.on("click", function (p) { if (p.data && p.data.page && p.seriesName !== "links") window.location.href = p.data.page; });
    });
    // Each panel is resized when its own box changes size, not on every window resize: a browser taking
    // a full-page screenshot sets the window to 1 x 1 for a moment, and ECharts 6, asked to resize a geo
    // view then, throws ("Cannot read properties of null"; its transform cannot be inverted).
    if (window.ResizeObserver) {
      [chart, core].forEach(function (c) {
        var dom = c.getDom(), size = [dom.clientWidth, dom.clientHeight];
        new window.ResizeObserver(function () {
          var now = [dom.clientWidth, dom.clientHeight];
          if (now[0] > 0 && now[1] > 0 && (now[0] !== size[0] || now[1] !== size[1])) { size = now; c.resize(); }
        }).observe(dom);
      });
    }

    mappingTable(data, byCode);
    state.chart = chart;
    state.core = core;
    state.data = data;
    state.markers = zoneData.map(function (d) { return { iri: d.iri, point: d.value.slice(0, 2), size: d.symbolSize }; });
    state.ready = true;
  }

  function mappingTable(data, byCode) {
    var body = document.querySelector("#mapping tbody");
    data.areas.concat(data.sub_cities).forEach(function (a) {
      var row = document.createElement("tr");
      var originalName = language === "en" && a.label_zh !== named(a.label_zh, a.label_en) ? a.label_zh : "";
      [named(a.label_zh, a.label_en), a.boundaries.map(function (c) { return regionName(byCode[c]) + " " + c; }).join(say("、", ", ")), a.basis]
        .forEach(function (text, i) {
          var cell = document.createElement("td");
          var holder = cell;
          if (i === 0 && a.page) {
            holder = document.createElement("a");
            holder.href = a.page; cell.appendChild(holder);
          }
          holder.innerHTML = marked(text);  // escaped, runs of the other language marked
          if (i === 0 && originalName) {
            var original = document.createElement("span");
            original.lang = "zh"; original.className = "original"; original.textContent = " " + originalName;
            cell.appendChild(original);
          }
          row.appendChild(cell);
        });
      body.appendChild(row);
    });
  }

  fetch(document.getElementById("map").getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      if (!data.ok) throw new Error(data.error);
      draw(data);
    })
    .catch(function (error) {
      document.getElementById("map").textContent = say("地图无法加载：", "The map could not be drawn: ") + error.message;
      if (window.console) console.error(error.stack);
    });
})();
