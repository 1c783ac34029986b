"""The citation word check: a cited name occurs in its quote as a word, not inside another word."""
from __future__ import annotations

import shutil

from hzkg.graph import paths
from hzkg.graph.build import run_build
from hzkg.graph.build import load_facts
from hzkg.graph.locate import Locator
from hzkg.graph.wordcheck import WORD_CHECK_FILE, load_rules, occurs_as_word, word_findings


def test_the_plan_passes_the_word_check_with_its_reviewed_exceptions():
    facts = load_facts(paths.FACTS_DIR)
    rules = load_rules(WORD_CHECK_FILE)
    assert word_findings(facts.graph, Locator(facts.files, facts.graph), rules) == []
    assert len(rules.exceptions) >= 10 and all(reason.strip() for reason in rules.exceptions.values())


def test_the_accidental_citations_of_the_issue_are_words_inside_other_words():
    rules = load_rules(WORD_CHECK_FILE)
    assert not occurs_as_word("化工", "全市开发区（园区）基本达到生态化工业园区标准", rules.compounds)
    assert not occurs_as_word("信息", "信息平台等方面逐步实现了联动和对接", rules.compounds)
    assert occurs_as_word("化工", "改造提升化工等传统优势产业", rules.compounds)
    assert not occurs_as_word("汽车", "大力发展汽车电子", {"汽车电子"})


def test_an_accidental_citation_fails_the_build(tmp_path, capsys):
    root = tmp_path / "plan"
    for folder in ("ontology", "graph/facts", "graph/source"):
        shutil.copytree(paths.PACKAGE_DIR / folder, root / folder)
    industries = root / "graph/facts/industries.ttl"
    text = industries.read_text(encoding="utf-8")
    # cite 化工 (chemicals) from the eco-industrial-park sentence again
    text = text.replace("<citation/4-2-4-672b983f> .\n\n<industry/cnc-machine-tools>", "<citation/2-3-2-cf10bc1c> .\n\n<industry/cnc-machine-tools>")
    text += ('\n<citation/2-3-2-cf10bc1c> a hz:Citation ;\n    hz:section <section/2-3-2> ;\n'
             '    hz:quote "全市开发区（园区）基本达到生态化工业园区标准"@zh ;\n    prov:wasQuotedFrom <plan> .\n')
    industries.write_text(text, encoding="utf-8")
    code = run_build(out_dir=tmp_path / "out", quiet=True, ontology_dir=root / "ontology", facts_dir=root / "graph/facts",
                     source_text=root / "graph/source")
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "industry/chemicals> cites <https://w3id.org/hzkg/id/citation/2-3-2-cf10bc1c>" in err
    assert "生态化工业园区" in err and "word-check.toml" in err
