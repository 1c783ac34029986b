"""Step 7: the dataset artifact, written deterministically and atomically."""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Triple

from hzkg.graph.findings import InputError

__all__ = ["nquads", "sha256", "write_atomically"]


def nquads(graphs: dict[str, set[Triple]]) -> bytes:
    """N-Quads of the named graphs, one statement a line, lines sorted, UTF-8.

    Sorting the lines (rather than the terms) makes the bytes the only order, so
    two builds of the same input are identical whatever the set order was.
    """
    lines = sorted(
        f"{Quad(t.subject, t.predicate, t.object, NamedNode(name))} .\n"
        for name, triples in graphs.items()
        for t in triples
    )
    return "".join(lines).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary name in `out_dir`, then rename each into place.

    A rename within one folder is atomic, so a reader sees the old file or the
    new one, never half of one; if anything fails before the renames, the
    previous files are untouched and the temporary ones are removed.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{out_dir}: cannot create the output folder: {error}") from error
    # Two builds at once: the second waits here for the first's renames, instead of removing its
    # temporary files as leftovers (1 run in 8 failed so).
    try:
        lock = open(out_dir.parent / f".{out_dir.name}.build.lock", "w")  # beside it: the folder holds only the build
    except OSError as error:
        raise InputError(f"{out_dir}: cannot write in the output folder: {error}") from error
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _write_locked(out_dir, files)


def _write_locked(out_dir: Path, files: dict[str, bytes]) -> None:
    _remove_leftovers(out_dir, files)
    temporary: dict[str, str] = {}
    try:
        for name, data in files.items():
            handle, temp_path = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
            temporary[name] = temp_path
            os.chmod(temp_path, 0o644)  # mkstemp makes it private; the service reads it
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for name, temp_path in temporary.items():
            os.replace(temp_path, out_dir / name)
    except OSError as error:
        raise InputError(f"{out_dir}: cannot write the artifact: {error}") from error
    finally:
        for temp_path in temporary.values():
            if os.path.exists(temp_path):
                os.unlink(temp_path)


def _remove_leftovers(out_dir: Path, files: dict[str, bytes]) -> None:
    """A build killed between writing and renaming leaves its temporary files; the
    next build removes them, so they do not pile up beside the artifact."""
    for name in files:
        for leftover in out_dir.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)
