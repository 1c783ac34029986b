"""`hzkg compare A B [C D]` in the terminal: the zones side by side as /compare gives them (the same app
answers, in-process), as text or as JSON (--json)."""
from __future__ import annotations

import argparse
import json
import sys
from urllib.parse import urlencode

__all__ = ["add_compare_command", "run_compare_command", "as_text"]


def add_compare_command(commands, add_settings_arguments, epilog: str) -> None:
    command = commands.add_parser(
        "compare", help="two to four zones side by side: shared industries, similarity, figures, links",
        description="Put 2-4 zones side by side, like /compare: the industries they share (counted as the named "
        "query zone-pairs-sharing-industries counts them) and hold alone, their similarity, their figures aligned "
        "by indicator (contradictions flagged) and their bases, clusters, sub-cities and partnerships.\n"
        "Zones are named by name, short id (zone/linan-edz) or IRI, e.g.\n"
        "  hzkg compare 杭州经济技术开发区 萧山经济技术开发区",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("zones", nargs="+", metavar="ZONE", help="2 to 4 zones")
    command.add_argument("--json", action="store_true", help="print /compare's JSON instead of text")
    add_settings_arguments(command)


def run_compare_command(settings, zones: list[str], as_json: bool) -> int:
    from hzkg.service.app import create_app
    from hzkg.service.errors import ServiceError

    try:
        app = create_app(settings)
    except ServiceError as error:
        print(f"hzkg compare: {error.message}", file=sys.stderr)
        return 2
    with app.test_client() as client:
        answer = client.get("/compare?" + urlencode([("zone", zone) for zone in zones] + [("format", "json")]))
    document = answer.get_json()
    store = app.extensions["hzkg"].store
    getattr(store, "close", lambda: None)()
    if answer.status_code != 200:
        print(f"hzkg compare: {document.get('error', answer.status)}", file=sys.stderr)
        return 2
    document.pop("ok", None)
    text = json.dumps(document, ensure_ascii=False, indent=2) if as_json else as_text(document)
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    return 0


def _figure(figure: dict) -> str:
    before = figure["qualifier"] if figure["qualifier"] in ("超过", "预计") else ""
    after = figure["qualifier"] if figure["qualifier"] and not before else ""
    flag = " ⚠ contradiction" if figure["contradiction"] else ""
    return f"{before}{figure['value']}{figure['unit']}{after} ({', '.join(c['section'] for c in figure['citations'])}){flag}"


def as_text(document: dict) -> str:
    zones = document["zones"]
    label = {zone["iri"]: zone["label"] for zone in zones}
    lines = [" · ".join(zone["label"] for zone in zones), ""]
    for zone in zones:
        lines.append(f"  {zone['label']}: {zone['level'] or '—'}, {zone['group'] or '—'}, {zone['industries']} industries")
    lines += ["", f"similarity {document['similarity']:.3f} (Jaccard at zone-pairs-sharing-industries' counting rule)", "",
              f"shared ({len(document['shared'])}):"]
    for industry in document["shared"]:
        paths = "; ".join(f"{label[zone]} only through the taxonomy: {' → '.join(path)}"
                          for zone, path in industry["through_taxonomy"].items())
        lines.append(f"  {industry['label']}" + (f"  [{paths}]" if paths else ""))
    for zone in zones:
        only = document["only"][zone["iri"]]
        lines.append(f"only in {zone['label']} ({len(only)}): " + ("、".join(i["label"] for i in only) or "—"))
    if document["some"]:
        lines.append(f"held by some ({len(document['some'])}): " + "、".join(i["label"] for i in document["some"]))
    lines += ["", "figures:"]
    for row in document["figures"]:
        lines.append(f"  {row['indicator_zh']} · {row['kind']} {row['when']} · {row['unit']}")
        for zone in zones:
            figures = row["by_zone"].get(zone["iri"], [])
            lines.append(f"    {zone['label']}: " + ("; ".join(_figure(f) for f in figures) or "—"))
    lines += ["", "links:"]
    for relation in document["relations"]:
        cells = [f"{label[zone]}: " + ("、".join(t["label"] for t in targets) or "—")
                 for zone, targets in relation["by_zone"].items()]
        lines.append(f"  {relation['label']} ({relation['label_en']}): " + " | ".join(cells))
    lines += ["", "The sentences behind every figure and role: /compare?" + urlencode([("zone", z["iri"]) for z in zones])]
    return "\n".join(lines)
