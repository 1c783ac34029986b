"""Every relation the plan states between named things is encoded (issue 22): each occurrence of the
verbs that state one (合作, 带动, 依托, 对接, 引进, 承接, 辐射 …) is listed, clause by clause, in
graph/facts/stated-relations.toml with the resources that encode it, or with why it is no relation
between named things."""
from __future__ import annotations

import re
import tomllib

from hzkg.graph import paths

VERBS = re.compile("合作|带动|依托|对接|引进|承接|辐射|联动|共建|协作|融入|吸引")
PREFIXES = f"PREFIX hz: <{paths.DEF}>\nBASE <{paths.ID}>\n"


def _clauses():
    return tomllib.loads((paths.FACTS_DIR / "stated-relations.toml").read_text(encoding="utf-8"))["clause"]


def test_every_occurrence_of_the_verbs_is_listed_once():
    text = paths.SOURCE_TEXT.read_text(encoding="utf-8")
    spans = []
    for clause in _clauses():
        assert text.count(clause["text"]) == 1, clause["text"]
        assert ("encoded" in clause) != ("reason" in clause), clause["text"]
        start = text.find(clause["text"])
        spans.append((start, start + len(clause["text"])))
    unlisted = [(m.start(), m.group(), text[m.start() - 12:m.end() + 12]) for m in VERBS.finditer(text)
                if not any(start <= m.start() < end for start, end in spans)]
    assert unlisted == []
    assert len(spans) == 120


def test_what_encodes_a_clause_exists_and_cites_it(plan_store):
    for clause in (c for c in _clauses() if "encoded" in c):
        for iri in clause["encoded"]:
            quotes = [str(row[0]) for row in plan_store.run(
                PREFIXES + f"SELECT ?quote WHERE {{ <{iri}> a ?type ; hz:citation/hz:quote ?quote }}", 100).rows]
            assert quotes, f"{iri} does not exist or cites nothing"
            assert any(clause["text"] in quote or quote in clause["text"] for quote in quotes), (iri, clause["text"], quotes)


def test_take_over_and_docking_with_described_places(plan_store):
    """四（二）3 江东区块承接市北、桥南区块制造功能升级; 五（二）1 新登新城、场口新城…积极吸引杭州市区和富阳城区、
    金桥、高桥工业功能区等企业入驻, 银湖创新创业新城积极对接…高新技术产业带; 五（二）4 文昌区块…依托杭黄客运专线站点."""
    def ask(where):
        return plan_store.run(PREFIXES + f"ASK {{ {where} }}", 10).value

    assert ask("<zone/xiaoshan-etdz> hz:takesOverFrom <block/xiaoshan-etdz-shibei> , <block/xiaoshan-etdz-qiaonan>")
    assert ask("?p hz:holder <zone/xiaoshan-etdz> ; hz:block <block/xiaoshan-etdz-jiangdong> ; hz:partnershipKind hz:TakeOver")
    assert ask("<zone/fuyang-edz> hz:takesOverFrom <park/jinqiao-industrial-area> , <place/fuyang-urban-area>")
    assert ask("<zone/fuyang-edz> hz:cooperatesWith <place/zhuantang-fuyang-high-tech-belt>")
    assert ask("<zone/chunan-edz> hz:reliesOn <place/hangzhou-huangshan-railway-stations>")
    # a place the plan only describes says so in its basis
    assert ask("<place/hangzhou-huangshan-railway-stations> hz:basis hz:Interpreted ; hz:basisNote ?note")
    assert ask("<place/hangzhou-main-city> hz:reliesOn <institution/zhejiang-university>")
