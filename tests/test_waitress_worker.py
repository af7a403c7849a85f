"""How the API's processes share kept-alive connections (service/waitress_worker.py),
against the real server, and the waitress internals it relies on."""

from __future__ import annotations

import fcntl
import http.client
import inspect
import json
import threading
import time

from servers import seeded_database, start_gunicorn
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ThreadedTaskDispatcher, WSGITask

from service import auth, waitress_worker
from service.waitress_worker import BalancingTask, Channel, Load


def test_the_waitress_internals_the_worker_builds_on():
    # If one of these changes, the worker's subclasses no longer take part.
    assert HTTPChannel.task_class is WSGITask
    assert Channel.task_class is BalancingTask
    assert {"build_response_header", "set_close_on_finish"} <= set(dir(WSGITask))
    assert {"add_task", "set_thread_count"} <= set(dir(ThreadedTaskDispatcher))
    assert "_dispatcher" in inspect.signature(create_server).parameters


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
