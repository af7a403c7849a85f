"""The API's HTTP server: gunicorn's processes, each serving with waitress.

gunicorn forks and supervises the worker processes (one per core, restarted
if one dies) on one listening socket. In each, waitress reads requests in an
event loop and hands one to a thread only once it has arrived whole: headers
and body, chunked or not. A client that stalls mid-request therefore holds a
buffer, not a thread, and is closed once idle for ``CLAIMS_API_CLIENT_TIMEOUT``
seconds. (gunicorn's own workers block a process or a thread on it.)

This module touches waitress internals, kept here and tested by
tests/test_hostile_api.py so a change in waitress fails loudly:

- its event loop is driven here (``wasyncore.loop``), so the gunicorn
  heartbeat is sent from the loop itself and a stop lets requests in flight
  finish before the process exits;
- the request parser is subclassed to answer an over-long request line 414
  and an unparseable Content-Length 400 (waitress lets the ``int()`` error
  escape and drops the connection);
- the error task is subclassed so the errors waitress answers itself come out
  in the API's one error shape, ``application/problem+json``;
- the thread pool is given to ``create_server`` (its ``_dispatcher``) to
  count the requests each process has in flight, and the WSGI task is
  subclassed to close a kept-alive connection after its answer when that
  process is busier than another (see :class:`Load`);
- the channel reads a new connection's request in the turn that accepts it,
  and does not ask the loop to send while a thread is sending its own answer
  (tested by tests/test_waitress_worker.py).
"""

from __future__ import annotations

import json
import mmap
import socket
import threading
import time
from typing import Any

from gunicorn.workers.base import Worker
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask, ThreadedTaskDispatcher, WSGITask
from waitress.utilities import Error
from werkzeug.http import HTTP_STATUS_CODES

from . import config, errors

#: Longest request line (method, target and version); past it, 414. The
#: longest query the OpenAPI document allows fits: a 2,000-character
#: ``?reason=`` of four-byte characters, each written as 12 bytes of escapes
#: (tests/test_hostile_api.py checks every operation).
MAX_REQUEST_LINE = 32768
#: Longest request head: the line and every header together (431 past it).
MAX_REQUEST_HEAD = 65536
#: A chunked body's framing counts towards waitress's own limit; this much
#: room for it lets the app answer a body over CLAIMS_MAX_BODY_BYTES with 413.
CHUNK_FRAMING_ALLOWANCE = 65536
#: Open connections per process, stalled ones included; past it, new
#: connections wait in the listen backlog.
MAX_CONNECTIONS = 1000
#: How often (s) idle connections are looked for and the heartbeat is sent.
TICK_SECONDS = 1.0
#: How long the kernel holds a connection that has sent nothing before
#: handing it over all the same (it then waits in waitress like any other).
DEFER_ACCEPT_SECONDS = 1


def adjustments() -> dict[str, Any]:
    """waitress's settings, from the service's environment variables."""
    return {
        "threads": int(config.env("CLAIMS_API_THREADS")),
        "channel_timeout": int(config.env("CLAIMS_API_CLIENT_TIMEOUT")),
        "cleanup_interval": 1,
        "connection_limit": MAX_CONNECTIONS,
        "max_request_header_size": MAX_REQUEST_HEAD,
        "max_request_body_size": int(config.env("CLAIMS_MAX_BODY_BYTES")) + CHUNK_FRAMING_ALLOWANCE,
        # poll(), not select(): select cannot watch more than 1,024 sockets.
        "asyncore_use_poll": True,
        "asyncore_loop_timeout": TICK_SECONDS,
        "ident": "claims",
    }


class UriTooLong(Error):
    code = 414
    reason = "URI Too Long"


#: What each status waitress answers by itself means to a client.
DETAILS = {
    400: "The request is not valid HTTP/1.1.",
    413: "The body is over the size this service accepts.",
    414: f"The request line is over {MAX_REQUEST_LINE} bytes.",
    431: f"The request's line and headers are over {MAX_REQUEST_HEAD} bytes.",
    500: "Something went wrong on our side; it has been logged.",
    501: "Only the chunked transfer coding is supported.",
}


class RequestParser(HTTPRequestParser):
    def received(self, data: bytes) -> int:
        if not self.headers_finished and not self.completed:
            head = self.header_plus + data
            # Blank lines before a request are allowed; the line is what follows.
            start = len(head) - len(head.lstrip())
            if head.find(b"\n", start, start + MAX_REQUEST_LINE + 1) < 0 and len(head) - start > MAX_REQUEST_LINE:
                # As waitress does for an over-long head: a stand-in request
                # to answer on, marked complete with its error.
                self.parse_header(b"GET / HTTP/1.0\r\n")
                self.error = UriTooLong(DETAILS[414])
                self.completed = True
                return len(data)
        return super().received(data)

    def parse_header(self, header_plus: bytes) -> None:
        try:
            super().parse_header(header_plus)
        except ValueError as error:  # Content-Length past int()'s digit limit
            raise ParsingError("Content-Length is invalid") from error


class ProblemErrorTask(ErrorTask):
    """waitress's own error answers, as problem+json."""

    def execute(self) -> None:
        error = self.request.error  # type: ignore[attr-defined]  # the stubs type the request as its error
        detail = DETAILS.get(error.code, "The request could not be processed.")
        if error.code == 400 and error.body:
            detail = f"The request is not valid HTTP/1.1: {error.body}."
        problem = errors.problem(error.code, HTTP_STATUS_CODES.get(error.code, error.reason), detail, [])
        body = json.dumps(problem).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers = [*self.response_headers, ("Content-Type", errors.PROBLEM_MIMETYPE)]
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class Load:
    """How many requests each API process has in flight, in memory that
    gunicorn's arbiter maps before it forks the processes, so each sees all.

    A kept-alive connection stays with the process that accepted it, and a
    process runs Python on one core at a time. Clients that connect at once
    (a load generator, a proxy's pool) can land three or four in one process
    while another has none, and the busy one then serves them all on one
    core while the other core idles. So a process that answers a request
    while it has another in flight, at a moment when some other process has
    none, closes that connection after the answer (``Connection: close``).
    The client connects again, and the connection goes to whichever process
    accepts first: an idle one is waiting in ``poll()``, where the busy one
    must first win its own interpreter lock back. A process with one
    request, or whose siblings are all busy too, keeps its connections, so
    an even load pays few reconnections and a saturated one none.
    """

    #: A slot no process holds.
    VACANT = -1

    def __init__(self, slots: int = 256) -> None:
        self.counts = memoryview(mmap.mmap(-1, 4 * slots)).cast("i")  # shared, not private, across fork()
        for slot in range(slots):
            self.counts[slot] = self.VACANT
        self.slot: int | None = None  # this process's, once it serves
        self.lock = threading.Lock()

    def claim(self, held: set[int]) -> int | None:
        """A slot for a new process (in the arbiter, before the fork): the
        first one that no live process ``held``; None past the last."""
        for slot in range(len(self.counts)):
            if slot not in held:
                self.counts[slot] = 0
                return slot
        return None

    def vacate(self, slot: int | None) -> None:
        if slot is not None:
            self.counts[slot] = self.VACANT

    def started(self) -> None:
        if self.slot is not None:
            with self.lock:
                self.counts[self.slot] += 1

    def finished(self) -> None:
        if self.slot is not None:
            with self.lock:
                self.counts[self.slot] -= 1

    def should_shed(self) -> bool:
        """Whether this process has more than the request it is answering
        in flight while another process has none."""
        if self.slot is None or self.counts[self.slot] < 2:
            return False
        # This process's own count is 2 or more, so a 0 is another's.
        return 0 in self.counts.tolist()


#: This server's processes' load; the arbiter maps it when it imports this module.
LOAD = Load()


class CountingDispatcher(ThreadedTaskDispatcher):
    """waitress's threads, counting each request in :data:`LOAD` from the
    moment it waits for one (with one thread, the rest wait in the queue)."""

    def add_task(self, task: Any) -> None:
        # waitress queues a connection once per request it has read whole;
        # Channel.service answers that one request.
        LOAD.started()
        super().add_task(task)


class BalancingTask(WSGITask):
    """A request run by the app; closes its connection after the answer when
    this process is busier than another (:meth:`Load.should_shed`)."""

    def build_response_header(self) -> bytes:
        # Only when nothing else was sent on the connection behind this
        # request: a pipelined request is answered where it was sent.
        if not self.close_on_finish and len(self.channel.requests) == 1 and LOAD.should_shed():
            self.set_close_on_finish()
        return super().build_response_header()


class Channel(HTTPChannel):
    parser_class = RequestParser
    error_task_class = ProblemErrorTask
    task_class = BalancingTask

    def __init__(self, server: Any, sock: socket.socket, addr: Any, adj: Any, map: Any = None) -> None:
        super().__init__(server, sock, addr, adj, map)
        self.read_what_arrived(sock)

    def writable(self) -> bool:
        # While a thread answers a request, it sends its own writes (waitress
        # sends at once, ``send_bytes`` 1) holding the buffer's lock. waitress
        # still asks for POLLOUT whenever bytes are buffered, and the loop
        # then turns without pause, failing to take that lock, until the
        # send is done. Leave it to the thread, unless the buffer is past
        # the mark at which the thread waits for the loop to drain it, or
        # the connection is to close.
        if self.requests and not (self.will_close or self.close_when_flushed):
            return self.total_outbufs_len > self.adj.outbuf_high_watermark
        return bool(super().writable())

    def read_what_arrived(self, sock: socket.socket) -> None:
        """Read the request a new connection has sent by the time it is
        accepted (with ``TCP_DEFER_ACCEPT``, it always has), in the loop's
        turn that accepted it, instead of in one more turn and wake-up."""
        try:
            data = sock.recv(self.adj.recv_bytes)
        except BlockingIOError:
            return  # nothing yet: the loop polls for it, as for any connection
        except OSError:
            self.handle_close()
            return
        if data:
            self.last_activity = time.time()
            self.received(data)
        else:
            self.handle_close()  # closed before it sent anything

    def service(self) -> None:
        try:
            super().service()
        finally:
            LOAD.finished()


class WaitressWorker(Worker):
    """A gunicorn worker process that serves its sockets with waitress."""

    #: This process's slot in :data:`LOAD`, given by the arbiter (:func:`pre_fork`).
    load_slot: int | None = None

    def run(self) -> None:
        LOAD.slot = self.load_slot
        sockets: dict[int, Any] = {}
        settings = adjustments()
        for listener in self.sockets:
            defer_accept(listener.sock)
        dispatcher = CountingDispatcher()
        dispatcher.set_thread_count(settings["threads"])
        server = create_server(
            self.wsgi,
            map=sockets,
            _dispatcher=dispatcher,
            sockets=[listener.sock for listener in self.sockets],
            **settings,
        )
        listeners = [each for each in sockets.values() if isinstance(each, BaseWSGIServer)]
        for listener in listeners:
            listener.channel_class = Channel
        beat = 0.0
        while self.alive:
            # The heartbeat is a write to a file: once a tick, not once per
            # turn of the loop (several per request).
            now = time.monotonic()
            if now - beat >= TICK_SECONDS:
                self.notify()
                beat = now
            wasyncore.loop(timeout=TICK_SECONDS, map=sockets, use_poll=True, count=1)
        # Stopping: accept nothing more, and finish what is in flight.
        for listener in listeners:
            listener.del_channel()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while busy(sockets) and time.monotonic() < deadline:
            self.notify()
            wasyncore.loop(timeout=0.1, map=sockets, use_poll=True, count=1)
        server.task_dispatcher.shutdown()


def defer_accept(listener: socket.socket) -> None:
    """Linux's ``TCP_DEFER_ACCEPT``: a TCP connection is handed to
    ``accept()`` once its first bytes have arrived (or after
    :data:`DEFER_ACCEPT_SECONDS` without any), so the turn that accepts a
    connection can read its request too (:meth:`Channel.read_what_arrived`)."""
    if listener.family in (socket.AF_INET, socket.AF_INET6) and hasattr(socket, "TCP_DEFER_ACCEPT"):
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, DEFER_ACCEPT_SECONDS)


def pre_fork(arbiter: Any, worker: WaitressWorker) -> None:
    """gunicorn's hook, in the arbiter: a slot in :data:`LOAD` for the
    process about to be forked, one no live process holds."""
    held = {getattr(each, "load_slot", None) for each in arbiter.WORKERS.values()}
    worker.load_slot = LOAD.claim({slot for slot in held if slot is not None})


def child_exit(arbiter: Any, worker: WaitressWorker) -> None:
    """gunicorn's hook, in the arbiter, once a process has exited: its slot
    no longer counts as a process with nothing in flight."""
    LOAD.vacate(worker.load_slot)


def busy(sockets: dict[int, Any]) -> bool:
    """Whether any connection has a request being served or a reply unsent."""
    return any(
        isinstance(channel, HTTPChannel) and (channel.requests or channel.total_outbufs_len)
        for channel in sockets.values()
    )
