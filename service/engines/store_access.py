"""Talking to a remote store over HTTP: its credentials and what its refusals mean.

Shared by the remote engine (service/engines/remote.py) and `hzkg load` (service/cli/load.py).
Credentials come from a file named by the setting `credentials_file` (one line, `user:password`),
so they never appear on a command line, in a process list or in a log; the store's challenge
decides between HTTP basic and digest (Virtuoso's `/sparql-graph-crud-auth` and `/sparql-auth`
ask for digest, Fuseki and GraphDB for basic).
"""
from __future__ import annotations

import urllib.request
from pathlib import Path

__all__ = ["CredentialsError", "read_credentials", "opener_for", "explain_refusal"]


class CredentialsError(ValueError):
    """The credentials file cannot be used; the message says which file and why."""


def read_credentials(path: str) -> tuple[str, str] | None:
    """(user, password) from the file at `path`, or None when no file is set.

    >>> read_credentials("") is None
    True
    """
    if not path:
        return None
    try:
        line = Path(path).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise CredentialsError(f"cannot read the credentials file {path} (setting credentials_file): "
                               f"{error.strerror}") from None
    user, colon, password = line.partition(":")
    if not colon or not user or "\n" in line:
        raise CredentialsError(f"the credentials file {path} (setting credentials_file) must hold one line, "
                               "user:password")
    return user, password


def opener_for(url: str, credentials: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    """An opener that answers the store's basic or digest challenge with the credentials, if any.

    After the first challenge the credentials go with every request: a store that answers a large
    PUT with 401 before reading it closes the connection under the body (Virtuoso does), so the
    answer to its challenge must come with the body, not after it.
    """
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, url, *credentials)
    return urllib.request.build_opener(_DigestRememberingChallenge(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


class _DigestRememberingChallenge(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that answers the last challenge up front on later requests."""

    def __init__(self, passwords):
        super().__init__(passwords)
        self._challenge: dict | None = None

    def http_error_auth_reqed(self, auth_header, host, req, headers):
        challenge = headers.get(auth_header, "")
        scheme, _, parameters = challenge.partition(" ")
        if scheme.lower() == "digest":
            self._challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(parameters)))
        return super().http_error_auth_reqed(auth_header, host, req, headers)

    def http_request(self, req):
        if self._challenge is not None and not req.has_header("Authorization"):
            answer = self.get_authorization(req, self._challenge)
            if answer:
                req.add_unredirected_header("Authorization", f"Digest {answer}")
        return req

    https_request = http_request


def explain_refusal(status: int, url: str, *, writing: bool, has_credentials: bool) -> str | None:
    """One line saying what to fix for the statuses a store refuses with; None for others."""
    if status == 401:
        if has_credentials:
            return (f"the store at {url} refused the credentials (401): check the user and password in the file "
                    "of setting credentials_file")
        return (f"the store at {url} asks for credentials (401): write user:password in a file readable only by you "
                "and pass it with --setting credentials_file FILE")
    if status == 403:
        if writing:
            return (f"the store at {url} does not let this user write (403): use a user with write permission "
                    "(setting credentials_file), or on Virtuoso the endpoint /sparql-graph-crud-auth, or "
                    "GRANT SPARQL_UPDATE TO \"SPARQL\" for the anonymous /sparql-graph-crud")
        return f"the store at {url} does not let this user query (403): use a user allowed to read (setting credentials_file)"
    if status == 404:
        if writing:
            return (f"nothing answers at {url} (404): give the store's Graph Store Protocol URL "
                    "(oxigraph serve: /store, Fuseki: /DATASET/data, Virtuoso: /sparql-graph-crud-auth)")
        return (f"no SPARQL endpoint at {url} (404): check the setting endpoint "
                "(oxigraph serve: /query, Fuseki: /DATASET/query, Virtuoso: /sparql)")
    if status in (405, 501) and writing:
        return (f"the server at {url} does not take a PUT ({status}): give the store's Graph Store Protocol URL "
                "(oxigraph serve: /store, Fuseki: /DATASET/data, Virtuoso: /sparql-graph-crud-auth)")
    return None
