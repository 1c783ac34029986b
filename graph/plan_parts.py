"""The plan's text as its parts: title, 前言, chapters 一…七, sections （一）…, items 1. …,
headings, paragraphs and the appendix table (rows, cells), each with its span in the
vendored text and a stable local name in the scheme of graph/facts/plan.ttl
(`section/4-2-7`; its heading `section/4-2-7-heading`, paragraphs `section/4-2-7-p1` …).

Spans count Unicode code points of the text as read (the vendored file). A leaf (heading,
paragraph, cell) starts at its first character and runs to the start of the next leaf, so
it holds the line breaks after it and the leaves' texts, in order, concatenate to the
whole text; a part that has children spans them.

>>> parts = parse_plan("一、总则\\n\\n（一）原则。\\n\\n1.稳步推进。正文。\\n\\n综合考虑。\\n")
>>> [(p.local, p.kind, p.number) for p in parts.values()][1:4]
[('section/1', 'section', '一'), ('section/1-heading', 'heading', '一'), ('section/1-1', 'section', '一（一）')]
>>> item = parts["section/1-1-1"]
>>> item.title, [parts[c].text(parts.text) for c in item.children]
('稳步推进', ['1.稳步推进。', '正文。\\n\\n'])
>>> parts["section/1-1-p1"].text(parts.text)  # after an item written on one line: its section's again
'综合考虑。\\n'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Part", "PlanParts", "parse_plan", "PLAN", "KINDS"]

PLAN = "plan"
KINDS = ("plan", "section", "heading", "paragraph", "table", "row", "cell")

_NUMERALS = "一二三四五六七八九十"
_CHAPTER = re.compile(r"^([一二三四五六七八九十])、(.+)$")
_SECTION = re.compile(r"^（([一二三四五六七八九十])）(.+)$")
_ITEM = re.compile(r"^(\d+)\.(.+)$")
_PREFACE = "前言"
_APPENDIX = "附表"


@dataclass
class Part:
    local: str  # the IRI's path below id/: "section/4-2-7", "section/4-2-7-p2", "plan"
    kind: str  # one of KINDS
    parent: str | None
    number: str  # as the plan numbers it: 四（二）7; a paragraph: 四（二）7 ¶2; a cell: 附表 第3行第2列
    title: str | None = None  # sections: the heading without its number and final 。
    start: int = 0
    end: int = 0
    children: list[str] = field(default_factory=list)

    def text(self, plan_text: str) -> str:
        return plan_text[self.start:self.end]

    @property
    def anchor(self) -> str:
        """The fragment of /plan that shows this part: its local name."""
        return self.local


class PlanParts(dict):
    """local name -> Part, in the order of the text (the plan first); `.text` is the whole text."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def leaves(self) -> list[Part]:
        return [part for part in self.values() if not part.children and part.kind != "plan"]

    def by_number(self) -> dict[str, Part]:
        return {part.number: part for part in self.values() if part.kind == "section"}

    def ancestors(self, local: str) -> list[str]:
        chain = []
        parent = self[local].parent
        while parent is not None:
            chain.append(parent)
            parent = self[parent].parent
        return chain


class _Parser:
    def __init__(self, text: str):
        self.parts = PlanParts(text)
        self.parts[PLAN] = Part(PLAN, "plan", None, "全文")
        self.leaf_starts: list[tuple[int, str]] = []
        self.open: list[str] = []  # open sections, outermost first
        self.inline_item = False  # the open item was written on one line and ends with it
        self.paragraphs: dict[str, int] = {}
        self.table: str | None = None
        self.row: str | None = None
        self.rows = 0
        self.cells = 0
        self.row_break = False  # a blank line in the table: the row ends, unless the header's cell goes on

    # --- building parts ---------------------------------------------------------------
    def _add(self, part: Part) -> Part:
        self.parts[part.local] = part
        self.parts[part.parent].children.append(part.local)
        return part

    def _leaf(self, local: str, kind: str, parent: str, number: str, start: int) -> None:
        self._add(Part(local, kind, parent, number))
        self.leaf_starts.append((start, local))

    def _section(self, local: str, number: str, title: str, depth: int, heading_start: int, heading_end: int) -> None:
        del self.open[depth:]
        parent = self.open[-1] if self.open else PLAN
        self._add(Part(local, "section", parent, number, title=title))
        self.open.append(local)
        self.inline_item = False
        self._leaf(f"{local}-heading", "heading", local, number, heading_start)

    def _paragraph(self, start: int) -> None:
        if self.inline_item:
            self.open.pop()
            self.inline_item = False
        parent = self.open[-1]
        count = self.paragraphs.get(parent, 0) + 1
        self.paragraphs[parent] = count
        self._leaf(f"{parent}-p{count}", "paragraph", parent, f"{self.parts[parent].number} ¶{count}", start)

    # --- reading lines ----------------------------------------------------------------
    def line(self, line: str, start: int) -> None:
        stripped = line.strip()
        if self.table not in (None, "pending") and line.startswith("\t") and not stripped:
            self._table_line(line, start + 1)  # an empty cell: "\t" alone
            return
        if not stripped:
            self.row_break = self.row is not None
            return
        first = start + (len(line) - len(line.lstrip()))
        if self.table is not None and self._table_line(line, first):
            return
        if not self.parts[PLAN].children and stripped not in (_PREFACE, _APPENDIX) and not _CHAPTER.match(stripped):
            self._section("section/title", "标题", stripped, 0, first, first)
            return
        self._structure_line(stripped, first)

    def _structure_line(self, stripped: str, first: int) -> None:
        chapter, section, item = _CHAPTER.match(stripped), _SECTION.match(stripped), _ITEM.match(stripped)
        if stripped == _PREFACE:
            self._section("section/preface", _PREFACE, _PREFACE, 0, first, first)
        elif stripped == _APPENDIX:
            self._section("section/appendix-table", _APPENDIX, _APPENDIX, 0, first, first)
            self.table = "pending"  # the caption first, then the table
        elif chapter:
            number = chapter.group(1)
            self._section(f"section/{_NUMERALS.index(number) + 1}", number, chapter.group(2), 0, first, first)
        elif section and self.open and self.parts[self.open[0]].number in _NUMERALS:
            chapter_part = self.parts[self.open[0]]
            ordinal = _NUMERALS.index(section.group(1)) + 1
            title = section.group(2).rstrip("。")
            self._section(f"{chapter_part.local}-{ordinal}", f"{chapter_part.number}（{section.group(1)}）",
                          title, 1, first, first)
        elif item and len(self.open) >= 2:
            parent = self.parts[self.open[1]]
            body = item.group(2)
            title, stop, rest = body.partition("。")
            self._section(f"{parent.local}-{item.group(1)}", f"{parent.number}{item.group(1)}", title, 2, first, first)
            if rest.strip():  # "1.产业基础相对扎实。选择的…": the item is this one line
                self._paragraph(first + len(item.group(1)) + 1 + len(title) + len(stop))
                self.inline_item = True
        else:
            self._paragraph(first)

    # --- the appendix table: a cell a line (tab first), rows between blank lines --------
    def _table_line(self, line: str, first: int) -> bool:
        appendix = "section/appendix-table"
        if self.table == "pending":
            if not line.startswith("\t"):
                self.parts[appendix].title = line.strip()  # the caption names the table
                return False  # and is a paragraph
            self.table = self._add(Part(f"{appendix}-table", "table", appendix, "附表 表")).local
        if line.startswith("\t"):
            if self.row_break:
                self._end_row()
            if self.row is None:
                number = "附表 表头" if self.rows == 0 else f"附表 第{self.rows}行"
                self.row = self._add(Part(f"{appendix}-row-{self.rows}", "row", self.table, number)).local
                self.cells = 0
            self.cells += 1
            row_number = self.parts[self.row].number
            self._leaf(f"{self.row}-cell-{self.cells}", "cell", self.row, f"{row_number}第{self.cells}列", first)
            return True
        if self.row is not None and self.rows == 0:
            self.row_break = False
            return True  # the header's cell goes on over a line break: "已开发面积\n\n（平方公里）"
        self._end_row()
        self.table = None  # the note after the table is a paragraph of the appendix
        return False

    def _end_row(self) -> None:
        if self.row is not None:
            self.row = None
            self.rows += 1
        self.row_break = False

    # --- spans ------------------------------------------------------------------------
    def finish(self) -> PlanParts:
        parts, text = self.parts, self.parts.text
        starts = sorted(self.leaf_starts)
        for index, (start, local) in enumerate(starts):
            part = parts[local]
            part.start = 0 if index == 0 else start
            part.end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        for local in reversed(list(parts)):  # children come after their parents
            part = parts[local]
            if part.children:
                part.start = parts[part.children[0]].start
                part.end = parts[part.children[-1]].end
        return parts


def parse_plan(text: str) -> PlanParts:
    """The parts of the plan's text (see the module's docstring)."""
    parser = _Parser(text)
    offset = 0
    for line in text.split("\n"):
        parser.line(line, offset)
        offset += len(line) + 1
    return parser.finish()


# --- the plan's numbering, for readers of section numbers (hz:sectionNumber, /plan links) ----
_NUMBER = re.compile(rf"^([{_NUMERALS}])(?:（([{_NUMERALS}])）(\d+)?)?$")
_NAMED = {"标题": "section/title", _PREFACE: "section/preface", _APPENDIX: "section/appendix-table"}


def section_local(number: str) -> str | None:
    """The local name this parser gives the section the plan numbers `number`; None for
    anything that is no section number. (It does not say whether the plan has that section.)

    >>> section_local("四（二）7"), section_local("四"), section_local("附表"), section_local("二〇一五")
    ('section/4-2-7', 'section/4', 'section/appendix-table', None)
    """
    number = str(number).strip()
    if number in _NAMED:
        return _NAMED[number]
    match = _NUMBER.match(number)
    if not match:
        return None
    chapter, section, item = match.groups()
    pieces = [_NUMERALS.index(chapter) + 1] + ([_NUMERALS.index(section) + 1] if section else []) + ([item] if item else [])
    return "section/" + "-".join(map(str, pieces))


def enclosing_numbers(number: str) -> list[str]:
    """`number` and the numbers of the sections around it, innermost first.

    >>> enclosing_numbers("四（二）7"), enclosing_numbers("前言")
    (['四（二）7', '四（二）', '四'], ['前言'])
    """
    match = _NUMBER.match(str(number).strip())
    if not match:
        return [number] if number else []
    chapter, section, item = match.groups()
    found = [chapter] + ([f"{chapter}（{section}）"] if section else [])
    return ([f"{found[-1]}{item}"] if item else []) + found[::-1]


def section_of(parts: PlanParts, local: str) -> Part:
    """The innermost section that holds the part `local` (a section holds itself)."""
    part = parts[local]
    while part.kind not in ("section", "plan"):
        part = parts[part.parent]
    return part


def chapter_of(parts: PlanParts, local: str) -> Part | None:
    """The top section that holds `local`: 前言, a chapter 一 … 七, 附表 or the title; None for the plan."""
    chain = [local, *parts.ancestors(local)]
    return parts[chain[-2]] if len(chain) > 1 else None
