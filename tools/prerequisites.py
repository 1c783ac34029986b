"""What the tests need beyond the Python packages, and its installation on Debian: `make test` runs
`python -m tools.prerequisites` before pytest.

Each part is checked by a file or a command being there, so a run with everything present takes no
time. As root with apt-get, a missing part is installed (`apt-get update` once, then `apt-get
install`; Comunica with npm into `.comunica/` of the checkout). What cannot be installed is printed,
one line a part, and the tests that need the part fail with the same line (`require`), never skip:

    python -m tools.prerequisites            # install what is missing, say what could not be
    python -m tools.prerequisites --check    # only say what is missing
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PARTS", "COMUNICA_DIR", "missing", "missing_line", "require", "install"]

CHECKOUT = Path(__file__).resolve().parent.parent
COMUNICA_DIR = Path(os.environ.get("HZKG_COMUNICA_DIR", CHECKOUT / ".comunica"))
# Version 4: version 5 needs Node 22.
COMUNICA_PACKAGE = "@comunica/query-sparql-file@4"
COMUNICA_COMMAND = ["npm", "install", "--prefix", str(COMUNICA_DIR), "--no-audit", "--no-fund", COMUNICA_PACKAGE]


@dataclass(frozen=True)
class Part:
    name: str
    needed_by: str
    files: tuple[str, ...] = ()  # absolute paths that must exist
    commands: tuple[str, ...] = ()  # names that must be on PATH
    apt: str = ""  # the Debian package that brings it, if apt brings it

    def present(self) -> bool:
        return (all(Path(path).exists() for path in self.files)
                and all(shutil.which(command) for command in self.commands))

    def how(self) -> str:
        if self.apt:
            return f"`apt-get install -y {self.apt}` (`make test` does it when run as root)"
        return f"`{' '.join(COMUNICA_COMMAND)}` (`make test` does it where npm is installed)"


PARTS = {part.name: part for part in [
    # Debian's chromium, driven by playwright (playwright's own browser download is not reachable);
    # a CJK font so that the plan's pages render as a reader sees them.
    Part("chromium", "the browser tests", files=("/usr/bin/chromium",), apt="chromium"),
    Part("cjk-font", "the browser tests", files=("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",), apt="fonts-wqy-zenhei"),
    Part("virtuoso", "the Virtuoso tests", commands=("virtuoso-t", "isql-vt"), apt="virtuoso-opensource"),
    # nodejs from some repositories bundles npm and conflicts with Debian's npm: each is installed only if missing.
    Part("node", "the Comunica tests", commands=("node",), apt="nodejs"),
    Part("npm", "installing Comunica", commands=("npm",), apt="npm"),
    Part("comunica", "the Comunica tests",
         files=(str(COMUNICA_DIR / "node_modules" / ".bin" / "comunica-sparql-file-http"),)),
]}
# What a test needs, by the part it names in `require`.
NEEDS = {"browser": ("chromium", "cjk-font"), "virtuoso": ("virtuoso",), "comunica": ("node", "comunica")}


def missing_line(part: Part) -> str:
    return f"missing: {part.name}, needed by {part.needed_by}; install it with {part.how()}"


def missing(*names: str) -> list[Part]:
    return [PARTS[name] for name in names or PARTS if not PARTS[name].present()]


def require(need: str) -> None:
    """Fail the calling test with one line per part it needs that is missing."""
    lacking = missing(*NEEDS[need])
    if lacking:
        import pytest

        pytest.fail("\n".join(missing_line(part) for part in lacking), pytrace=False)


def _run(command: list[str]) -> bool:
    print("prerequisites:", " ".join(command), flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(command, env=environment, stdin=subprocess.DEVNULL).returncode == 0


def install() -> list[Part]:
    """Install every missing part this machine lets us install; returns those still missing."""
    can_apt = os.geteuid() == 0 and shutil.which("apt-get") is not None
    updated = False
    # npm last and alone: a nodejs that bundles npm makes Debian's npm package uninstallable.
    for group in (["chromium", "cjk-font", "virtuoso", "node"], ["npm"]):
        packages = [part.apt for part in missing(*group)]
        if packages and can_apt:
            updated = updated or _run(["apt-get", "update"])
            _run(["apt-get", "install", "-y", *packages])
    if missing("comunica") and not missing("node", "npm"):
        _run(COMUNICA_COMMAND)
    return missing()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.prerequisites", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say what is missing; install nothing")
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    lacking = missing() if arguments.check else install()
    for part in lacking:
        print(missing_line(part), flush=True)
    print(f"prerequisites: {len(PARTS) - len(lacking)} of {len(PARTS)} present "
          f"({time.monotonic() - started:.1f} s)", flush=True)
    return 0  # a missing part fails the tests that need it, with the line above


if __name__ == "__main__":
    sys.exit(main())
