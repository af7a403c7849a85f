"""How the API's processes share kept-alive connections (service/waitress_worker.py),
against the real server, and the waitress internals it relies on."""

from __future__ import annotations

import fcntl
import http.client
import inspect
import json
import socket
import threading
import time

from servers import seeded_database, start_gunicorn
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ThreadedTaskDispatcher, WSGITask

from service import auth, waitress_worker
from service.waitress_worker import DEFER_ACCEPT_SECONDS, BalancingTask, Channel, Load, defer_accept


def test_the_waitress_internals_the_worker_builds_on():
    # If one of these changes, the worker's subclasses no longer take part.
    assert HTTPChannel.task_class is WSGITask
    assert Channel.task_class is BalancingTask
    assert {"build_response_header", "set_close_on_finish"} <= set(dir(WSGITask))
    assert {"add_task", "set_thread_count"} <= set(dir(ThreadedTaskDispatcher))
    assert "_dispatcher" in inspect.signature(create_server).parameters
    # What Channel.writable and Channel.read_what_arrived read and call.
    channel_source = inspect.getsource(HTTPChannel)
    for name in ("self.requests", "self.will_close", "self.close_when_flushed", "self.total_outbufs_len"):
        assert name in channel_source, name
    assert "outbuf_high_watermark" in inspect.getsource(HTTPChannel._flush_outbufs_below_high_watermark)
    assert {"received", "handle_close", "writable"} <= set(dir(HTTPChannel))


def _answer(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def _server(sockets: dict):
    return create_server(_answer, map=sockets, host="127.0.0.1", port=0, threads=1)


def test_a_connection_s_waiting_request_is_read_when_it_is_accepted():
    # No turn of the event loop runs here: the answer can only come from
    # the read made as the channel was set up.
    sockets: dict = {}
    server = _server(sockets)
    ours, theirs = socket.socketpair()
    theirs.settimeout(10)
    try:
        theirs.sendall(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
        channel = Channel(server, ours, ("127.0.0.1", 1), server.adj, map=sockets)
        answer = b""
        while not answer.endswith(b"ok"):
            answer += theirs.recv(4096)
        assert answer.startswith(b"HTTP/1.1 200 OK")
    finally:
        server.task_dispatcher.shutdown()
        channel.close()
        theirs.close()
        server.close()


def test_a_connection_with_nothing_sent_yet_waits_and_one_already_closed_is_closed():
    sockets: dict = {}
    server = _server(sockets)
    try:
        ours, theirs = socket.socketpair()
        waiting = Channel(server, ours, ("127.0.0.1", 1), server.adj, map=sockets)
        assert waiting.connected and not waiting.requests and sockets[ours.fileno()] is waiting
        theirs.close()
        ours, theirs = socket.socketpair()
        theirs.close()
        gone = Channel(server, ours, ("127.0.0.1", 2), server.adj, map=sockets)
        assert not gone.connected and gone not in sockets.values()
        waiting.close()
    finally:
        server.task_dispatcher.shutdown()
        server.close()


def test_the_loop_leaves_a_thread_s_writes_to_the_thread():
    sockets: dict = {}
    server = _server(sockets)
    ours, theirs = socket.socketpair()
    try:
        channel = Channel(server, ours, ("127.0.0.1", 1), server.adj, map=sockets)
        channel.requests.append(object())  # a thread is answering it
        channel.total_outbufs_len = 100
        assert not channel.writable()  # the thread sends what it wrote
        channel.total_outbufs_len = server.adj.outbuf_high_watermark + 1
        assert channel.writable()  # past the mark, the thread waits for the loop
        channel.total_outbufs_len = 100
        channel.close_when_flushed = True
        assert channel.writable()
        channel.close_when_flushed = False
        channel.requests.clear()
        assert channel.writable()  # left over after the answer: the loop sends it
        channel.total_outbufs_len = 0
        assert not channel.writable()
        channel.close()
    finally:
        server.task_dispatcher.shutdown()
        theirs.close()
        server.close()


def test_a_tcp_listener_hands_over_connections_once_they_have_sent():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        defer_accept(listener)
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT) >= DEFER_ACCEPT_SECONDS


def test_a_process_sheds_only_while_it_has_company_and_another_has_none():
    load = Load(slots=4)
    first, second = load.claim(set()), load.claim({0})
    assert (first, second) == (0, 1)
    load.slot = first
    load.started()
    assert not load.should_shed()  # the answer it is writing is its only request
    load.started()
    assert load.should_shed()  # two in flight here, none in process 1
    load.counts[second] = 1
    assert not load.should_shed()  # everyone is busy: moving would not help
    load.counts[second] = 0
    load.vacate(second)
    assert not load.should_shed()  # a process that has exited takes nothing
    load.finished()
    load.finished()
    assert load.counts[first] == 0
    assert load.claim({0}) == 1  # the vacated slot is given again


def test_the_arbiter_gives_each_live_process_its_own_slot_and_takes_it_back(monkeypatch):
    # gunicorn's hooks, run as its arbiter runs them, with a fresh map.
    load = Load(slots=4)
    monkeypatch.setattr(waitress_worker, "LOAD", load)

    class Arbiter:
        WORKERS: dict[int, object] = {}

    class Worker:
        load_slot = None

    first, second, third = Worker(), Worker(), Worker()
    waitress_worker.pre_fork(Arbiter, first)
    Arbiter.WORKERS[101] = first
    waitress_worker.pre_fork(Arbiter, second)
    Arbiter.WORKERS[102] = second
    assert (first.load_slot, second.load_slot) == (0, 1)
    assert load.counts.tolist() == [0, 0, Load.VACANT, Load.VACANT]
    del Arbiter.WORKERS[101]
    waitress_worker.child_exit(Arbiter, first)
    assert load.counts[0] == Load.VACANT  # no longer taken for an idle process
    waitress_worker.pre_fork(Arbiter, third)  # its replacement
    assert third.load_slot == 0


def _health(connection: http.client.HTTPConnection) -> http.client.HTTPResponse:
    connection.request("GET", "/api/v1/health")
    response = connection.getresponse()
    response.read()
    return response


def test_a_busy_process_hands_its_kept_alive_connections_to_an_idle_one(tmp_path):
    database = seeded_database(tmp_path / "claims.db")
    token = auth.create_token(tmp_path / "instance", "balance")
    server = start_gunicorn(database, tmp_path / "instance", workers=2).wait_until_up()
    host, port = "127.0.0.1", int(server.base.rsplit(":", 1)[1])
    created: list[int] = []

    def create() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        body = {"text": "Held at the writer's lock", "kind": "paraphrase", "speaker_id": 1, "source_id": 1}
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            connection.request("POST", "/api/v1/claims", json.dumps(body), headers)
            response = connection.getresponse()
            response.read()
            created.append(response.status)
        finally:
            connection.close()

    kept, shed = 0, 0
    try:
        # Holding the writer's lock keeps one create in flight in one process.
        with open(f"{database}.writer.lock", "a+b") as writer:
            fcntl.flock(writer, fcntl.LOCK_EX)
            creating = threading.Thread(target=create)
            creating.start()
            time.sleep(0.5)
            deadline = time.monotonic() + 20
            while not (kept and shed) and time.monotonic() < deadline:
                connection = http.client.HTTPConnection(host, port, timeout=10)
                response = _health(connection)
                assert response.status == 200
                if response.getheader("Connection") == "close":
                    # The process holding the create: it has company, the other none.
                    shed += 1
                else:
                    # The idle process keeps the connection: it serves again.
                    assert _health(connection).status == 200
                    kept += 1
                connection.close()
            fcntl.flock(writer, fcntl.LOCK_UN)
        creating.join(30)
    finally:
        server.stop()
    assert created == [201]
    assert kept and shed, (kept, shed)
