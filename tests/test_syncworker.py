"""The sync worker's connections (bot/syncworker.py, issue 23, eighteenth round): the response's headers
go out with its body in one send, and the graceful close skips its wait only when the request was read
whole and the client sent nothing more; otherwise gunicorn's own graceful close runs as before."""

from __future__ import annotations

import socket
import time

import pytest
from gunicorn import util

from bot.server import options
from bot.syncworker import Connection
from tests.procs import Server, post, reply_content, signed_text, write_config

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"


def make_pair() -> tuple[Connection, socket.socket]:
    """(the server's side as a Connection, as the worker accepts it; the client's plain socket), over loopback TCP."""
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    fd, _ = listener._accept()
    server = Connection(listener.family, listener.type, listener.proto, fileno=fd)
    server.setblocking(True)
    listener.close()
    return server, client


@pytest.fixture
def pair():
    server, client = make_pair()
    yield server, client
    server.close()
    client.close()


def available(sock: socket.socket) -> bytes | None:
    """What the socket can read right now (b"" at the end of the stream), or None when nothing yet."""
    time.sleep(0.05)
    try:
        return sock.recv(65536, socket.MSG_DONTWAIT)
    except BlockingIOError:
        return None


def read_to_end(sock: socket.socket) -> bytes:
    sock.settimeout(5)
    out = b""
    while chunk := sock.recv(65536):
        out += chunk
    return out


def test_the_headers_wait_for_the_body_and_go_out_with_it(pair):
    server, client = pair
    server.sendall(HEADERS)
    assert available(client) is None  # held
    server.sendall(b"hello")
    assert available(client) == HEADERS + b"hello"


def test_a_response_without_a_body_is_sent_by_the_half_close_or_the_close(pair):
    server, client = pair
    server.sendall(b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n")
    server.shutdown(socket.SHUT_WR)
    assert read_to_end(client) == b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n"
    server2, client2 = make_pair()
    server2.sendall(HEADERS)
    server2.close()
    assert read_to_end(client2) == HEADERS
    client2.close()


def test_a_request_read_whole_is_closed_at_once_while_the_client_keeps_its_side_open(pair):
    server, client = pair
    server.sendall(HEADERS)
    server.sendall(b"hello")
    server.complete = True
    start = time.monotonic()
    util.close_graceful(server, timeout=2.0)  # gunicorn's own close, as its sync worker calls it
    assert time.monotonic() - start < 0.5  # no wait for the client to close first
    assert read_to_end(client) == HEADERS + b"hello"  # everything, then the end: no reset


@pytest.mark.parametrize("why", ["body left unread", "the client sent more"])
def test_otherwise_the_close_waits_for_the_client_as_gunicorn_does(pair, why):
    server, client = pair
    if why == "the client sent more":
        server.complete = True
        client.sendall(b"POST /wechat HTTP/1.1\r\n")  # e.g. a pipelined request, not read by the server
        time.sleep(0.05)
    server.sendall(HEADERS)
    server.sendall(b"hello")
    start = time.monotonic()
    util.close_graceful(server, timeout=0.4)
    assert time.monotonic() - start >= 0.3  # lingered, reading what the client sent, until its timeout
    assert read_to_end(client) == HEADERS + b"hello"  # and the client got all of it, no reset


def test_a_client_that_closed_first_is_not_waited_for_either(pair):
    server, client = pair
    server.complete = True
    client.shutdown(socket.SHUT_WR)
    time.sleep(0.05)
    server.sendall(HEADERS)
    server.sendall(b"hello")
    start = time.monotonic()
    util.close_graceful(server, timeout=2.0)
    assert time.monotonic() - start < 0.5
    assert read_to_end(client) == HEADERS + b"hello"


def test_serve_runs_this_worker_with_one_thread_and_gthread_with_more(tmp_path):
    from bot.config import load_config

    assert options(load_config(write_config(tmp_path, threads=1)), "127.0.0.1", 8000)["worker_class"] \
        == "bot.syncworker.SyncWorker"
    assert options(load_config(write_config(tmp_path, threads=4)), "127.0.0.1", 8000)["worker_class"] == "gthread"


def raw(port: int, request: bytes) -> bytes:
    """Send `request` as it stands and read the response to its end, the client's side left open."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        return read_to_end(sock)


@pytest.mark.process
def test_served_replies_whole_and_a_request_with_more_behind_it_gets_its_whole_reply(tmp_path):
    server = Server(write_config(tmp_path, workers=1))
    try:
        server.wait_ready()
        path, body = signed_text("ou-worker", "帮助", "1")
        status, reply = post(server.port, path, body)
        assert status == 200 and "报名" in reply_content(reply)
        for words, msg_id in (("最近有什么活动", "2"), ("你好", "3")):
            path, body = signed_text("ou-worker", words, msg_id)
            request = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            start = time.monotonic()
            answer = raw(server.port, request)
            assert time.monotonic() - start < 1.5  # the close did not wait the 2 s for this client
            head, _, xml = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200") and b"Connection: close" in head
            length = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
                         .split(b":")[1])
            assert len(xml) == length and reply_content(xml.decode())
        # a second request behind the first on the same connection: the first is answered whole, no reset
        path, body = signed_text("ou-worker", "帮助", "4")
        one = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        answer = raw(server.port, one + b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200") and answer.count(b"HTTP/1.1") == 1
        # a body the application never reads (a path nobody serves): its whole 404, no reset
        answer = raw(server.port, b"POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000)
        assert answer.startswith(b"HTTP/1.1 404")
        assert int(answer.split(b"Content-Length: ")[1].split(b"\r\n")[0]) == len(answer.partition(b"\r\n\r\n")[2])
    finally:
        assert server.stop() == 0
