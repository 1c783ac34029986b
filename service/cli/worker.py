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

It also writes every answer from its main loop. gthread's thread writes the response itself, with a
blocking `sendall`, so a client reading a large answer slowly held a thread until it had read it all:
5 such clients of 1 worker x 2 threads left a normal client answering 1 request in 4 over 20 s. Here
the thread writes the response (status line, headers, body) into memory (`_Answer`: hzkg's answers
are bounded by row_limit and the page caps; a streamed or file answer is buffered the same way), and
the main loop sends it without blocking as the client reads. Then it does what gthread's
`finish_request` does: keep the connection for its next request, or close it (half-close, then
linger up to 2 s for the client's end, in the loop rather than blocking it as gunicorn's
`close_graceful` does). A client that takes nothing of its answer for `client_timeout` seconds is
dropped, with one info line in the log.

gunicorn's own error answers (400 for a malformed request, 414, 431) are written in the service's
error shape, `{"ok": false, "error", "status"}`, with the security headers of routes/headers.py.
"""
from __future__ import annotations

import fcntl
import json
import re
import selectors
import socket
import struct
import termios
import time
from collections import deque
from functools import partial

from gunicorn import http, util
from gunicorn.workers import gthread

from hzkg.service.responses.headers import CORS_HEADERS, SECURITY_HEADERS

__all__ = ["BufferingWorker", "error_bytes"]

# A request whose headers are not whole in this many bytes is handed to gunicorn's parser,
# which answers 414 or 431 (its own limits are smaller).
_LARGEST_HEADER_BYTES = 64 * 1024
# The rest of a refused body is read and dropped up to this size (as routes/error_pages.py does).
_DRAIN_BYTES = 64 * 1024 * 1024
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*(\d+)[ \t]*\r\n", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding[ \t]*:[^\r\n]*chunked", re.IGNORECASE)
# Bytes handed to the kernel per send() from the main loop (it takes what its buffer holds, the rest waits).
_SEND_BYTES = 256 * 1024
# A closed connection waits this long for the client's end (gunicorn's close_graceful: 2 s, 64 KB).
_LINGER_S = 2.0
_LINGER_BYTES = 65536
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


def _queued(sock) -> int | None:
    """Bytes of the socket's send queue the client has not acknowledged yet (Linux SIOCOUTQ), or None."""
    try:
        return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
    except (OSError, ValueError):
        return None


def _peer(conn) -> str:
    client = conn.client
    return f"{client[0]}:{client[1]}" if isinstance(client, tuple) and len(client) >= 2 else str(client)


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


class _Answer:
    """The socket a pool thread's gunicorn Response writes to: it keeps the bytes for the main loop.

    gunicorn writes with sendall (headers, body, chunks), send (100 Continue) and sendfile (a file
    answer); a shutdown or close means gunicorn abandoned the answer half-written (an error after
    the headers), and nothing of it is sent."""

    def __init__(self, real):
        self._real = real  # for what the environ or a log asks of it (family, peer)
        self.parts: list[bytes] = []
        self.abandoned = False

    def sendall(self, data) -> None:
        self.parts.append(bytes(data))

    def send(self, data) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def sendfile(self, file, offset: int = 0, count: int | None = None) -> int:
        file.seek(offset)
        data = file.read() if count is None else file.read(count)
        self.parts.append(data)
        return len(data)

    def shutdown(self, how) -> None:
        self.abandoned = True

    def close(self) -> None:
        self.abandoned = True

    def recv(self, size) -> bytes:
        raise OSError("the answer is written by the main loop")

    def settimeout(self, timeout) -> None:
        pass

    def setblocking(self, flag) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._real, name)


class _Via:
    """The connection as handle_request sees it: its socket is the _Answer."""

    def __init__(self, conn, answer: _Answer):
        self.sock, self.client, self.server = answer, conn.client, conn.server


class BufferingWorker(gthread.ThreadWorker):
    """gthread, with whole requests read in the main loop before a thread sees them (module docstring)."""

    # Set by `hzkg serve` before gunicorn forks (configure): the settings client_timeout, max_body_bytes,
    # unread_answers_mb.
    client_timeout = 5.0
    max_body = 1_000_000
    max_unread = 256 * 1024 * 1024

    @classmethod
    def configure(cls, client_timeout: float, max_body: int, unread_answers_mb: int = 256) -> None:
        cls.client_timeout, cls.max_body, cls.max_unread = client_timeout, max_body, unread_answers_mb * 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffering: deque = deque()  # connections whose request is still arriving, oldest first
        self.writing: dict = {}  # connections whose answer the main loop is sending, oldest first
        self.closing: set = set()  # connections half-closed, waiting for the client's end

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
        if self._watch(conn, selectors.EVENT_READ, self._on_readable):
            self.buffering.append(conn)

    def _watch(self, conn, events, callback) -> bool:
        """Register the connection's socket with the main loop; False (and dropped) when it cannot be."""
        try:
            self.poller.register(conn.sock, events, partial(callback, conn))
        except (OSError, ValueError, KeyError):
            self._drop(conn)
            return False
        return True

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

    # -- the thread writes its answer into memory; the main loop sends it (module docstring) --
    def handle_request(self, req, conn):
        conn.hzkg_answer = _Answer(conn.sock)
        return super().handle_request(req, _Via(conn, conn.hzkg_answer))

    def finish_request(self, conn, fs):
        answer, conn.hzkg_answer = getattr(conn, "hzkg_answer", None), None
        try:
            keep = fs.result() if not fs.cancelled() else False
        except Exception:
            keep = False
        if keep is gthread._DEFER:
            super().finish_request(conn, fs)
            return
        if answer is None or answer.abandoned or not answer.parts:
            self._after_written(conn, fs, bool(keep))
            return
        conn.hzkg_out = memoryview(b"".join(answer.parts))
        conn.hzkg_sent = 0
        conn.hzkg_keep = bool(keep)
        conn.hzkg_fs = fs
        try:
            conn.sock.setblocking(False)
        except OSError:
            self._drop(conn)
            return
        if self._send_some(conn):
            return
        conn.hzkg_write_deadline = time.monotonic() + self.client_timeout
        conn.hzkg_queued = _queued(conn.sock)
        if self._watch(conn, selectors.EVENT_WRITE, self._on_writable):
            self.writing[conn] = None
            self._bound_unread()

    def _bound_unread(self) -> None:
        """Past unread_answers_mb of answers not yet sent, drop the clients that have waited longest."""
        unread = sum(len(conn.hzkg_out) - conn.hzkg_sent for conn in self.writing)
        while unread > self.max_unread and len(self.writing) > 1:
            conn = next(iter(self.writing))
            unread -= len(conn.hzkg_out) - conn.hzkg_sent
            self.log.info("dropped %s: the worker holds more than %d MB of answers not sent yet, %d of %d bytes of "
                          "its answer sent (setting unread_answers_mb)", _peer(conn), self.max_unread // 2 ** 20,
                          conn.hzkg_sent, len(conn.hzkg_out))
            self._stop_writing(conn)
            self._abort(conn)

    def _abort(self, conn) -> None:
        """Drop a client that does not read: reset, so that the kernel drops what it still holds for it."""
        try:
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self._drop(conn)

    def _send_some(self, conn) -> bool:
        """Send what the kernel takes now; True when the connection is done with (written whole, or gone)."""
        out = conn.hzkg_out
        try:
            while conn.hzkg_sent < len(out):
                sent = conn.sock.send(out[conn.hzkg_sent:conn.hzkg_sent + _SEND_BYTES])
                if not sent:
                    break
                conn.hzkg_sent += sent
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:  # the client went away
            self._stop_writing(conn)
            self._drop(conn)
            return True
        if conn.hzkg_sent < len(out):
            return False
        fs = conn.hzkg_fs
        self._stop_writing(conn)
        self._after_written(conn, fs, conn.hzkg_keep)
        return True

    def _on_writable(self, conn, sock) -> None:
        before = conn.hzkg_sent
        if not self._send_some(conn) and conn.hzkg_sent > before:
            conn.hzkg_write_deadline = time.monotonic() + self.client_timeout
            conn.hzkg_queued = _queued(sock)

    def _stop_writing(self, conn) -> None:
        if conn in self.writing:
            del self.writing[conn]
            try:
                self.poller.unregister(conn.sock)
            except (OSError, KeyError, ValueError):
                pass
        conn.hzkg_out = conn.hzkg_fs = None

    def _after_written(self, conn, fs, keep: bool) -> None:
        """What gthread's finish_request does once the answer is out: keep-alive, or close."""
        if keep:
            super().finish_request(conn, fs)
            return
        try:
            conn.sock.setblocking(False)
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._drop(conn)
            return
        if not self._watch(conn, selectors.EVENT_READ, self._on_closing_readable):
            return
        conn.hzkg_linger_until = time.monotonic() + _LINGER_S
        conn.hzkg_drained = 0
        self.closing.add(conn)

    def _on_closing_readable(self, conn, sock) -> None:
        try:
            data = sock.recv(_LINGER_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        conn.hzkg_drained += len(data)
        if not data or conn.hzkg_drained >= _LINGER_BYTES:
            self._end_closing(conn)

    def _end_closing(self, conn) -> None:
        self.closing.discard(conn)
        try:
            self.poller.unregister(conn.sock)
        except (OSError, KeyError, ValueError):
            pass
        self._drop(conn)

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn in [conn for conn in self.writing if conn.hzkg_write_deadline <= now]:
            # The kernel takes more only when a third of its buffer (megabytes) is free: a client that
            # reads slowly shows in its acknowledged bytes first.
            queued = _queued(conn.sock)
            if queued is not None and conn.hzkg_queued is not None and queued < conn.hzkg_queued:
                conn.hzkg_queued, conn.hzkg_write_deadline = queued, now + self.client_timeout
                continue
            self.log.info("dropped %s: it read nothing of its answer for %g s, %d of %d bytes sent "
                          "(setting client_timeout)", _peer(conn), self.client_timeout, conn.hzkg_sent,
                          len(conn.hzkg_out))
            self._stop_writing(conn)
            self._abort(conn)
        for conn in [conn for conn in self.closing if conn.hzkg_linger_until <= now]:
            self._end_closing(conn)
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
