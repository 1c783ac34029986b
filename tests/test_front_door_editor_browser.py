"""The SPARQL editor in headless Chromium says what the result table does not: a result cut at
row_limit (the Hzkg-Truncated header), and an error as readable text with the PREFIX line to add."""
from __future__ import annotations

import json
from pathlib import Path

from test_editor_browser import EditorPage

ARTIFACTS = Path(__file__).parent / "artifacts"
ZONES = "SELECT ?zone WHERE { ?zone a <https://w3id.org/hzkg/def/DevelopmentZone> }"


def run(editor: EditorPage, query: str) -> str:
    editor.page.evaluate(f"() => {{ window.hzkgEditor.yasgui.getTab().setQuery({json.dumps(query)}); }}")
    editor.page.evaluate("() => { window.hzkgEditor.query(); }")
    editor.page.wait_for_selector("#editor-notice:not([hidden])", timeout=30_000)
    return editor.page.evaluate("window.hzkgEditor.notice()")


def test_a_truncated_result_shows_its_notice(small_server, chromium):
    editor = EditorPage(chromium, small_server.url + "/sparql")
    try:
        notice = run(editor, ZONES)
        assert "Truncated" in notice and "5 rows" in notice and "row_limit" in notice and "/export" in notice
        assert editor.page.locator("#editor-notice").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        editor.page.screenshot(path=str(ARTIFACTS / "editor-truncated.png"))
    finally:
        editor.context.close()


def test_a_missing_prefix_reads_as_text_with_the_line_to_add(small_server, chromium):
    editor = EditorPage(chromium, small_server.url + "/sparql")
    try:
        notice = run(editor, "SELECT ?zone WHERE { ?zone a hz:DevelopmentZone }")
        assert "the prefix hz: without declaring it" in notice
        assert "PREFIX hz: <https://w3id.org/hzkg/def/>" in notice
        assert '{"error"' not in notice  # text, not the JSON document
        editor.page.screenshot(path=str(ARTIFACTS / "editor-error.png"))
        editor.page.click("#add-prefixes")  # one click adds the line, and the query runs
        assert editor.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()").startswith(
            "PREFIX hz: <https://w3id.org/hzkg/def/>\nSELECT")
        assert editor.run() == 5
    finally:
        editor.context.close()
