/* /matrix: zones × industries from the JSON in #matrix-data (the same as /matrix?format=json).
   Rows ordered by the plan, by count or by similarity clustering; columns grouped by the taxonomy, or rolled
   up to the groups; filters by level, group and role kind; a click on a cell shows its sentences.
   window.hzkgMatrix holds what is drawn, for the browser tests.
   One language at a time, the page's (<html lang>): names, role kinds and headings in it; in an English page the
   plan's sentences and section numbers are its Chinese originals, marked lang="zh". */
(function () {
  "use strict";
  var language = hzkgLanguage.language, say = hzkgLanguage.say, named = hzkgLanguage.named;  // static/language.js
  var original = { lang: "zh" };  // attributes of an element holding the plan's Chinese in an English page
  var data = JSON.parse(document.getElementById("matrix-data").textContent);
  var GLYPHS = ["●", "◆", "■", "▲", "★", "⬟", "◉", "✚", "▼", "⬢", "◐", "♦", "✦", "⬣"];
  var COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22",
                 "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd"];
  var marks = {}, next = 0;
  data.role_kinds.forEach(function (kind) {
    marks[kind.kind] = kind.away ? { glyph: "✕", colour: "#999" } : { glyph: GLYPHS[next % GLYPHS.length], colour: COLOURS[next++ % COLOURS.length] };
  });
  var zones = {}, industries = {}, cells = {};
  data.zones.forEach(function (z) { zones[z.iri] = z; });
  data.industries.forEach(function (i) { industries[i.iri] = i; });
  data.cells.forEach(function (c) { cells[c.zone + " " + c.industry] = c; });
  var shownKinds = {};
  data.role_kinds.forEach(function (k) { shownKinds[k.kind] = true; });
  var state = { order: "plan", rollup: false, level: "", group: "" };
  window.hzkgMatrix = { rows: [], columns: [], ready: false };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function mark(kind) {
    var m = marks[kind] || { glyph: "?", colour: "#000" };
    var span = el("span", { "class": "mark" + (m.glyph === "✕" ? " away" : ""), style: "color:" + m.colour }, m.glyph);
    return span;
  }
  function kindLabel(kind) {
    var found = data.role_kinds.filter(function (k) { return k.kind === kind; })[0];
    return found ? named(found.label, found.label_en) : kind;
  }
  function zoneName(zone) { return named(zone.label, zone.label_en); }
  // An English text of the graph naming the plan's Chinese (Positioning (总体定位)): its Chinese runs marked lang="zh".
  function mixed(tag, attrs, text) {
    var node = el(tag, attrs);
    if (language !== "en") { node.textContent = text; return node; }
    String(text).split(/([\u3400-\u9fff][\u3400-\u9fff（）、，0-9]*)/).forEach(function (piece, index) {
      if (!piece) return;
      node.appendChild(index % 2 ? el("span", original, piece) : document.createTextNode(piece));
    });
    return node;
  }

  function legend() {
    var box = document.getElementById("matrix-legend");
    box.textContent = "";
    var heading = null;
    data.role_kinds.forEach(function (kind) {
      var title = kind.away ? say("调整", "restructure") : named(kind.heading, kind.heading_en);
      if (title !== heading) { heading = title; box.appendChild(mixed("span", { "class": "heading" }, title)); }
      var label = el("label");
      var box_ = el("input", { type: "checkbox", "data-kind": kind.kind });
      box_.checked = true;
      box_.addEventListener("change", function () { shownKinds[kind.kind] = box_.checked; draw(); });
      label.appendChild(box_);
      label.appendChild(mark(kind.kind));
      label.appendChild(document.createTextNode(" " + named(kind.label, kind.label_en) + " "));
      box.appendChild(label);
    });
  }

  function filters() {
    var levels = {}, groups = {};
    data.zones.forEach(function (z) {
      if (z.level_label) levels[z.level] = named(z.level_label, z.level_label_en);
      if (z.group_label) groups[z.group] = named(z.group_label, z.group_label_en);
    });
    [["level", levels], ["group", groups]].forEach(function (pair) {
      var select = document.getElementById(pair[0]);
      Object.keys(pair[1]).forEach(function (iri) { select.appendChild(el("option", { value: iri }, pair[1][iri])); });
      select.addEventListener("change", function () { state[pair[0]] = select.value; draw(); });
    });
    document.querySelectorAll("input[name=order]").forEach(function (radio) {
      radio.addEventListener("change", function () { state.order = radio.value; draw(); });
    });
    document.getElementById("rollup").addEventListener("change", function (event) { state.rollup = event.target.checked; draw(); });
  }

  function visibleRoles(cell) {
    return cell ? cell.roles.filter(function (r) { return shownKinds[r.kind]; }) : [];
  }

  function columns() {
    var list = data.industries.map(function (i) {
      return { key: i.iri, label: named(i.label, i.label_en), group: i.group, industries: [i.iri] };
    });
    if (!state.rollup) return list;
    var byGroup = {}, order = [];
    list.forEach(function (column) {
      var key = column.group || "";
      if (!byGroup[key]) {
        var group = data.groups.filter(function (g) { return g.iri === column.group; })[0];
        byGroup[key] = { key: key || "other", label: group ? named(group.label, group.label_en) : say("其他产业", "other industries"),
                         group: column.group, industries: [] };
        order.push(byGroup[key]);
      }
      byGroup[key].industries.push(column.key);
    });
    return order;
  }

  function rows() {
    return data.orders[state.order].map(function (iri) { return zones[iri]; }).filter(function (z) {
      return (!state.level || z.level === state.level) && (!state.group || z.group === state.group);
    });
  }

  function show(zone, column, td) {
    document.querySelectorAll("td.cell.chosen").forEach(function (c) { c.classList.remove("chosen"); });
    td.classList.add("chosen");
    var panel = document.getElementById("matrix-panel");
    panel.textContent = "";
    var h = el("h3");
    var a = el("a", { href: zone.page }, zoneName(zone));
    h.appendChild(a);
    h.appendChild(document.createTextNode(" × " + column.label));
    panel.appendChild(h);
    column.industries.forEach(function (iri) {
      var cell = cells[zone.iri + " " + iri];
      var roles = visibleRoles(cell);
      if (!roles.length) return;
      if (column.industries.length > 1) panel.appendChild(el("h3", {}, named(industries[iri].label, industries[iri].label_en)));
      roles.forEach(function (role) {
        var p = el("p");
        p.appendChild(mark(role.kind));
        p.appendChild(document.createTextNode(" " + kindLabel(role.kind) + " "));
        if (role.block) p.appendChild(el("span", language === "en" ? original : {}, "（" + role.block + "）"));
        panel.appendChild(p);
        var quote = el("blockquote", language === "en" ? { "class": "plan", lang: "zh" } : { "class": "plan" });
        quote.appendChild(el("span", { "class": "sentence" }, role.sentence));
        quote.appendChild(document.createTextNode(" "));
        var cite = el("cite");
        cite.appendChild(el("a", { href: role.citation_page }, "— " + role.section));
        quote.appendChild(cite);
        panel.appendChild(quote);
      });
      if (cell && !cell.holds) panel.appendChild(el("p", { "class": "muted" }, say("规划要求调整出去：该开发区不持有此产业。",
                                                                                "To be restructured away: the zone does not hold it.")));
    });
    if (language === "en") panel.appendChild(el("p", { "class": "muted" }, "(English names are our own, unofficial translation.)"));
  }

  function draw() {
    var cols = columns(), zoneRows = rows();
    var table = el("table", { "class": "matrix" });
    var head = el("thead");
    var groupRow = el("tr", { "class": "groups" }), industryRow = el("tr", { "class": "industries" });
    groupRow.appendChild(el("th", { "class": "zone" }, say("开发区", "zone")));
    industryRow.appendChild(el("th", { "class": "zone" }, state.rollup ? say("（产业大类）", "(groups)") : ""));
    var starts = {};
    if (!state.rollup) {
      var last = null, span = null;
      cols.forEach(function (c, index) {
        var key = c.group || "";
        if (key !== last || span === null) {
          var group = data.groups.filter(function (g) { return g.iri === c.group; })[0];
          span = el("th", { colspan: 1 }, group ? named(group.label, group.label_en) : say("其他", "other"));
          groupRow.appendChild(span);
          starts[index] = true;
          last = key;
        } else span.setAttribute("colspan", +span.getAttribute("colspan") + 1);
      });
    } else {
      groupRow.appendChild(el("th", { colspan: cols.length }, say("产业大类（已汇总）", "industry groups (rolled up)")));
    }
    cols.forEach(function (c, index) {
      var th = el("th", { "class": starts[index] ? "group-start" : "" });
      if (!state.rollup && industries[c.key] && industries[c.key].page) th.appendChild(el("a", { href: industries[c.key].page }, c.label));
      else th.appendChild(el("span", {}, c.label));
      industryRow.appendChild(th);
    });
    groupRow.appendChild(el("th", {}, say("数", "count")));
    industryRow.appendChild(el("th", { title: say("该开发区持有的产业数", "industries the zone holds") }, say("产业数", "industries")));
    head.appendChild(groupRow); head.appendChild(industryRow);
    table.appendChild(head);
    var body = el("tbody");
    var drawnRows = [];
    zoneRows.forEach(function (zone) {
      var tr = el("tr", { "class": zone.industries ? "" : "empty", "data-zone": zone.iri });
      var th = el("th", { "class": "zone" });
      th.appendChild(el("a", { href: zone.page }, zoneName(zone)));
      if (zone.level_label) th.appendChild(el("span", { "class": "tag" }, named(zone.level_label, zone.level_label_en)));
      tr.appendChild(th);
      cols.forEach(function (c, index) {
        var roles = [], held = 0;
        c.industries.forEach(function (iri) {
          var cell = cells[zone.iri + " " + iri], shown = visibleRoles(cell);
          roles = roles.concat(shown);
          if (shown.length && cell.holds) held += 1;
        });
        var td = el("td", { "class": "cell" + (starts[index] ? " group-start" : "") });
        if (roles.length) {
          var kinds = [];
          roles.forEach(function (r) { if (kinds.indexOf(r.kind) < 0) kinds.push(r.kind); });
          if (state.rollup && held) td.appendChild(el("span", { "class": "count" }, String(held)));
          kinds.forEach(function (k) { td.appendChild(mark(k)); });
          td.title = zoneName(zone) + " × " + c.label + say("：", ": ") + kinds.map(kindLabel).join(say("、", "; "));
          td.setAttribute("data-industry", c.key);
          td.addEventListener("click", function () { show(zone, c, td); });
        }
        tr.appendChild(td);
      });
      tr.appendChild(el("td", { "class": "count" }, String(zone.industries)));
      body.appendChild(tr);
      drawnRows.push(zone.iri);
    });
    table.appendChild(body);
    var box = document.getElementById("matrix");
    box.textContent = "";
    box.appendChild(table);
    document.getElementById("rollup-note").hidden = !state.rollup;
    window.hzkgMatrix.rows = drawnRows;
    window.hzkgMatrix.columns = cols.map(function (c) { return c.key; });
    window.hzkgMatrix.ready = true;
  }

  legend();
  filters();
  draw();
})();
