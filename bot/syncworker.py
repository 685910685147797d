"""gunicorn's sync worker, with two fewer waits per request (issue 23, eighteenth round).

Each request on a sync worker is one connection: gunicorn answers with `Connection: close`, then closes
gracefully (gunicorn 27, RFC 9112 §9.6): it half-closes and waits, up to 2 s, for the client to close
its side, reading whatever the client still sends, so that no unread request data makes the kernel
answer with a reset that could erase the response before the client read it. On a busy machine that
wait is a sleep and a wake-up per request: the worker goes back to the run queue while connections
queue behind it (bench/RESULTS.md, seventeenth round: 13% of a worker's time waiting on the client).
And the response goes out in two sends (the headers, then the body), each waking the client.

This worker changes how a connection ends and how the response is sent, nothing else (the same
parsing, the same headers and body, the same errors and logs: it is gunicorn's SyncWorker):

- **The close waits only when it could matter.** When the request's body was read to its end (a
  Content-Length the application consumed) and nothing more has arrived from the client, there is no
  unread data to cause a reset: the socket is closed at once, after the half-close that sends the
  response's end. Otherwise (the client already sent more, a body left unread, a chunked or unknown
  length, a request that failed) gunicorn's graceful close runs as before.
- **The headers go out with the body's first bytes** in one send (held, never longer than until the
  next write, the half-close or the close).

The bench's echo bot runs under the same worker (bench/serve_echo.py takes `bot.server.options`), so
the two still differ only in the application.
"""

from __future__ import annotations

import socket

from gunicorn.http.body import LengthReader
from gunicorn.workers import sync

HEADERS_END = b"\r\n\r\n"


class Connection(socket.socket):
    """An accepted client socket that holds the response's headers for the first body write, and
    whose graceful close skips its wait when `complete` (the request was read whole) and the client
    sent nothing since."""

    __slots__ = ("_held", "complete")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.complete = False
        self._held = b""

    def _flush(self) -> None:
        if self._held:
            held, self._held = self._held, b""
            super().sendall(held)

    def sendall(self, data, flags: int = 0) -> None:
        if self._held:
            data, self._held = self._held + bytes(data), b""
        elif not self.complete and bytes(data[-4:]) == HEADERS_END and flags == 0:
            self._held = bytes(data)  # a response's header block: wait for its body's first bytes
            return
        super().sendall(data, flags)

    def send(self, data, flags: int = 0) -> int:
        self._flush()
        return super().send(data, flags)

    def sendfile(self, file, offset: int = 0, count: int | None = None) -> int:
        self._flush()
        return super().sendfile(file, offset, count)

    def shutdown(self, how: int) -> None:
        self._flush()
        super().shutdown(how)
        if self.complete and how == socket.SHUT_WR and self._nothing_pending():
            self.complete = None  # the linger's read ends at once: the client cannot be owed a reset

    def _nothing_pending(self) -> bool:
        try:
            return self.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""  # the client closed already
        except BlockingIOError:
            return True  # nothing unread, nothing sent since the request
        except OSError:
            return False

    def recv(self, size: int, flags: int = 0) -> bytes:
        if self.complete is None:
            return b""
        return super().recv(size, flags)

    def close(self) -> None:
        try:
            self._flush()
        except OSError:
            pass
        super().close()


class SyncWorker(sync.SyncWorker):
    """gunicorn's sync worker; its connections are `Connection`s (see the module's text)."""

    def accept(self, listener) -> None:
        fd, addr = listener._accept()  # what socket.accept does, with this class
        client = Connection(listener.family, listener.type, listener.proto, fileno=fd)
        client.setblocking(1)
        sync.util.close_on_exec(client)
        self.handle(listener, client, addr)

    def handle_request(self, listener, req, client, addr) -> None:
        try:
            super().handle_request(listener, req, client, addr)
        except BaseException:
            if isinstance(client, Connection):
                client.complete = False
            raise
        reader = getattr(req.body, "reader", None)
        if isinstance(client, Connection) and not getattr(req.body, "failed", True) \
                and isinstance(reader, LengthReader) and reader.length == 0:
            client.complete = True
