"""The API's HTTP server against gunicorn's sync workers: ``python -m bench.server``.

Side by side, in one run, on a copy of the same 10,000-claim corpus, with
2 processes each: create (``POST /api/v1/claims``) and read
(``GET /api/v1/claims/<id>``) throughput with wrk, best of the rounds taken
in turn; then ``/api/v1/health`` latency with 50 stalled connections of each
kind open (headers never ended, a body shorter than its Content-Length, a
chunked body never ended), and how long until the server closes them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import bench.run
from bench.corpus import build
from bench.run import ROOT, free_port, wait_for, wrk
from service import auth

#: The first bytes of a request that never comes whole, by kind of stall.
STALLS = {
    "headers": b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n",
    "short body": b"POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100\r\n\r\n{",
    "endless chunks": b"POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n',
}

SERVERS = {
    "gunicorn sync (before)": ["-k", "sync", "--limit-request-line", "0"],
    "gunicorn + waitress (now)": [],
}


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of a process and its children so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def measured(process: subprocess.Popen, url: str, script: str, env: dict[str, str]) -> dict[str, float]:
    """wrk's figures, and the server's CPU time per request (ms): on a
    machine shared with other work, requests/s moves with the neighbours,
    while the CPU each request costs barely does."""
    before = cpu_seconds(process.pid)
    found = wrk(url, script, 4, env)
    found["cpu_ms"] = (cpu_seconds(process.pid) - before) * 1000 / (found["rps"] * bench.run.SECONDS)
    return found


def stall(port: int, kind: str) -> socket.socket:
    """A connection that sends the start of a request, then nothing."""
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(STALLS[kind])
    return connection


def closed_by_server(connection: socket.socket) -> bool:
    connection.setblocking(False)
    try:
        return connection.recv(65536) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def health_latencies(url: str, times: int, timeout: float, within: float = 30) -> list[float]:
    """Sequential /health requests in ms, for at most ``within`` seconds; one
    that fails counts as ``timeout``."""
    durations: list[float] = []
    deadline = time.monotonic() + within
    while len(durations) < times and time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=timeout) as response:
                response.read()
            durations.append((time.perf_counter() - started) * 1000)
        except OSError:
            durations.append(timeout * 1000)
    return sorted(durations)


def start(database: Path, extra: list[str], client_timeout: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "CLAIMS_DB": str(database),
        "CLAIMS_INSTANCE_PATH": str(database.parent / "instance"),
        "CLAIMS_API_PORT": str(port),
        "CLAIMS_API_WORKERS": "2",
        "CLAIMS_API_CLIENT_TIMEOUT": str(client_timeout),
        "CLAIMS_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", *extra, "service:create_app()"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/api/v1/health", process)
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--stalled", type=int, default=50, help="stalled connections of each kind")
    parser.add_argument("--threads", type=int, help="CLAIMS_API_THREADS for the run (default: the service's)")
    parser.add_argument("--client-timeout", type=int, default=10, help="CLAIMS_API_CLIENT_TIMEOUT for the run")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if arguments.threads:
        os.environ["CLAIMS_API_THREADS"] = str(arguments.threads)
    bench.run.SECONDS = arguments.seconds
    folder = Path(tempfile.mkdtemp())
    corpus = folder / "corpus.db"
    build(10_000, corpus)
    databases = {}
    for number, name in enumerate(SERVERS):
        databases[name] = folder / str(number) / "claims.db"
        databases[name].parent.mkdir()
        shutil.copyfile(corpus, databases[name])
    token = auth.create_token(folder / "instance", "bench", "editor")
    for database in databases.values():
        shutil.copytree(folder / "instance", database.parent / "instance")
    best: dict[str, dict[str, dict[str, float]]] = {name: {} for name in SERVERS}
    for round_number in range(arguments.rounds):
        for name, extra in SERVERS.items():
            process, url = start(databases[name], extra, arguments.client_timeout)
            try:
                run = {"BENCH_TOKEN": token, "BENCH_RUN": f"{round_number}{time.time_ns()}"}
                create = measured(process, url, "create.lua", run)
                reading = {"BENCH_MAX_ID": "10000", "BENCH_PATH": "/api/v1/claims/%d"}
                read = measured(process, url, "random_id.lua", reading)
            finally:
                stop(process)
            for label, found in (("create", create), ("read", read)):
                if found["rps"] > best[name].get(label, {"rps": 0})["rps"]:
                    best[name][label] = {**found, "cpu_ms": best[name].get(label, found)["cpu_ms"]}
                best[name][label]["cpu_ms"] = min(best[name][label]["cpu_ms"], found["cpu_ms"])
            figures = (
                f"create {create['rps']:.0f}/s ({create['cpu_ms']:.2f} ms CPU each), "
                f"read {read['rps']:.0f}/s ({read['cpu_ms']:.2f} ms CPU each)"
            )
            print(f"round {round_number + 1}, {name}: {figures}", flush=True)
    lines = [
        "| server | create req/s (p99; server CPU per request) | read req/s (p99; server CPU per request) | "
        "/health with stalled connections: p50 / p99 | stalled connections closed after |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, extra in SERVERS.items():
        process, url = start(databases[name], extra, arguments.client_timeout)
        port = int(url.rsplit(":", 1)[1])
        try:
            stalled = [stall(port, kind) for kind in STALLS for _ in range(arguments.stalled)]
            time.sleep(0.5)
            opened = time.monotonic()
            latencies = health_latencies(url, 200, timeout=2.0)
            closed_after = "not within 60 s"
            while time.monotonic() - opened < 60:
                if all(closed_by_server(connection) for connection in stalled):
                    closed_after = f"{time.monotonic() - opened:.1f} s"
                    break
                time.sleep(0.5)
            for connection in stalled:
                connection.close()
        finally:
            stop(process)
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        create, read = best[name]["create"], best[name]["read"]
        lines.append(
            f"| {name} | {create['rps']:.0f} ({create['p99']:.1f} ms, {create['errors']:.0f} errors; "
            f"{create['cpu_ms']:.2f} ms) | {read['rps']:.0f} ({read['p99']:.1f} ms; {read['cpu_ms']:.2f} ms) | "
            f"{statistics.median(latencies):.1f} / {p99:.1f} ms | "
            f"{closed_after} |"
        )
    before, after = (best[name] for name in SERVERS)
    lines.append("")
    lines.append(
        f"Change: create {after['create']['rps'] / before['create']['rps'] - 1:+.1%}, "
        f"read {after['read']['rps'] / before['read']['rps'] - 1:+.1%}; server CPU per request: "
        f"create {after['create']['cpu_ms'] / before['create']['cpu_ms'] - 1:+.1%}, "
        f"read {after['read']['cpu_ms'] / before['read']['cpu_ms'] - 1:+.1%} "
        f"({arguments.rounds} rounds of {arguments.seconds} s each, best kept; 4 wrk connections; 2 processes; "
        f"{arguments.stalled} stalled connections of each kind; a failed /health counts as 2,000 ms)."
    )
    print("\n".join(lines))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
