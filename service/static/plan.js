// The reading view (/plan): open a highlight's facts, follow /plan#… to a part or a quote,
// search the text in Chinese or pinyin. Served by hzkg itself; asks no other host.
(function () {
  "use strict";
  const panel = document.getElementById("facts-panel");
  const body = document.getElementById("facts-body");
  let anchored = null;

  // Parallel English: the project's unofficial translation beside the Chinese, remembered across visits.
  const plan = document.getElementById("plan");
  const toggle = document.getElementById("parallel-toggle");
  const PARALLEL_KEY = "hzkg-plan-parallel";
  function setParallel(on, remember) {
    plan.classList.toggle("parallel", on);
    toggle.checked = on;
    if (remember) {
      try { localStorage.setItem(PARALLEL_KEY, on ? "on" : "off"); } catch (e) { /* storage refused: this visit only */ }
    }
  }
  let stored = null;
  try { stored = localStorage.getItem(PARALLEL_KEY); } catch (e) { stored = null; }
  setParallel(stored ? stored === "on" : new URLSearchParams(location.search).get("lang") === "en", false);
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

  function link(text, href) {
    return href ? element("a", {href: href}, text) : element("span", {}, text);
  }

  const CITE_FORMATS = [["gbt7714", "GB/T 7714"], ["text", "English"], ["bibtex", "BibTeX"], ["ris", "RIS"], ["csl-json", "CSL-JSON"]];

  function citeBlock(iri) {
    const block = element("div", {class: "cite"}, element("span", {class: "cite-label"}, "引用 Cite: "));
    for (const [format, name] of CITE_FORMATS) {
      block.append(element("a", {href: "/cite?iri=" + encodeURIComponent(iri) + "&format=" + format}, name), " ");
    }
    return block;
  }

  function factBlock(fact) {
    const types = fact.types.map((t) => t[0] + (t[1] ? " " + t[1] : "")).join(", ");
    const title = fact.labels.zh || fact.labels[""] || types;
    const block = element("div", {class: "fact"},
      element("div", {class: "fact-title"}, link(title, fact.path), fact.labels.zh ? element("span", {class: "muted"}, " · " + types) : null));
    const table = element("table", {class: "fact-properties"});
    for (const property of fact.properties) {
      table.append(element("tr", {},
        element("th", {}, property.zh),
        element("td", {}, link(property.value_zh || property.value_en, property.path))));
    }
    if (fact.properties.length) block.append(table);
    block.append(element("p", {class: "gloss", lang: "en"}, fact.gloss));
    return block;
  }

  function anchoredBlock(local) {
    const entry = anchored[local];
    if (!entry) return null;
    const block = element("section", {class: entry.registered ? "anchored registered" : "anchored", "data-local": local},
      element("h3", {}, link(entry.section_number, "#" + entry.section), " ", element("span", {class: "muted"}, entry.section_title || "")),
      element("blockquote", {lang: "zh"}, entry.quote));
    if (entry.translation && entry.translation.length) {
      block.append(element("blockquote", {class: "translation", lang: "en"},
        entry.translation.map((t) => t.en).join(" "),
        element("span", {class: "unofficial"}, " — unofficial translation of the sentence" + (entry.translation.length > 1 ? "s" : "") + " quoted (hzkg)")));
    }
    if (entry.registered) {
      block.append(element("p", {class: "reason"}, "未编码 Not encoded: ", entry.reason_zh || "",
        entry.reason_en ? element("span", {lang: "en", class: "muted"}, " — " + entry.reason_en) : null));
    } else {
      block.append(element("p", {class: "muted facts-count"}, entry.facts.length + " 项事实 facts"));
      for (const fact of entry.facts) block.append(factBlock(fact));
    }
    block.append(element("p", {class: "permalink"}, element("a", {href: "#" + local}, "链接 link"), " · ",
      element("a", {href: "/id/" + local}, "资源 resource")));
    block.append(citeBlock(entry.iri));
    return block;
  }

  // A name the reader clicked inside a highlight: its page, offered above the highlight's facts.
  function namedBlock(name) {
    return element("p", {class: "named"}, "文中名称 Named here: ",
      element("a", {href: name.getAttribute("href"), class: "named-link"}, name.textContent), " → ",
      element("span", {class: "muted"}, "页面 its page"));
  }

  function openFacts(mark, name) {
    const locals = ((mark.dataset.c || "") + " " + (mark.dataset.r || "")).trim().split(/\s+/).filter(Boolean);
    return ready.then(() => {
      body.replaceChildren(...(name ? [namedBlock(name)] : []), ...locals.map(anchoredBlock).filter(Boolean));
      panel.hidden = false;
      document.getElementById("plan").classList.add("with-facts");
      document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
      for (const local of locals) marksOf(local).forEach((m) => m.classList.add("active"));
    });
  }

  function marksOf(local) {
    return Array.from(document.querySelectorAll("mark[data-c], mark[data-r]"))
      .filter((m) => ((m.dataset.c || "") + " " + (m.dataset.r || "")).split(/\s+/).includes(local));
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
        result.textContent = ranges.length + " 处 matches";
        if (ranges.length) ranges[0].startContainer.parentElement.scrollIntoView({block: "center"});
      });
  }

  document.getElementById("plan-search").addEventListener("submit", (event) => { event.preventDefault(); search(input.value); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search(input.value), 250); });

  window.hzkgPlan = {ready: ready, openFacts: openFacts, search: search, setParallel: setParallel};
})();
