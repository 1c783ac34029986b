"""Shared by the tests/test_build_*.py files: a private copy of the build fixture."""
from __future__ import annotations

import shutil
from pathlib import Path

from hzkg.graph.build import run_build, run_check

FIXTURE = Path(__file__).parent / "fixtures" / "build"


class FixtureProject:
    """A copy of tests/fixtures/build in a temporary folder, safe to break."""

    def __init__(self, root: Path):
        shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
        self.root = root
        self.out = root / "out"

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

    def build(self, **options) -> int:
        return run_build(out_dir=self.out, quiet=True, **self.inputs, **options)

    def check(self, as_json: bool = False) -> int:
        return run_check(as_json=as_json, **self.inputs)
