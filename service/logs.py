"""What a user's query leaves in the log: at most one line, never a library's traceback.

Two libraries print tracebacks for what is only a user's input, already answered clearly:
- rdflib logs a warning with its traceback each time a literal's text does not fit its datatype
  (`"abc"^^xsd:integer`, an integer of more than 4,300 digits: Python's int() limit); the literal is
  written as it was given all the same. Here that warning becomes one INFO line.
- Rust prints a stack backtrace (some 75 lines) when an allocation fails and RUST_BACKTRACE is set,
  as it is on machines where Rust is developed: a query past query_memory_mb, which the user is
  told about with a 503. Here Rust prints its one line ("memory allocation of … bytes failed").
"""
from __future__ import annotations

import logging
import os

__all__ = ["quiet_library_tracebacks"]


class _OneLine(logging.Filter):
    """rdflib's warning about a literal: its traceback folded into its message, at INFO: one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Failed to convert Literal lexical form"):
            return True
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg, record.args = f"{record.getMessage()}: {type(error).__name__}: {error}", ()
            record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_ONE_LINE = _OneLine()


def quiet_library_tracebacks() -> None:
    """Called where pyoxigraph and rdflib meet users' queries: each web worker and query process."""
    os.environ["RUST_BACKTRACE"] = "0"  # read by Rust at the first panic or failed allocation, not before
    literals = logging.getLogger("rdflib.term")
    if _ONE_LINE not in literals.filters:
        literals.addFilter(_ONE_LINE)
