"""An on-disk (RocksDB) copy of the artifact, for datasets too large to load per process.

With the setting `store_dir`, the oxigraph engine's query processes open this store
read-only instead of each loading the N-Quads into memory, which takes seconds and hundreds of
megabytes per query process at 10^6 triples (docs/measurements.md, make bench). The store is
written from the artifact the first time, and again whenever the artifact changes:
a marker file inside it holds the dataset version it was written from.

Writing goes to a sibling folder that replaces the old store only when complete, under
a file lock, so a reader never sees half a store and two starting services write it once.
"""
from __future__ import annotations

import fcntl
import shutil
import time
from pathlib import Path

from hzkg.service.errors import ArtifactError

__all__ = ["MARKER", "ensure_disk_store", "store_version"]

MARKER = "hzkg-dataset-version"


def store_version(directory: Path) -> str | None:
    """The dataset version a store was written from; None when it is not a store hzkg wrote."""
    try:
        return (directory / MARKER).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def ensure_disk_store(artifact: Path, directory: Path, version: str, log=None) -> bool:
    """Make `directory` a store of `artifact` at `version`; True when it had to be written."""
    directory = Path(directory).absolute()
    if store_version(directory) == version:
        return False
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f".{directory.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may have written it meanwhile
        if store_version(directory) == version:
            return False
        if directory.exists() and store_version(directory) is None and any(directory.iterdir()):
            raise ArtifactError(
                f"the folder {directory} (setting store_dir) is not empty and holds no store written by hzkg; "
                "choose a new folder, hzkg writes it"
            )
        began = time.perf_counter()
        if log:
            log(f"hzkg: writing the on-disk store {directory} from {artifact} (once per build)")
        building = directory.parent / f".{directory.name}.building"
        shutil.rmtree(building, ignore_errors=True)
        _write_store(artifact, building)
        (building / MARKER).write_text(version + "\n", encoding="utf-8")
        retired = directory.parent / f".{directory.name}.old"
        shutil.rmtree(retired, ignore_errors=True)
        if directory.exists():
            directory.rename(retired)  # a service still running on it is restarted after a build, as ever
        building.rename(directory)
        shutil.rmtree(retired, ignore_errors=True)
        if log:
            log(f"hzkg: on-disk store written in {time.perf_counter() - began:.1f} s")
    return True


def _write_store(artifact: Path, location: Path) -> None:
    """Write in a fresh process: pyoxigraph's bulk loader starts threads, and the process
    that calls this (`hzkg serve`) forks its web workers afterwards."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_write_store_here, args=(str(artifact), str(location), sender),
                              name="hzkg-store-writer")
    process.start()
    sender.close()
    try:
        problem = receiver.recv()
    except EOFError:
        problem = "the writing process ended without an answer"
    process.join()
    if problem is not None or process.exitcode != 0:
        shutil.rmtree(location, ignore_errors=True)
        raise ArtifactError(f"cannot write the on-disk store from {artifact}: {problem or f'exit {process.exitcode}'}; "
                            "run `hzkg build`")


def _write_store_here(artifact: str, location: str, sender) -> None:
    import pyoxigraph as ox

    try:
        store = ox.Store(location)
        store.bulk_load(path=artifact, format=ox.RdfFormat.N_QUADS)
        store.optimize()  # compacted once: reads on the store are then as fast as they get
        store.flush()
        del store  # closes the database before the folder is renamed
    except (OSError, SyntaxError, ValueError) as error:
        sender.send(f"{type(error).__name__}: {error}")
        return
    sender.send(None)
