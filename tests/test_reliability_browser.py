"""Cross-site scripting, checked where it would happen: in headless Chromium. Payloads in
query parameters, search terms, SPARQL text, URLs and (in a test dataset) labels show as
text on every page: no dialog opens, no payload script runs, no element is made from one,
and the page breaks none of its own Content-Security-Policy."""
from __future__ import annotations

import urllib.parse

import pytest

from reliability_fixtures import HOSTILE_IRI, HOSTILE_LABELS, hostile_server  # noqa: F401 (a fixture)

PAYLOADS = [
    '<script>window.__xss = "param-script"</script>',
    '"><img src=x onerror="window.__xss = \'param-img\'; alert(1)">',
    "'><svg onload=alert(2)>",
    "</textarea></title><script>alert(3)</script>",
    "javascript:alert(4)",
]
# Recorded before any page script: what would show that markup from a payload got into the page.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
INJECTED = "img[src='x'], svg[onload], [onerror], [onload], [onmouseover], a[href^='javascript:'], script:not([src]):not([type='application/json'])"


def q(**params) -> str:
    return "?" + urllib.parse.urlencode(params)


def pages() -> list[tuple[str, str | None]]:
    """(path, the text it must show as text) for every page that can echo what a client or the data holds."""
    labels_query = f"SELECT ?label WHERE {{ <{HOSTILE_IRI}> ?p ?label }}"
    listed = [("/id/zone/hostile", HOSTILE_LABELS[0]), ("/search" + q(q="开发区"), HOSTILE_LABELS[0]),
              ("/sparql" + q(query=labels_query, format="html"), HOSTILE_LABELS[1]),
              ("/queries/label-search" + q(text="zone", format="html"), HOSTILE_LABELS[1]),
              ("/explore" + q(focus=HOSTILE_IRI), None), ("/sparql", None), ("/queries", None), ("/explore", None),
              ("/figures", None), ("/map", None),
              # the editor's chart and network views draw the hostile labels (a link's query runs at once)
              ("/sparql#query=" + urllib.parse.quote(f"#defaultView:BarChart\nSELECT ?label (STRLEN(?label) AS ?n) WHERE {{ <{HOSTILE_IRI}> ?p ?label }}"), None),
              ("/sparql#query=" + urllib.parse.quote(f"#defaultView:Graph\nSELECT ?zone ?label ?industry WHERE {{ ?zone <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <https://w3id.org/hzkg/def/hasIndustry> ?industry }}"), None)]
    for payload in PAYLOADS:
        listed += [("/search" + q(q=payload), payload),
                   ("/sparql" + q(query=f'SELECT ("""{payload}""" AS ?x) WHERE {{}}', format="html"), payload),
                   ("/sparql" + q(query=payload), payload),
                   ("/queries/label-search" + q(text=payload, format="html"), None),  # no label matches: no rows
                   # an error page quoting the parameter, unless the payload is an IRI (javascript:...)
                   ("/queries/zone-profile" + q(zone=payload), None if payload.startswith("javascript:") else payload),
                   ("/explore" + q(focus=payload), payload),
                   ("/explore" + q(query=f'CONSTRUCT {{ <urn:a> <urn:b> ?x }} WHERE {{ BIND("""{payload}""" AS ?x) }}'), None),
                   ("/id/zone/" + urllib.parse.quote(payload, safe=""), None)]
    return listed


def test_no_payload_runs_in_any_page(chromium, hostile_server):
    context = chromium.new_context()
    context.add_init_script(WATCH)
    dialogs, checked, problems = [], 0, []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path, shown in pages():
        page.goto(hostile_server.url + path, wait_until="load")
        page.wait_for_timeout(50)  # onerror of a broken image fires after load
        state = page.evaluate(f"""() => ({{xss: window.__xss === undefined ? null : String(window.__xss),
            violations: window.__violations, injected: document.querySelectorAll("{INJECTED}").length,
            text: document.body ? document.body.innerText : ''}})""")
        if state["xss"] or state["violations"] or state["injected"]:
            problems.append(f"{path}: {state['xss']=} {state['violations']=} {state['injected']=}")
        if shown is not None and shown not in state["text"] and repr(shown)[1:-1] not in state["text"]:
            problems.append(f"{path}: does not show {shown!r} as text")
        checked += 1
    context.close()
    print(f"\n{checked} pages with {len(PAYLOADS)} parameter payloads and {len(HOSTILE_LABELS)} hostile labels: "
          f"{len(dialogs)} dialogs, {len(problems)} problems")
    assert not dialogs, dialogs
    assert not problems, "\n".join(problems)


def test_an_inline_script_is_refused_by_the_pages_policy(chromium, hostile_server):
    """The policy is the second wall: were a payload ever written into a page as markup, it would not run."""
    context = chromium.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(hostile_server.url + "/sparql", wait_until="load")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__xss = 1';
                             document.body.appendChild(s); }""")
    assert page.evaluate("window.__xss") is None
    assert any("script-src" in violation for violation in page.evaluate("window.__violations"))
    context.close()
