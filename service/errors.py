"""The service's exceptions: each carries the HTTP status it is answered with.

One handler (service/responses/error_pages.py) turns any of them into the JSON error shape
`{"ok": false, "error": ..., "status": ...}` or an HTML page; nothing else
catches them, so a status is decided where the failure is understood.
"""
from __future__ import annotations

__all__ = [
    "ServiceError",
    "QueryProcessBug",
    "BadRequest",
    "QuerySyntaxError",
    "ReadOnlyRefusal",
    "UnsafeQueryRefusal",
    "QueryTooLong",
    "NotAcceptable",
    "UnsupportedMediaType",
    "NetworkTooLarge",
    "TIME_LIMIT_HINT",
    "NotFound",
    "QueryTimeout",
    "QueryOutOfMemory",
    "EngineUnavailable",
    "EngineFailed",
    "ArtifactError",
    "quoted",
]


def quoted(text: str, at_most: int = 40) -> str:
    """A user's text as an error message shows it: quoted, and cut when long (a 4 KB name is not repeated).

    >>> quoted("linan"), quoted("9" * 5000, 8)
    ("'linan'", "'99999999…' (5000 characters)")
    """
    return repr(text) if len(text) <= at_most else f"{text[:at_most] + '…'!r} ({len(text)} characters)"


class ServiceError(Exception):
    status = 500

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class BadRequest(ServiceError):
    status = 400


class QuerySyntaxError(BadRequest):
    """The query does not parse; the message carries the parser's position."""


class ReadOnlyRefusal(BadRequest):
    """SPARQL Update (including LOAD) was sent to the read-only endpoint."""


class UnsafeQueryRefusal(BadRequest):
    """The query would make the server fetch something (SERVICE)."""


class QueryTooLong(BadRequest):
    pass


class NotAcceptable(ServiceError):
    status = 406


class UnsupportedMediaType(ServiceError):
    """A POST body of a type the SPARQL protocol does not define."""

    status = 415


class NotFound(ServiceError):
    status = 404


class NetworkTooLarge(ServiceError):
    """A CONSTRUCT drawn as a network has more triples than a network may have."""

    status = 413


# What every "stopped at the time limit" message ends with.
TIME_LIMIT_HINT = "raise it with `hzkg serve --setting time_limit SECONDS`"


class QueryTimeout(ServiceError):
    # 503 rather than 500: the server is fine, the query needs more time than allowed.
    status = 503


class QueryOutOfMemory(ServiceError):
    status = 503


class EngineUnavailable(ServiceError):
    """The remote endpoint cannot be reached."""

    status = 503


class EngineFailed(ServiceError):
    """The engine answered with an error (remote 4xx/5xx, crashed query process)."""

    status = 502


class QueryProcessBug(ServiceError):
    """An exception the query process did not expect: a bug of ours, logged with its traceback;
    the query process goes on answering."""

    status = 500


class ArtifactError(ServiceError):
    """The dataset artifact is missing or unreadable; the fix is `hzkg build`."""
