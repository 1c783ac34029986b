"""`hzkg compare A B [C D]` in the terminal: the zones side by side as /compare gives them (the same app
answers, in-process), as text or as JSON (--json)."""
from __future__ import annotations

import argparse
import json
import sys
from urllib.parse import urlencode

from hzkg.service.language import pick
from hzkg.service.model.words import figure_words, label_in, title_text

__all__ = ["add_compare_command", "run_compare_command", "as_text"]


def add_compare_command(commands, add_settings_arguments, epilog: str, add_language_argument) -> None:
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
    add_language_argument(command)
    add_settings_arguments(command)


def run_compare_command(settings, zones: list[str], as_json: bool, language: str = "zh") -> int:
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
    text = json.dumps(document, ensure_ascii=False, indent=2) if as_json else as_text(document, language)
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    return 0


def as_text(document: dict, language: str = "zh") -> str:
    """The comparison as text in one language: names, words and figures (100亿元左右 / about 10 billion yuan),
    the plan's section numbers as it writes them (四（二）3) or, in English, as the reading view's (§4-2-3)."""
    say = lambda zh, en: pick(language, zh, en)
    named = lambda thing, key="label": label_in(thing.get(key), thing.get(key + "_en"), language)
    comma, colon = say("、", ", "), say("：", ": ")

    def figure(found: dict) -> str:
        sections = comma.join(title_text(citation["section"], language) for citation in found["citations"])
        flag = say(" ⚠ 矛盾", " ⚠ contradiction") if found["contradiction"] else ""
        words = figure_words(found["value"], found["unit_id"], found["qualifier_id"], language, unit_zh=found["unit"])
        return f"{words}{say('（', ' (')}{sections}{say('）', ')')}{flag}"

    zones = document["zones"]
    label = {zone["iri"]: named(zone) for zone in zones}
    lines = [" · ".join(label.values()), ""]
    for zone in zones:
        lines.append(f"  {label[zone['iri']]}{colon}{label_in(zone['level'], zone['level_en'], language) or '—'}{say('，', ', ')}"
                     f"{label_in(zone['group'], zone['group_en'], language) or '—'}{say('，', ', ')}"
                     f"{zone['industries']}{say(' 个产业', ' industries')}")
    lines += ["", say(f"相似度 {document['similarity']:.3f}（按 zone-pairs-sharing-industries 的计数规则计算的 Jaccard）",
                      f"similarity {document['similarity']:.3f} (Jaccard at zone-pairs-sharing-industries' counting rule)"),
              "", say(f"共有（{len(document['shared'])}）：", f"shared ({len(document['shared'])}):")]
    for industry in document["shared"]:
        through = industry["through_taxonomy_en" if language == "en" else "through_taxonomy"]
        paths = "; ".join(f"{label[zone]}{say(' 只经由分类：', ' only through the taxonomy: ')}{' → '.join(path)}"
                          for zone, path in through.items())
        lines.append(f"  {named(industry)}" + (f"  [{paths}]" if paths else ""))
    for zone in zones:
        only = document["only"][zone["iri"]]
        lines.append(say(f"仅{label[zone['iri']]}有（{len(only)}）：", f"only in {label[zone['iri']]} ({len(only)}): ")
                     + (comma.join(named(industry) for industry in only) or "—"))
    if document["some"]:
        lines.append(say(f"部分共有（{len(document['some'])}）：", f"held by some ({len(document['some'])}): ")
                     + comma.join(named(industry) for industry in document["some"]))
    lines += ["", say("数字：", "figures:")]
    for row in document["figures"]:
        lines.append(f"  {label_in(row['indicator_zh'], row['indicator_en'], language)} · "
                     f"{say(row['kind_zh'], row['kind'])} {row['when']}")
        for zone in zones:
            figures = row["by_zone"].get(zone["iri"], [])
            lines.append(f"    {label[zone['iri']]}{colon}" + ("; ".join(figure(found) for found in figures) or "—"))
    lines += ["", say("关系：", "links:")]
    for relation in document["relations"]:
        cells = [f"{label[zone]}{colon}" + (comma.join(named(target) for target in targets) or "—")
                 for zone, targets in relation["by_zone"].items()]
        lines.append(f"  {named(relation)}{colon}" + " | ".join(cells))
    lines += ["", say("每个数字和角色的原句：", "The sentences behind every figure and role: ")
              + "/compare?" + urlencode([("zone", z["iri"]) for z in zones])]
    return "\n".join(lines)
