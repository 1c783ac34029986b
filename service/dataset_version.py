"""The dataset's version, for ETag and Last-Modified: the artifact's SHA-256 from
build/report.json when `hzkg build` wrote one, else the artifact's mtime and size."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from hzkg.graph import paths

__all__ = ["DatasetVersion", "read_dataset_version", "built_and_unchanged"]


@dataclass(frozen=True)
class DatasetVersion:
    tag: str
    last_modified: datetime

    def etag(self, *representation: str) -> str:
        """An entity tag for one representation (media type, query, engine) of this version."""
        digest = hashlib.sha256("\n".join((self.tag, *representation)).encode("utf-8")).hexdigest()
        return digest[:32]


def read_dataset_version(artifact: Path) -> DatasetVersion | None:
    """None when there is no local artifact (the remote engine's data is not ours to version)."""
    if not artifact.is_file():
        return None
    status = artifact.stat()
    modified = datetime.fromtimestamp(int(status.st_mtime), tz=timezone.utc)
    report = artifact.parent / paths.REPORT_NAME
    try:
        tag = json.loads(report.read_text(encoding="utf-8"))["artifact_sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        tag = f"{status.st_mtime_ns}-{status.st_size}"
    return DatasetVersion(str(tag), modified)


def built_and_unchanged(artifact: Path) -> bool:
    """True when the artifact is the one `hzkg build` wrote: its SHA-256 is the report's.
    Such an artifact loads (the build checked it), so `hzkg serve` need not load it to know."""
    report = artifact.parent / paths.REPORT_NAME
    try:
        expected = json.loads(report.read_text(encoding="utf-8"))["artifact_sha256"]
        with open(artifact, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return digest == expected
