"""The gunicorn worker `hzkg serve` runs: gunicorn's threaded worker (gthread) with a buffering front.

gunicorn's sync workers read each request themselves, so as many slow or idle connections as there
are workers left every other client unanswered (DESIGN.md, "Measured facts, second round"). gunicorn
27's gthread worker waits in a pool thread up to 5 s for a connection's first byte, and once a byte
has come it reads the rest of the headers in that thread with a blocking socket and no deadline
(gunicorn/workers/gthread.py, `handle`; benoitc/gunicorn#3519 added only the first-byte wait): 16
clients sending a header byte every 3 s hold 16 threads for as long as they like.

So this worker reads every request in its main loop, without blocking, into a buffer, and hands a
connection to the thread pool only when its request has arrived whole (headers and, by
Content-Length or the last chunk, the body). A request not whole within `client_timeout` seconds of
its first wait is dropped (a 408 if some of it came); an idle or kept-alive connection costs a file
descriptor and no thread. A body announced larger than max_body_bytes gets its 413 from here.

gunicorn's own error answers (400 for a malformed request, 414, 431) are written in the service's
error shape, `{"ok": false, "error", "status"}`, with the security headers of routes/headers.py.
"""
from __future__ import annotations

import json
import re
import selectors
import time
from collections import deque
from functools import partial

from gunicorn import http, util
from gunicorn.workers import gthread

from hzkg.service.routes.headers import CORS_HEADERS, SECURITY_HEADERS

__all__ = ["BufferingWorker", "error_bytes"]

# A request whose headers are not whole in this many bytes is handed to gunicorn's parser,
# which answers 414 or 431 (its own limits are smaller).
_LARGEST_HEADER_BYTES = 64 * 1024
# The rest of a refused body is read and dropped up to this size (as routes/error_pages.py does).
_DRAIN_BYTES = 64 * 1024 * 1024
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*(\d+)[ \t]*\r\n", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding[ \t]*:[^\r\n]*chunked", re.IGNORECASE)
_REASONS = {400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long",
            417: "Expectation Failed", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
            501: "Not Implemented", 403: "Forbidden"}


def error_bytes(status: int, message: str, reason: str | None = None) -> bytes:
    """A whole HTTP/1.1 error response in the service's JSON error shape, with its headers.

    >>> error_bytes(408, "too slow").split(b"\\r\\n")[0]
    b'HTTP/1.1 408 Request Timeout'
    """
    body = json.dumps({"ok": False, "error": message, "status": status}, ensure_ascii=False).encode("utf-8")
    headers = {"Connection": "close", "Content-Type": "application/json", "Content-Length": str(len(body)),
               **SECURITY_HEADERS, **CORS_HEADERS}
    head = f"HTTP/1.1 {status} {reason or _REASONS.get(status, 'Error')}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    return head.encode("latin-1") + body


def _write_error(sock, status_int, reason, mesg) -> None:
    """gunicorn's util.write_error (its own 400/414/431/500 answers), in our shape and headers."""
    util.write_nonblock(sock, error_bytes(int(status_int), mesg or reason, reason))


def _request_state(buffer: bytes | bytearray, max_body: int) -> str:
    """'partial', 'whole', 'too-large' (the body announced is over max_body) or 'hand-over' (let gunicorn judge)."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return "hand-over" if len(buffer) > _LARGEST_HEADER_BYTES else "partial"
    head = bytes(buffer[:end + 2])
    body = len(buffer) - end - 4
    if _CHUNKED.search(head):
        if body > max_body + 65536:
            return "too-large"
        return "whole" if bytes(buffer[-5:]) == b"0\r\n\r\n" else "partial"
    lengths = _CONTENT_LENGTH.findall(head)
    if len(lengths) > 1:
        return "hand-over"  # two Content-Lengths: gunicorn refuses the request
    length = int(lengths[0]) if lengths else 0
    if length > max_body:
        return "too-large"
    return "whole" if body >= length else "partial"


class BufferingWorker(gthread.ThreadWorker):
    """gthread, with whole requests read in the main loop before a thread sees them (module docstring)."""

    # Set by `hzkg serve` before gunicorn forks (configure): the settings client_timeout, max_body_bytes.
    client_timeout = 5.0
    max_body = 1_000_000

    @classmethod
    def configure(cls, client_timeout: float, max_body: int) -> None:
        cls.client_timeout, cls.max_body = client_timeout, max_body

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffering: deque = deque()  # connections whose request is still arriving, oldest first

    def init_process(self):
        util.write_error = _write_error  # in this worker process only: gunicorn's answers in our shape
        super().init_process()

    # -- a worker whose query processes are all busy takes no new connection, and closes kept-alive
    # ones after their answer, so that their next request goes to a worker that can answer it (as a
    # busy sync worker did not accept). Before: 2 runaway clients, 1 normal client: 1 request in 15 a 503.
    def load_wsgi(self):
        super().load_wsgi()
        state = getattr(self.wsgi, "extensions", {}).get("hzkg")
        pool = getattr(state, "store", None)
        if not hasattr(pool, "all_busy"):
            return
        self._pool = pool
        pool.on_free(lambda: self.method_queue.defer(self._resume_accepting))
        app = self.wsgi

        def closing_when_busy(environ, start_response):
            def start(status, headers, exc_info=None):
                if pool.all_busy:
                    start_response.__self__.force_close()  # gunicorn's Response: "Connection: close"
                return start_response(status, headers, exc_info)
            return app(environ, start)

        self.wsgi = closing_when_busy

    def set_accept_enabled(self, enabled):
        pool = getattr(self, "_pool", None)
        if enabled and pool is not None and pool.all_busy:
            enabled = False
        super().set_accept_enabled(enabled)

    def _resume_accepting(self) -> None:
        if self.alive and self.nr_conns < self.worker_connections:
            self.set_accept_enabled(True)

    # -- every connection that has (or may soon have) a request goes through the buffer first --
    def enqueue_req(self, conn):
        if getattr(conn, "hzkg_whole", False):
            conn.hzkg_whole = False
            super().enqueue_req(conn)
            if getattr(self, "_pool", None) is not None and self._pool.all_busy:
                self.set_accept_enabled(False)
            return
        conn.sock.setblocking(False)
        held = conn.parser.unreader.take_buffered() if conn.parser is not None else b""
        conn.hzkg_buffer = bytearray(held)
        conn.hzkg_discard = 0
        conn.hzkg_deadline = time.monotonic() + self.client_timeout
        if held and self._settle(conn):
            return
        try:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
        except (OSError, ValueError, KeyError):
            self._drop(conn)
            return
        self.buffering.append(conn)

    def _on_readable(self, conn, sock) -> None:
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away
            self._forget(conn)
            self._drop(conn)
            return
        if conn.hzkg_discard:  # the rest of a body refused with 413: read so that the client reads the answer
            conn.hzkg_discard -= len(data)
            if conn.hzkg_discard <= 0:
                self._forget(conn)
                self._drop(conn)
            return
        conn.hzkg_buffer += data
        self._settle(conn, registered=True)

    def _settle(self, conn, registered: bool = False) -> bool:
        """Hand the connection on, or answer it, when its request is decided; True when it was."""
        state = _request_state(conn.hzkg_buffer, self.max_body)
        if state == "partial":
            return False
        if state == "too-large":
            self._refuse_body(conn, registered)
            return True
        if registered:
            self._forget(conn)
        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(bytes(conn.hzkg_buffer))
        conn.hzkg_buffer = bytearray()
        conn.data_ready = True
        conn.hzkg_whole = True
        self.enqueue_req(conn)
        return True

    def _refuse_body(self, conn, registered: bool) -> None:
        """Answer 413 at once, then read and drop the rest of the body (up to _DRAIN_BYTES, within
        client_timeout), so that a client still sending it reads the 413 instead of a reset connection."""
        message = f"the request body is larger than {self.max_body} bytes (setting max_body_bytes)"
        announced = _CONTENT_LENGTH.search(bytes(conn.hzkg_buffer[:conn.hzkg_buffer.find(b"\r\n\r\n") + 2]))
        head_end = conn.hzkg_buffer.find(b"\r\n\r\n") + 4
        left = int(announced.group(1)) - (len(conn.hzkg_buffer) - head_end) if announced else 0
        try:
            conn.sock.send(error_bytes(413, message))
        except OSError:
            left = 0
        conn.hzkg_buffer = bytearray()
        if left <= 0 or left > _DRAIN_BYTES:
            if registered:
                self._forget(conn)
            self._drop(conn)
            return
        conn.hzkg_discard = left
        if not registered:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
            self.buffering.append(conn)

    def _forget(self, conn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (OSError, KeyError, ValueError):
            pass
        try:
            self.buffering.remove(conn)
        except ValueError:
            pass

    def _drop(self, conn) -> None:
        self.nr_conns -= 1
        conn.close()

    def _answer_and_drop(self, conn, status: int, message: str) -> None:
        try:
            conn.sock.send(error_bytes(status, message))  # small: fits the socket buffer, never blocks
        except OSError:
            pass
        self._drop(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.buffering and self.buffering[0].hzkg_deadline <= now:
            conn = self.buffering.popleft()
            try:
                self.poller.unregister(conn.sock)
            except (OSError, KeyError, ValueError):
                pass
            if conn.hzkg_discard:
                self._drop(conn)  # it had its 413
            elif conn.hzkg_buffer:
                self._answer_and_drop(conn, 408, f"the request did not arrive whole within {self.client_timeout:g} s "
                                                 "(setting client_timeout)")
            else:
                self._drop(conn)
