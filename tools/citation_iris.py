"""Rename every citation whose IRI breaks the naming rule (graph/authoring.py) to the rule's IRI.

    python tools/citation_iris.py            # rewrite graph/facts/ in place
    python tools/citation_iris.py --dry-run  # say what would change, write nothing

Re-runnable: it reads the facts as the build does, renames in every file of the facts folder
(the Turtle files and word-check.toml), drops a renamed block that now repeats another file's
block of the same IRI, and sorts each run of citation blocks by IRI again. A second run finds
nothing to do. It names the other files of the checkout that still mention an old IRI
(tests/golden/ is regenerated with `HZKG_UPDATE_GOLDEN=1 pytest tests/test_queries_golden.py`).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from hzkg.graph import paths
from hzkg.graph.authoring import misnamed_citations
from hzkg.graph.build import load_facts

_BLOCK_START = re.compile(r"^<(citation/[^>]+)>", re.MULTILINE)


def _local(iri) -> str:
    return str(iri)[len(paths.ID):]


def _rename_text(text: str, renames: dict[str, str]) -> str:
    """Each old name, written `<citation/…>` or as a full IRI, becomes its new one."""
    if not renames:
        return text
    pattern = re.compile(r"(?<=[</])(" + "|".join(map(re.escape, renames)) + r")(?![\w-])")
    return pattern.sub(lambda m: renames[m.group(1)], text)


def _blocks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, local name) of each citation block: from its `<citation/…>` line to the blank
    line after it (the blank line included) or the end of the text."""
    found = []
    for match in _BLOCK_START.finditer(text):
        end = text.find("\n\n", match.start())
        end = len(text) if end < 0 else end + 2
        found.append((match.start(), end, match.group(1)))
    return found


def _tidy_blocks(text: str, drop: set[str]) -> str:
    """Drop the blocks named in `drop`; sort each run of adjacent blocks by IRI."""
    runs: list[list[tuple[int, int, str]]] = []
    for block in _blocks(text):
        if runs and runs[-1][-1][1] == block[0]:
            runs[-1].append(block)
        else:
            runs.append([block])
    for run in reversed(runs):
        kept = sorted((b for b in run if b[2] not in drop), key=lambda b: b[2])
        bodies = [text[start:end].rstrip("\n") + "\n" for start, end, _ in kept]
        joined = "\n".join(bodies) + ("\n" if bodies and run[-1][1] < len(text) else "")
        text = text[:run[0][0]] + joined + text[run[-1][1]:]
    return text


def _repeated_blocks(originals: dict[Path, str], texts: dict[Path, str], renames: dict[str, str]) -> dict[Path, set[str]]:
    """Per file, the renamed blocks that now repeat, word for word, a block of the same IRI
    (a quote that was cited under two names): the block that kept its name stays."""
    definitions: dict[str, list[tuple[bool, Path, str]]] = {}
    for path, text in texts.items():
        renamed = {renames[name] for _, _, name in _blocks(originals[path]) if name in renames}
        for start, end, name in _blocks(text):
            definitions.setdefault(name, []).append((name in renamed, path, text[start:end].strip()))
    drop: dict[Path, set[str]] = {}
    for name, found in definitions.items():
        keeper = sorted(found, key=lambda d: (d[0], str(d[1])))[0]
        for definition in found:
            if definition is not keeper and definition[0] and definition[2] == keeper[2]:
                drop.setdefault(definition[1], set()).add(name)
    return drop


def rename(facts_dir: Path, write: bool) -> dict[str, str]:
    """Old local name -> new local name of every misnamed citation; rewrite `facts_dir` if `write`."""
    renames = {_local(old): _local(new) for old, new in misnamed_citations(load_facts(facts_dir).graph).items()}
    files = sorted(facts_dir.glob("*.ttl")) + sorted(facts_dir.glob("*.toml"))
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    texts = {path: _rename_text(text, renames) for path, text in originals.items()}
    turtle = {path: text for path, text in texts.items() if path.suffix == ".ttl"}
    drop = _repeated_blocks(originals, turtle, renames)
    for path in turtle:
        texts[path] = _tidy_blocks(texts[path], drop.get(path, set()))
    if write:
        for path, text in texts.items():
            if text != originals[path]:
                path.write_text(text, encoding="utf-8")
    return renames


def _mentions_elsewhere(old_names: list[str], facts_dir: Path) -> list[str]:
    """Tracked files outside the facts folder that mention an old name."""
    if not old_names:
        return []
    listed = subprocess.run(["git", "-C", str(paths.PACKAGE_DIR), "grep", "-l", "-F", *sum((["-e", n] for n in old_names), []),
                             "--", ".", f":!{facts_dir.resolve().relative_to(paths.PACKAGE_DIR)}"],
                            capture_output=True, text=True, check=False)
    return listed.stdout.split()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, default=paths.FACTS_DIR, help="the facts folder (default: graph/facts)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    options = parser.parse_args(argv)
    renames = rename(options.facts, write=not options.dry_run)
    for old, new in renames.items():
        print(f"{old} -> {new}")
    verb = "would rename" if options.dry_run else "renamed"
    print(f"{verb} {len(renames)} citation IRIs in {options.facts}", file=sys.stderr)
    for path in _mentions_elsewhere(list(renames), options.facts):
        print(f"still mentions an old IRI: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
