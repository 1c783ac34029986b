"""/plan: the plan as a hypertext. The full text as the plan structures it, a table of
contents with each section's coverage, every quoted span highlighted in place (from the
selectors the build computed), the names of things linked to their pages; clicking a
highlight opens the facts it supports (/plan/facts.json), /plan#citation/… scrolls to a
quote, /plan#section/… to a part; /plan/search finds text in Chinese or pinyin.
"""
from __future__ import annotations

from bisect import bisect_left

from flask import Blueprint, jsonify, render_template, request
from markupsafe import Markup, escape

from hzkg.service.errors import BadRequest
from hzkg.service.language import page_language, pick
from hzkg.service.responses.dataset_description import embedded_jsonld
from hzkg.service.model.highlights import Coverage, coverage
from hzkg.service.model.plan import PartSpan, PlanModel, Span, plan_model
from hzkg.service.model.text_search import search_text
from hzkg.service.model.plan_english import english_blocks, plan_english, search_english

__all__ = ["blueprint", "render_plan"]

blueprint = Blueprint("plan", __name__)


# --- the text, leaf by leaf --------------------------------------------------------------
class _Renderer:
    def __init__(self, model: PlanModel, covered: dict[str, Coverage], english=None, language: str = "zh"):
        self.language = language
        self.model = model
        self.covered = covered
        # plan_english.english_blocks: the English beside a paragraph, under the table, under a heading
        self.english_paragraph, self.english_table, self.english_heading = \
            english or (lambda local: "", lambda rows: "", lambda local: "")
        self.starts = [span.start for span in model.spans]
        self.by_first_char: dict[str, list[tuple[str, str, str]]] = {}
        for name in model.names:  # longest first
            self.by_first_char.setdefault(name[0][0], []).append(name)

    def part(self, local: str, depth: int = 0) -> str:
        part = self.model.parts[local]
        if part.kind == "section":
            return self._section(part, depth)
        if part.kind == "table":
            return self._table(part)
        if part.kind == "paragraph":
            text = f'<p id="{escape(local)}" class="leaf" data-start="{part.start}">{self.leaf(part)}</p>'
            english = self.english_paragraph(local)
            return f'<div class="pair">{text}{english}</div>\n' if english else text + "\n"
        return ""  # headings are drawn by their section

    def _section(self, part: PartSpan, depth: int) -> str:
        level = min(depth + 2, 6)
        heading = next((self.model.parts[c] for c in part.children if self.model.parts[c].kind == "heading"), None)
        cover = self.covered.get(part.local)
        bar = _coverage_bar(cover, self.language) if cover else ""
        say = lambda zh, en: pick(self.language, zh, en)
        english_title = f' title="{escape(part.english)}"' if part.english and self.language == "en" else ""
        head = ""
        if heading is not None:
            head = (f'<h{level} id="{escape(heading.local)}" class="heading">'
                    f'<a class="number" href="#{escape(part.local)}"{english_title}>§</a> '
                    f'<span class="leaf" data-start="{heading.start}">{self.leaf(heading)}</span>'
                    f'{self.english_heading(part.local)}</h{level}>\n'
                    f'<div class="section-meta">{bar}<a class="cite-section" href="/cite?iri={escape(part.iri)}">'
                    f'{say("引用", "Cite")}</a> <a class="rdf" href="/id/{escape(part.local)}?format=turtle">RDF</a></div>\n')
        body = "".join(self.part(child, depth + 1) for child in part.children)
        return f'<section id="{escape(part.local)}" class="part depth-{depth}">\n{head}{body}</section>\n'

    def _table(self, table: PartSpan) -> str:
        rows = [self.model.parts[local] for local in table.children]
        html = [f'<div class="table-wrap"><table id="{escape(table.local)}" class="plan-table">']
        for index, row in enumerate(rows):
            cell_tag = "th" if index == 0 else "td"
            cells = "".join(
                f'<{cell_tag} id="{escape(c)}" class="leaf" data-start="{self.model.parts[c].start}">'
                f'{self.leaf(self.model.parts[c])}</{cell_tag}>'
                for c in row.children)
            html.append(f'<tr id="{escape(row.local)}">{cells}</tr>')
        html.append("</table></div>\n")
        html.append(self.english_table(table.children))
        return "\n".join(html)

    def leaf(self, part: PartSpan) -> str:
        """The leaf's text (without the line breaks after it), cut where a quote or a name
        begins or ends; each piece marked by the quotes covering it and linked to what it names."""
        text = self.model.text
        start = part.start
        end = start + len(text[part.start:part.end].rstrip())
        spans = self._spans(start, end)
        names = self._names(start, end)
        cuts = {start, end}
        for span in spans:
            cuts.update(x for x in (span.start, span.end) if start < x < end)
        for name_start, name_end, _ in names:
            cuts.update((name_start, name_end))
        cuts = sorted(cuts)
        pieces = []
        for left, right in zip(cuts, cuts[1:]):
            covering = [s for s in spans if s.start <= left and s.end >= right]
            for s in spans:
                if s.start == left:
                    pieces.append(f'<span class="anchor" id="{escape(s.local)}"></span>')
            piece = str(escape(text[left:right]))
            named = next((n for n in names if n[0] <= left and n[1] >= right), None)
            quoted = [s for s in covering if not s.registered]
            registered = [s for s in covering if s.registered]
            if named is not None:
                # Inside a highlight a click opens the highlight's facts (plan.js), which link the name.
                # (A registered sentence keeps its mark's title: the reason it is not encoded.)
                hint = (' title="{}"'.format(pick(self.language, "点击看本句事实，Ctrl/⌘+点击打开此页",
                                                  "click: the facts; Ctrl/⌘-click: its page")) if quoted else "")
                piece = f'<a class="entity" href="{escape(named[2][2])}"{hint}>{piece}</a>'
            if quoted or registered:
                classes = "q" if quoted else "reg"
                attributes = f' data-c="{escape(" ".join(s.local for s in quoted))}"' if quoted else ""
                if registered:
                    attributes += f' data-r="{escape(" ".join(s.local for s in registered))}"'
                    if not quoted:
                        reason = pick(self.language, registered[0].reason_zh or registered[0].reason_en or "",
                                      registered[0].reason_en or registered[0].reason_zh or "")
                        attributes += f' title="{pick(self.language, "未编码：", "not encoded: ")}{escape(reason)}"'
                piece = f'<mark class="{classes}"{attributes} tabindex="0">{piece}</mark>'
            pieces.append(piece)
        return "".join(pieces)

    def _spans(self, start: int, end: int) -> list[Span]:
        right = bisect_left(self.starts, end)
        return [span for span in self.model.spans[:right] if span.end > start]

    def _names(self, start: int, end: int) -> list[tuple[int, int, tuple]]:
        text, found, index = self.model.text, [], start
        while index < end:
            for name in self.by_first_char.get(text[index], ()):
                if text.startswith(name[0], index) and index + len(name[0]) <= end:
                    found.append((index, index + len(name[0]), name))
                    index += len(name[0])
                    break
            else:
                index += 1
        return found


def _coverage_bar(cover: Coverage, language: str = "zh") -> str:
    encoded, registered = cover.percent("encoded"), cover.percent("registered")
    neither = max(0, 100 - encoded - registered)
    label = pick(language, f"已编码 {encoded}% · 登记未编码 {registered}% · 其余 {neither}%",
                 f"encoded {encoded}% · registered {registered}% · neither {neither}%")
    return (f'<span class="coverage" title="{label}" aria-label="{label}">'
            f'<span class="encoded" style="width:{encoded}%"></span>'
            f'<span class="registered" style="width:{registered}%"></span></span>'
            f'<span class="coverage-text">{label}</span> ')


def render_plan(model: PlanModel, english=None, language: str = "zh") -> tuple[str, list[dict]]:
    """The article's HTML and the table of contents (sections with their coverage); with
    `english` (plan_english.english_blocks), the translation beside the text."""
    covered = coverage(model)
    renderer = _Renderer(model, covered, english, language)
    top = [part for part in model.parts.values() if part.parent == "plan"]
    article = "".join(renderer.part(part.local) for part in top)
    toc = []
    for part in model.sections():
        depth = len(_ancestors(model, part))
        cover = covered[part.local]
        toc.append({"local": part.local, "number": part.number, "title": part.title or part.number, "depth": depth,
                    "encoded": cover.percent("encoded"), "registered": cover.percent("registered")})
    return article, toc


def _ancestors(model: PlanModel, part: PartSpan) -> list[str]:
    chain, parent = [], part.parent
    while parent in model.parts:
        chain.append(parent)
        parent = model.parts[parent].parent
    return chain


def _rendered(model: PlanModel, language: str) -> tuple[str, list[dict]]:
    """Rendered once per model (per dataset version and worker) and language."""
    cached = model.__dict__.setdefault("rendered", {})
    if language not in cached:
        cached[language] = render_plan(model, english_blocks(plan_english()), language)
    return cached[language]


# --- routes ------------------------------------------------------------------------------
@blueprint.route("/plan")
def plan_page():
    model = plan_model()
    article, toc = _rendered(model, page_language())
    return render_template("plan.html", article=Markup(article), toc=toc, model=model, english=plan_english(),
                           dataset_jsonld=embedded_jsonld())


@blueprint.route("/plan/facts.json")
def plan_facts():
    """Every anchored quote: its section, quote and the facts it supports (with English glosses)."""
    model = plan_model()
    english = plan_english()
    anchored = {}
    for span in model.spans:
        section = model.parts.get(span.section)
        translation = [{"sentence": s.local, "en": s.text} for s in english.covering(span.start, span.end)]
        anchored[span.local] = {"translation": translation,
            "iri": span.iri, "section": span.section, "section_number": section.number if section else span.section,
            "section_title": section.title if section else None, "section_title_en": english.titles.get(span.section),
            "quote": span.quote, "registered": span.registered,
            "reason_zh": span.reason_zh, "reason_en": span.reason_en,
            "facts": [fact.as_json() for fact in model.facts.get(span.iri, [])],
        }
    response = jsonify({"anchored": anchored, "translation_note": english.note})
    response.cache_control.max_age = 300
    return response


@blueprint.route("/plan/search")
def plan_search():
    query = request.args.get("q", "")
    if len(query) > 100:
        raise BadRequest("q: at most 100 characters")
    model = plan_model()
    leaves = [part for part in model.leaves()]
    starts = [leaf.start for leaf in leaves]
    matches = []
    for start, end in search_text(model.text, query):
        leaf = leaves[max(0, bisect_left(starts, start + 1) - 1)]
        matches.append({"part": leaf.local, "offset": start - leaf.start, "length": min(end, leaf.end) - start,
                        "text": model.text[start:end],
                        "context": model.text[max(leaf.start, start - 12):min(leaf.end, end + 12)].strip()})
    if not matches:  # neither Chinese nor pinyin: the English of the translation
        matches = search_english(plan_english(), query)
    return jsonify({"query": query, "matches": matches})
