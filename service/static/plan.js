// The reading view (/plan): open a highlight's facts, follow /plan#… to a part or a quote,
// search the text in Chinese or pinyin. Served by hzkg itself; asks no other host.
(function () {
  "use strict";
  const panel = document.getElementById("facts-panel");
  const body = document.getElementById("facts-body");
  let anchored = null;
  let active = [];  // the highlights of the facts open now
  // One language at a time (issue 24): the page's language says which words the panel uses.
  const EN = document.documentElement.lang === "en";
  const say = (zh, en) => (EN ? en : zh);

  // Parallel English: the project's unofficial translation beside the Chinese, remembered across visits
  // (per page language: on by default in English, off in Chinese).
  const plan = document.getElementById("plan");
  const toggle = document.getElementById("parallel-toggle");
  const PARALLEL_KEY = "hzkg-plan-parallel-" + (EN ? "en" : "zh");
  function setParallel(on, remember) {
    plan.classList.toggle("parallel", on);
    toggle.checked = on;
    if (remember) {
      try { localStorage.setItem(PARALLEL_KEY, on ? "on" : "off"); } catch (e) { /* storage refused: this visit only */ }
    }
  }
  let stored = null;
  try { stored = localStorage.getItem(PARALLEL_KEY); } catch (e) { stored = null; }
  setParallel(stored ? stored === "on" : EN, false);
  toggle.addEventListener("change", () => setParallel(toggle.checked, true));
  const ready = fetch("/plan/facts.json", {headers: {Accept: "application/json"}})
    .then((response) => response.json())
    .then((data) => { anchored = data.anchored; return anchored; });

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const CITE_FORMATS = [["gbt7714", "GB/T 7714"], ["text", say("纯文本", "plain text")], ["bibtex", "BibTeX"], ["ris", "RIS"], ["csl-json", "CSL-JSON"]];

  function citeBlock(iri) {
    const block = element("div", {class: "cite"}, element("span", {class: "cite-label"}, say("引用：", "Cite: ")));
    for (const [format, name] of CITE_FORMATS) {
      block.append(element("a", {href: "/cite?iri=" + encodeURIComponent(iri) + "&format=" + format}, name), " ");
    }
    return block;
  }

  // A text in the page's language when the graph has it, else the other marked with its language.
  function inLanguage(zh, en) {
    const mine = EN ? en : zh, other = EN ? zh : en;
    if (mine) return EN ? markChinese(mine) : document.createTextNode(mine);
    return other ? element("span", {lang: EN ? "zh" : "en"}, other) : "";
  }

  // English with Chinese in it (a note naming 四（二）7): the Chinese runs marked lang="zh", as the pages do.
  const CHINESE_RUN = /[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e0-9]*/g;
  function markChinese(text) {
    const pieces = document.createDocumentFragment();
    let at = 0;
    for (const found of text.matchAll(CHINESE_RUN)) {
      pieces.append(text.slice(at, found.index), element("span", {lang: "zh"}, found[0]));
      at = found.index + found[0].length;
    }
    pieces.append(text.slice(at));
    return pieces;
  }

  function factBlock(fact) {
    const types = fact.types.map((t) => (EN ? t[1] || t[0] : t[0] || t[1])).join(", ");
    const label = EN ? fact.labels.en || fact.labels[""] : fact.labels.zh || fact.labels[""];
    const title = label ? inLanguage(EN ? null : label, EN ? label : null) : inLanguage(fact.labels.zh, fact.labels.en);
    const named = label || fact.labels.zh || fact.labels.en;
    const block = element("div", {class: "fact"},
      element("div", {class: "fact-title"}, fact.path ? element("a", {href: fact.path}, named ? title : types) : (named ? title : types),
        named ? element("span", {class: "muted"}, " · " + types) : null));
    const table = element("table", {class: "fact-properties"});
    for (const property of fact.properties) {
      table.append(element("tr", {},
        element("th", {}, inLanguage(property.zh, property.en)),
        element("td", {}, property.path ? element("a", {href: property.path}, inLanguage(property.value_zh, property.value_en))
                                         : inLanguage(property.value_zh, property.value_en))));
    }
    if (fact.properties.length) block.append(table);  // (facts.json's English gloss is for other clients)
    return block;
  }

  function anchoredBlock(local) {
    const entry = anchored[local];
    if (!entry) return null;
    const block = element("section", {class: entry.registered ? "anchored registered" : "anchored", "data-local": local},
      element("h3", {}, element("a", {href: "#" + entry.section, lang: "zh"}, entry.section_number), " ",
        element("span", {class: "muted"}, inLanguage(entry.section_title, entry.section_title_en))),
      element("blockquote", {lang: "zh"}, entry.quote));
    if (entry.translation && entry.translation.length) {
      block.append(element("blockquote", {class: "translation", lang: "en"},
        entry.translation.map((t) => t.en).join(" "),
        EN ? element("span", {class: "unofficial"}, " — unofficial translation of the sentence" + (entry.translation.length > 1 ? "s" : "") + " quoted (hzkg)")
           : element("span", {class: "unofficial", lang: "zh"}, "——所引句子的非官方英文译文（hzkg）")));
    }
    if (entry.registered) {
      block.append(element("p", {class: "reason"}, say("未编码：", "Not encoded: "), inLanguage(entry.reason_zh, entry.reason_en)));
    } else {
      block.append(element("p", {class: "muted facts-count"}, entry.facts.length + say(" 项事实", entry.facts.length === 1 ? " fact" : " facts")));
      for (const fact of entry.facts) block.append(factBlock(fact));
    }
    block.append(element("p", {class: "permalink"}, element("a", {href: "#" + local}, say("链接", "link")), " · ",
      element("a", {href: "/id/" + local}, say("资源", "resource"))));
    block.append(citeBlock(entry.iri));
    return block;
  }

  // A name the reader clicked inside a highlight: its page, offered above the highlight's facts.
  function namedBlock(name) {
    return element("p", {class: "named"}, say("文中名称：", "Named here: "),
      element("a", {href: name.getAttribute("href"), class: "named-link", lang: "zh"}, name.textContent), " → ",
      element("span", {class: "muted"}, say("它的页面", "its page")));
  }

  function openFacts(mark, name) {
    const locals = ((mark.dataset.c || "") + " " + (mark.dataset.r || "")).trim().split(/\s+/).filter(Boolean);
    return ready.then(() => {
      body.replaceChildren(...(name ? [namedBlock(name)] : []), ...locals.map(anchoredBlock).filter(Boolean));
      panel.hidden = false;
      document.getElementById("plan").classList.add("with-facts");
      for (const mark of active) mark.classList.remove("active");
      active = locals.flatMap(marksOf);
      for (const mark of active) mark.classList.add("active");
    });
  }

  // The highlights of each quote or registered passage, gathered once (the text does not change).
  let marksByLocal = null;
  function marksOf(local) {
    if (!marksByLocal) {
      marksByLocal = new Map();
      for (const mark of document.querySelectorAll("mark[data-c], mark[data-r]")) {
        for (const key of ((mark.dataset.c || "") + " " + (mark.dataset.r || "")).split(/\s+/).filter(Boolean)) {
          if (!marksByLocal.has(key)) marksByLocal.set(key, []);
          marksByLocal.get(key).push(mark);
        }
      }
    }
    return marksByLocal.get(local) || [];
  }

  function flash(nodes) {
    for (const node of nodes) {
      node.classList.remove("flash");
      void node.offsetWidth;  // restart the animation
      node.classList.add("flash");
    }
  }

  function goToHash() {
    const local = decodeURIComponent(location.hash.slice(1));
    if (!local) return;
    if (local.startsWith("sentence/")) setParallel(true, false);  // a sentence's English is shown in parallel mode
    const target = document.getElementById(local);
    if (!target) return;
    const marks = target.classList.contains("anchor") ? marksOf(local) : [];
    const first = marks[0] || target;
    first.scrollIntoView({block: "center"});
    flash(marks.length ? marks : [target]);
    // The facts open beside the text, which then reflows: scroll again once they are shown.
    if (marks.length) openFacts(marks[0]).then(() => first.scrollIntoView({block: "center"}));
  }

  // A click anywhere on a highlight opens its facts, also on a name linked inside it (the facts
  // panel then offers the name's page first). Ctrl/⌘/Shift/Alt-click on the name follows the link as usual.
  document.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.q, mark.reg");
    if (!mark) return;
    const link = event.target.closest("a");
    const name = link && link.classList.contains("entity") && mark.contains(link) ? link : null;
    if (link && !name) return;
    if (name && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0)) return;
    if (name) event.preventDefault();
    // The facts open beside the text, which reflows: keep the clicked highlight where the reader saw it.
    const before = mark.getBoundingClientRect().top;
    openFacts(mark, name).then(() => window.scrollBy(0, mark.getBoundingClientRect().top - before));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches && event.target.matches("mark.q, mark.reg")) openFacts(event.target);
    if (event.key === "Escape") closeFacts();
  });
  function closeFacts() {
    panel.hidden = true;
    document.getElementById("plan").classList.remove("with-facts");
  }
  document.getElementById("facts-close").addEventListener("click", closeFacts);
  window.addEventListener("hashchange", goToHash);
  goToHash();

  // --- search -------------------------------------------------------------------------
  const input = document.getElementById("plan-search-text");
  const result = document.getElementById("plan-search-result");
  const list = document.getElementById("plan-search-matches");
  let timer = null;

  function rangeIn(leaf, offset, length) {
    const walker = document.createTreeWalker(leaf, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0, started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const size = node.data.length;
      if (!started && offset < seen + size) { range.setStart(node, offset - seen); started = true; }
      if (started && offset + length <= seen + size) { range.setEnd(node, offset + length - seen); return range; }
      seen += size;
    }
    return null;
  }

  function search(query) {
    if (!query.trim()) {
      if (window.CSS && CSS.highlights) CSS.highlights.delete("plan-search");
      result.textContent = ""; list.replaceChildren(); return;
    }
    fetch("/plan/search?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
      .then((response) => response.json())
      .then((data) => {
        const ranges = [];
        list.replaceChildren();
        for (const match of data.matches || []) {
          const leaf = document.getElementById(match.part);
          const own = leaf && (leaf.classList.contains("leaf") || leaf.classList.contains("en-sentence"));
          const target = leaf && (own ? leaf : leaf.querySelector(".leaf"));
          if (match.language === "en") setParallel(true, false);
          const range = target && rangeIn(target, match.offset, match.length);
          if (!range) continue;
          ranges.push(range);
          const item = element("li", {}, element("a", {href: "#" + match.part}, match.context));
          item.firstChild.addEventListener("click", (event) => {
            event.preventDefault();
            range.startContainer.parentElement.scrollIntoView({block: "center"});
            flash([range.startContainer.parentElement]);
          });
          list.append(item);
        }
        if (window.CSS && CSS.highlights) CSS.highlights.set("plan-search", new Highlight(...ranges));
        result.textContent = ranges.length + say(" 处", ranges.length === 1 ? " match" : " matches");
        if (ranges.length) ranges[0].startContainer.parentElement.scrollIntoView({block: "center"});
      });
  }

  document.getElementById("plan-search").addEventListener("submit", (event) => { event.preventDefault(); search(input.value); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search(input.value), 250); });

  window.hzkgPlan = {ready: ready, openFacts: openFacts, search: search, setParallel: setParallel};
})();
