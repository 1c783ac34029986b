"""OpenLink Virtuoso (Debian's virtuoso-opensource) on loopback, for the benchmark and the tests:
a new database in a folder of its own, its ports given, its answers never truncated by its own
ResultSetMaxRows (Debian's ini says 10000; hzkg applies row_limit itself)."""
from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["VIRTUOSO_USER", "virtuoso_command", "write_credentials"]

VIRTUOSO_USER = ("dba", "dba")  # a new database's administrator; the store listens on 127.0.0.1 only

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
; bulk loading (ld_dir) may read only this folder
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def virtuoso_command(folder: Path, http_port: int, sql_port: int) -> list[str]:
    """`virtuoso-t` in the foreground with an ini written to `folder`; FileNotFoundError if not installed."""
    executable = shutil.which("virtuoso-t")
    if executable is None:
        raise FileNotFoundError("virtuoso-t is not installed: apt-get install virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    return [executable, "+foreground", "+configfile", str(ini)]


def write_credentials(folder: Path) -> Path:
    """The administrator's credentials in a file only its owner reads (setting credentials_file)."""
    path = folder / "credentials"
    path.write_text(":".join(VIRTUOSO_USER) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
