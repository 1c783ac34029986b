"""Is a page wholly in one language? (issue 24)

In an English page, Chinese text may appear only inside an element marked `lang="zh"` (a name or
sentence of the plan beside its English); in a Chinese page, English prose (three words or more in a
row) only inside an element marked `lang="en"`. Code, queries and IRIs are neither: text inside
`<code>`, `<pre>`, `<kbd>`, `<samp>`, `<textarea>`, `<script>`, `<style>` and elements of class `iri`
is not read. Attributes a reader sees (`title`, `placeholder`, `aria-label`, `alt`) are read like text.

    from language_check import foreign_runs
    assert foreign_runs(page_html, "en") == []
"""
from __future__ import annotations

from html.parser import HTMLParser
import re

__all__ = ["foreign_runs", "CHINESE", "ENGLISH_PROSE"]

CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]+[^<>]*")
CHINESE_CHARACTER = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_PROSE = re.compile(r"[A-Za-z][a-z']+(?:[ ,;:-]+[A-Za-z][a-z']+){2,}")
_NOT_READ = {"code", "pre", "kbd", "samp", "textarea", "script", "style"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SEEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class _Reader(HTMLParser):
    def __init__(self, page_language: str):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack: list[tuple[str, str, bool]] = []  # (tag, language in force, not read)
        self.runs: list[str] = []

    def _here(self) -> tuple[str, bool]:
        if not self.stack:
            return self.page_language, False
        return self.stack[-1][1], self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language, skipped = self._here()
        language = (attributes.get("lang") or language).split("-")[0]
        skipped = skipped or tag in _NOT_READ or "iri" in (attributes.get("class") or "").split()
        if not skipped:
            for name in _SEEN_ATTRIBUTES:
                if attributes.get(name):
                    self._read(attributes[name], language, f"@{name} ")
        if tag == "html":
            return
        if tag not in _VOID:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        language, skipped = self._here()
        if not skipped:
            self._read(data, language, "")

    def _read(self, text: str, language: str, where: str) -> None:
        if self.page_language == "en" and language != "zh" and CHINESE_CHARACTER.search(text):
            self.runs.append(where + " ".join(text.split())[:80])
        elif self.page_language == "zh" and language != "en":
            for match in ENGLISH_PROSE.finditer(text):
                self.runs.append(where + match.group(0)[:80])


def foreign_runs(page: str, page_language: str) -> list[str]:
    """The runs of the other language outside elements marked with it; [] when the page is whole."""
    reader = _Reader(page_language)
    reader.feed(page)
    return reader.runs
