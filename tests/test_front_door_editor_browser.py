"""The SPARQL editor in headless Chromium says what the result table does not: a result cut at
row_limit (the Hzkg-Truncated header), and an error as readable text with the PREFIX line to add."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_editor_browser import EditorPage, editor  # noqa: F401 (the fixture)

ARTIFACTS = Path(__file__).parent / "artifacts"
ZONES = "SELECT ?zone WHERE { ?zone a <https://w3id.org/hzkg/def/DevelopmentZone> }"


@pytest.fixture
def open_editor(editor):
    """The editor's pages as test_editor_browser opens them (a tab as a new context gives it)."""
    return editor


def run(editor: EditorPage, query: str) -> str:
    editor.page.evaluate(f"() => {{ window.hzkgEditor.yasgui.getTab().setQuery({json.dumps(query)}); }}")
    editor.page.evaluate("() => { window.hzkgEditor.query(); }")
    editor.page.wait_for_selector("#editor-notice:not([hidden])", timeout=30_000)
    return editor.page.evaluate("window.hzkgEditor.notice()")


def test_a_truncated_result_shows_its_notice(small_server, open_editor):
    editor = open_editor(small_server.url + "/sparql")
    notice = run(editor, ZONES)
    assert "truncated" in notice.lower() and "5 rows" in notice and "row_limit" in notice and "/export" in notice
    assert editor.page.locator("#editor-notice").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    editor.page.screenshot(path=str(ARTIFACTS / "editor-truncated.png"))


def test_a_missing_prefix_reads_as_text_with_the_line_to_add(small_server, open_editor):
    editor = open_editor(small_server.url + "/sparql")
    notice = run(editor, "SELECT ?zone WHERE { ?zone a hz:DevelopmentZone }")
    assert "the prefix hz: without declaring it" in notice
    assert "PREFIX hz: <https://w3id.org/hzkg/def/>" in notice
    assert '{"error"' not in notice  # text, not the JSON document
    editor.page.screenshot(path=str(ARTIFACTS / "editor-error.png"))
    editor.page.click("#add-prefixes")  # one click adds the line, and the query runs
    assert editor.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()").startswith(
        "PREFIX hz: <https://w3id.org/hzkg/def/>\nSELECT")
    assert editor.run() == 5


def test_a_syntax_error_points_at_its_token(small_server, open_editor):
    editor = open_editor(small_server.url + "/sparql")
    query = ("PREFIX hz: <https://w3id.org/hzkg/def/>\nSELECT * WHERE {\n  ?zone a hz:DevelopmentZone\n"
             "  ?zone hz:inSubCity ?city\n}")
    notice = run(editor, query)
    assert ("line 4, column 3: found the variable ?zone where a '.' or '}' was expected: a '.' goes between "
            "two triple patterns") in notice
    code = editor.page.locator("#editor-notice pre.syntax-error").inner_text()
    assert code == "  ?zone hz:inSubCity ?city\n  ^^^^^"
    # the monospace caret stands under the token: same left edge, measured in the page
    boxes = editor.page.evaluate("""() => {
        const pre = document.querySelector('#editor-notice pre.syntax-error');
        const range = document.createRange(), text = pre.firstChild, lines = text.textContent.split('\\n');
        const at = (start) => { range.setStart(text, start); range.setEnd(text, start + 1);
                                return range.getBoundingClientRect().left; };
        return [at(2), at(lines[0].length + 1 + lines[1].indexOf('^'))]; }""")
    assert abs(boxes[0] - boxes[1]) < 1
    assert editor.page.locator("#yasgui .hzkg-syntax-error").inner_text() == "?zone"  # marked in the editor
    ARTIFACTS.mkdir(exist_ok=True)
    editor.page.screenshot(path=str(ARTIFACTS / "editor-syntax-error.png"))
