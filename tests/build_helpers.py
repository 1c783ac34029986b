"""Shared by the tests/test_build_*.py files: a private copy of the build fixture, or of the plan's own data."""
from __future__ import annotations

import shutil
from pathlib import Path

from hzkg.graph import paths
from hzkg.graph.build import Progress, build_report, run_build, run_check

FIXTURE = Path(__file__).parent / "fixtures" / "build"


def _copy_fixture(root: Path) -> None:
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)


def _copy_the_plan(root: Path) -> None:
    shutil.copytree(paths.ONTOLOGY_DIR, root / "ontology")
    shutil.copytree(paths.FACTS_DIR, root / "facts")
    shutil.copytree(paths.FACTS_DIR.parent / "translation", root / "translation")  # the plan's English
    (root / "source").mkdir()
    shutil.copyfile(paths.SOURCE_TEXT, root / "source" / "plan.zh.txt")


class FixtureProject:
    """A copy of tests/fixtures/build in a temporary folder, safe to break."""

    def __init__(self, root: Path, lay_out=_copy_fixture):
        lay_out(root)
        self.root = root
        self.out = root / "out"

    @classmethod
    def of_the_plan(cls, root: Path) -> "FixtureProject":
        """A copy of the plan's own ontology, facts and text, laid out as the fixture is."""
        return cls(root, lay_out=_copy_the_plan)

    @property
    def inputs(self) -> dict:
        return {
            "ontology_dir": self.root / "ontology",
            "facts_dir": self.root / "facts",
            "source_text": self.root / "source" / "plan.zh.txt",
        }

    def path(self, relative: str) -> Path:
        return self.root / relative

    def replace(self, relative: str, old: str, new: str) -> None:
        path = self.path(relative)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_of(self, relative: str, needle: str) -> int:
        for number, line in enumerate(self.path(relative).read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {relative}")

    def findings(self) -> list[str]:
        """Each finding of a check of this copy as `hzkg build` prints it, the copy's folder
        written as the repository's (graph/facts/…, ontology/…)."""
        report, _ = build_report(progress=Progress(quiet=True), **self.inputs)
        places = {str(self.root / "facts"): "graph/facts", str(self.root / "ontology"): "ontology"}
        lines = []
        for finding in report["validation"]["findings"]:
            line = f"{finding['file']}:{finding['line']}: {finding['message']}"
            for copy, repository in places.items():
                line = line.replace(copy, repository)
            lines.append(line)
        return lines

    def build(self, **options) -> int:
        return run_build(out_dir=self.out, quiet=True, **self.inputs, **options)

    def check(self, as_json: bool = False) -> int:
        return run_check(as_json=as_json, **self.inputs)
