"""The benchmark suite: ``make bench`` (``python -m bench.run``).

Every figure is a ratio against a reference measured in the same run on the
same machine: raw SQLite for writes and full-text search, Datasette for
reads and search, sqlite-utils' ``insert_all`` for bulk loading. The
results are printed as a markdown table and written to bench/results.md.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from bench.corpus import Corpus, build
from service import auth, config, db, fixtures, publish

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "corpora"
WRK = ROOT / "bench" / "wrk"
RESULTS = ROOT / "bench" / "results.md"
SECONDS = 10
#: Sequential requests per list and search measure (p95 is the 57th of 60).
SAMPLES = 60
#: ``--reads``: only the reads, lists and searches (measures 2, 3 and 5).
READS_ONLY = False


# -- processes --------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"server exited before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


class Servers:
    """The API (gunicorn) and the public site (Datasette) over one file."""

    def __init__(self, database: Path, api_workers: int = 1) -> None:
        self.database = database
        self.instance = database.parent / "instance"
        self.token = auth.create_token(self.instance, f"bench-{time.time_ns()}", "editor")
        api_port, public_port = free_port(), free_port()
        env = {
            **os.environ,
            "CLAIMS_DB": str(database),
            "CLAIMS_INSTANCE_PATH": str(self.instance),
            "CLAIMS_API_PORT": str(api_port),
            "CLAIMS_API_WORKERS": str(api_workers),
            "CLAIMS_LOG_LEVEL": "WARNING",
            "CLAIMS_PUBLIC_URL": f"http://127.0.0.1:{public_port}",
        }
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT, "env": env}
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "python:service.gunicorn_conf", "service:create_app()"]
        self.api = subprocess.Popen(gunicorn, **quiet)  # type: ignore[call-overload]
        self.public = subprocess.Popen(  # type: ignore[call-overload]
            publish.datasette_command(database, "127.0.0.1", public_port), **quiet
        )
        self.api_url = f"http://127.0.0.1:{api_port}"
        self.public_url = f"http://127.0.0.1:{public_port}"
        wait_for(self.api_url + "/api/v1/health", self.api)
        wait_for(self.public_url + "/-/versions.json", self.public)

    def api_cpu_seconds(self) -> float:
        """CPU time (user and system) the API's processes have used so far."""
        return sum(self.api_cpu_by_process().values())

    def api_cpu_by_process(self) -> dict[int, float]:
        """CPU time (user and system) so far of gunicorn's arbiter and of
        each of its worker processes, by process id."""
        pids = [self.api.pid]
        pids += [int(pid) for pid in Path(f"/proc/{self.api.pid}/task/{self.api.pid}/children").read_text().split()]
        used = {}
        for pid in pids:
            # utime and stime: the 14th and 15th fields, 12th and 13th after the name.
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return used

    def stop(self) -> None:
        for process in (self.api, self.public):
            process.terminate()
            process.wait()


# -- measuring ----------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, script: str, connections: int, env: dict[str, str]) -> dict[str, float]:
    """Requests/s and latency percentiles (ms) from wrk."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--latency", "-s", str(WRK / script), url]
    output = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "errors": 0.0}
    if errors:
        result["errors"] = float(errors.group(1))
    for percent in ("50", "99"):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)\b", output).groups()
        result[f"p{percent}"] = float(value) * UNITS[unit]
    return result


class Timings(NamedTuple):
    """Sequential fetches of one URL, two ways, in milliseconds (sorted)."""

    #: Each on a new TCP connection (urllib): connect, request, answer, close.
    new: list[float]
    #: Each on one kept-alive connection (http.client), as browsers and HTTP
    #: client libraries send request after request.
    kept: list[float]


def timed(url: str, times: int = 30) -> Timings:
    """``times`` sequential fetches of ``url`` on a new connection each and
    as many on one kept-alive connection, taking turns, so a neighbour's
    burst weighs on both (after one of each to warm them)."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    kept_alive = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    new, kept = [], []
    try:
        for number in range(times + 1):
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
            took = (time.perf_counter() - started) * 1000
            if number:
                new.append(took)
            started = time.perf_counter()
            # http.client connects again by itself if the server closed it.
            kept_alive.request("GET", target)
            answer = kept_alive.getresponse()
            answer.read()
            if answer.status != 200:
                raise RuntimeError(f"{url} answered {answer.status}")
            took = (time.perf_counter() - started) * 1000
            if number:
                kept.append(took)
    finally:
        kept_alive.close()
    return Timings(sorted(new), sorted(kept))


def p50(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return values[max(0, int(len(values) * 0.95) - 1)]


def raw_inserts(database: Path) -> float:
    """The physical limit: one BEGIN IMMEDIATE single-row insert after another."""
    # The service's PRAGMAs: WAL, busy_timeout, foreign keys, the same synchronous.
    connection = db.connect(database, synchronous=os.environ.get("CLAIMS_SYNCHRONOUS", "FULL"))
    raw = connection.conn
    number, deadline = 0, time.monotonic() + SECONDS
    started = time.perf_counter()
    while time.monotonic() < deadline:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO claims (text, kind, speaker_id, source_id, text_key, created_at, updated_at)"
            " VALUES (?, 'paraphrase', 1, 1, ?, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')",
            [f"Raw insert {number}", f"raw insert {number}"],
        )
        raw.execute("COMMIT")
        number += 1
    rate = number / (time.perf_counter() - started)
    connection.close()
    return rate


def raw_search(database: Path, term: str, times: int = 30) -> list[float]:
    connection = sqlite3.connect(database)
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        connection.execute(
            "SELECT claims.* FROM claims JOIN (SELECT rowid, rank FROM claims_fts WHERE claims_fts MATCH ?"
            " ORDER BY rank LIMIT 50) AS hits ON hits.rowid = claims.id",
            [f'"{term}"'],
        ).fetchall()
        durations.append((time.perf_counter() - started) * 1000)
    connection.close()
    return sorted(durations)


def terms(database: Path) -> tuple[str, int, str, int]:
    """A selective word (under 100 claims) and a broad one (over 30% of claims)."""
    connection = sqlite3.connect(database)
    total = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
    connection.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, claims_fts, row)")
    broad, broad_hits = connection.execute("SELECT term, doc FROM temp.vocabulary ORDER BY doc DESC LIMIT 1").fetchone()
    selective, selective_hits = connection.execute(
        "SELECT term, doc FROM temp.vocabulary WHERE doc < 100 ORDER BY abs(doc - 50), term LIMIT 1"
    ).fetchone()
    connection.close()
    assert broad_hits > 0.3 * total, (broad, broad_hits, total)
    return selective, selective_hits, broad, broad_hits


# -- the suite --------------------------------------------------------------


def corpus(size: int) -> tuple[Path, float]:
    """The corpus of ``size`` claims, built once and kept in bench/corpora/,
    with the rate it was built at (claims/s through the fixtures loader)."""
    path = CORPORA / str(size) / "claims.db"
    timing = path.with_name("built.json")
    if path.exists() and timing.exists():
        database = db.connect(path)
        db.migrate(database)  # a corpus kept from an earlier run, brought up to date
        database.close()
        return path, json.loads(timing.read_text(encoding="utf-8"))["claims_per_second"]
    result = build(size, path)
    timing.write_text(json.dumps(result), encoding="utf-8")
    return path, result["claims_per_second"]


#: What the fixtures loader writes, parents first; ``revisions`` is left out
#: because only the loader keeps a history, and triggers fill the rest.
LOADED_TABLES = ("speakers", "speaker_aliases", "sources", "claims", "claim_links", "appearances")


def bulk_load(size: int = 20_000, rounds: int = 3) -> dict[str, float]:
    """Rows/s through the fixtures loader against insert_all of the same rows.

    Both write every row the loader writes, to a fresh database with the
    same schema, triggers and PRAGMAs; the best of ``rounds`` is kept for
    each, so a noisy neighbour on a shared machine counts against neither.
    """
    documents = Corpus(seed=99).documents(size)
    ours_best = theirs_best = 0.0
    for _ in range(rounds):
        folder = Path(tempfile.mkdtemp())
        ours = db.connect(folder / "ours.db", synchronous="OFF")
        db.migrate(ours)
        fresh = copy.deepcopy(documents)
        started = time.perf_counter()
        fixtures.load_documents(ours, fresh)
        elapsed = time.perf_counter() - started
        tables = {name: list(ours.query(f"SELECT * FROM [{name}] ORDER BY rowid")) for name in LOADED_TABLES}
        rows = sum(len(found) for found in tables.values())
        ours_best = max(ours_best, rows / elapsed)
        theirs = db.connect(folder / "theirs.db", synchronous="OFF")
        db.migrate(theirs)
        started = time.perf_counter()
        with db.transaction(theirs):
            for name, found in tables.items():
                theirs[name].insert_all(found)
        theirs_best = max(theirs_best, rows / (time.perf_counter() - started))
        ours.close()
        theirs.close()
        shutil.rmtree(folder)
    return {"ours": ours_best, "theirs": theirs_best, "rows": rows}


def measure_size(size: int, path: Path) -> dict[str, object]:
    work = Path(tempfile.mkdtemp()) / "claims.db"
    shutil.copyfile(path, work)
    os.sync()  # the copy's writeback would otherwise run during the measurements
    top = sqlite3.connect(work).execute("SELECT max(id) FROM claims").fetchone()[0]
    selective, selective_hits, broad, broad_hits = terms(work)
    speaker = sqlite3.connect(work).execute("SELECT name FROM speakers WHERE id = 1").fetchone()[0].split()[0]
    found: dict[str, object] = {"size": size, "selective": (selective, selective_hits), "broad": (broad, broad_hits)}
    servers = Servers(work, api_workers=1)
    try:
        env = {"BENCH_MAX_ID": str(top)}
        found["read"] = wrk(servers.api_url, "random_id.lua", 4, {**env, "BENCH_PATH": "/api/v1/claims/%d"})
        found["read_datasette"] = wrk(
            servers.public_url, "random_id.lua", 4, {**env, "BENCH_PATH": "/claims/claims/%d.json"}
        )
        found["read_sequential"] = timed(f"{servers.api_url}/api/v1/claims/{top // 2}")
        found["page_sequential"] = timed(f"{servers.public_url}/claims/claims/{top // 2}", 15)
        found["list"] = timed(f"{servers.api_url}/api/v1/claims?limit=50", SAMPLES)
        for name, term in (("selective", selective), ("broad", broad)):
            found[f"search_{name}"] = timed(f"{servers.api_url}/api/v1/claims?q={term}&limit=50", SAMPLES)
            found[f"search_{name}_datasette"] = timed(f"{servers.public_url}/claims/claims.json?_search={term}", 10)
            found[f"search_{name}_raw"] = raw_search(work, term, 20)
    finally:
        servers.stop()
    if size == max(SIZES) and not READS_ONLY:
        servers = Servers(work, api_workers=1)
        try:
            pages = {
                "claims table": "/claims/claims",
                "claim page": f"/claims/claims/{top // 2}",
                **{name: f"/claims/{name}" for name in publish.metadata()["databases"]["claims"]["queries"]},
            }
            pages["claims_by_speaker"] += f"?speaker={speaker}"
            pages["claims_in_article"] += "?article=1"
            found["pages"] = {name: timed(servers.public_url + url, 10) for name, url in pages.items()}
        finally:
            servers.stop()
    shutil.rmtree(work.parent)
    return found


#: The service's default: as many workers as the reference machine's cores.
#: More only queue for the one writer and take turns on the same cores
#: (4 workers measured about 15% fewer requests/s here than 2).
API_WORKERS = int(config.ENVIRONMENT["CLAIMS_API_WORKERS"][0])


def measure_create(path: Path, rounds: int = 3) -> dict[str, float]:
    """The best of ``rounds`` wrk runs against the best of as many raw runs:
    on a shared machine, a neighbour's burst can only slow a run down. The
    two take turns, so a burst that lasts a while weighs on both sides."""
    work = Path(tempfile.mkdtemp()) / "claims.db"
    shutil.copyfile(path, work)
    # Let the kernel finish writing out what came before (a corpus just
    # built is gigabytes): its writeback would slow the very fsyncs that
    # each create waits for, on this side and on the raw side alike.
    os.sync()
    servers = Servers(work, api_workers=API_WORKERS)
    runs, limits = [], []
    try:
        for _ in range(rounds):
            env = {"BENCH_TOKEN": servers.token, "BENCH_RUN": str(time.time_ns())}
            cpu = servers.api_cpu_by_process()
            run = wrk(servers.api_url, "create.lua", 4, env)
            used = {pid: seconds - cpu.get(pid, 0.0) for pid, seconds in servers.api_cpu_by_process().items()}
            run["cpu_ms"] = sum(used.values()) * 1000 / (run["rps"] * SECONDS)
            # How evenly the workers shared the work: the busiest one's share
            # of their CPU (1/n is even; 1.0 is one process doing it all).
            workers = [seconds for pid, seconds in used.items() if pid != servers.api.pid]
            run["busiest_share"] = max(workers) / sum(workers) if sum(workers) else 0.0
            runs.append(run)
            limits.append(raw_inserts(work))  # the API sits idle meanwhile
    finally:
        servers.stop()
    limit = max(limits)
    shutil.rmtree(work.parent)
    return {
        **max(runs, key=lambda run: run["rps"]),
        "errors": sum(run["errors"] for run in runs),
        "limit": limit,
        "busiest_shares": [run["busiest_share"] for run in runs],
    }


def machine() -> str:
    sqlite = sqlite3.sqlite_version
    packages = ", ".join(
        f"{name} {version(name)}" for name in ("flask", "marshmallow", "flask-smorest", "sqlite-utils", "datasette")
    )
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"SQLite {sqlite}; {packages}; wrk {wrk_version}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(create: dict, bulk: dict, sizes: dict[int, dict], built: dict[int, float], seconds: float) -> str:
    small, large = sizes[min(sizes)], sizes[max(sizes)]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {seconds / 60:.1f} minutes. "
        f"Each load test runs {SECONDS} s; every ratio is against a reference measured in the same run.",
        "",
        "| # | measurement | ours | reference | ratio | target | result |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    if create:
        lines.append(_create_row(create))
    for size, found in sizes.items():
        read, theirs = found["read"], found["read_datasette"]
        ratio = read["rps"] / theirs["rps"]
        if size == max(SIZES):
            target, met = ">= 5x, p99 < 10 ms", ratio >= 5 and read["p99"] < 10
        else:
            target, met = ">= 1.5x, p99 < 10 ms", ratio >= 1.5 and read["p99"] < 10
        lines.append(
            f"| 2 | read at {size:,}: `GET /api/v1/claims/<id>`, 1 worker each, 4 clients | {read['rps']:.0f} req/s "
            f"(p99 {read['p99']:.1f} ms) | Datasette row JSON {theirs['rps']:.0f} req/s | {ratio:.2f}x | "
            f"{target} | {verdict(met)} |"
        )
    for size, found in sizes.items():
        for name, limit in (("selective", 4), ("broad", 20)):
            term, hits = found[name]
            ours, theirs, raw = found[f"search_{name}"], found[f"search_{name}_datasette"], found[f"search_{name}_raw"]
            target = f"p95 <= {limit} ms at 1M" if size == max(SIZES) else "(1M only)"
            result = both_ways(ours, limit) if size == max(SIZES) else ""
            lines.append(
                f"| 3 | search at {size:,}, {name} `{term}` ({hits:,} claims) | {sequential(ours)} | "
                f"Datasette p95 {p95(theirs.new):.1f} ms new, {p95(theirs.kept):.1f} ms kept alive; "
                f"raw FTS5 p95 {p95(raw):.1f} ms | {p95(ours.new) / p95(theirs.new):.2f}x Datasette (new) | "
                f"{target} | {result} |"
            )
    for size, found in sizes.items():
        ours = found["list"]
        target = "p95 <= 8 ms at 1M" if size == max(SIZES) else "(1M only)"
        result = both_ways(ours, 8) if size == max(SIZES) else ""
        lines.append(
            f"| 3 | list at {size:,}: `GET /api/v1/claims?limit=50` | {sequential(ours)} | | | {target} | {result} |"
        )
    if bulk:
        lines.append(_bulk_row(bulk))
    growth(lines, small, large, sizes)
    for name, timings in large.get("pages", {}).items():
        lines.append(
            f"| 6 | public page at {max(sizes):,}: {name} p50, new connection (kept alive) | "
            f"{p50(timings.new):.1f} ms ({p50(timings.kept):.1f} ms) | | | < 100 ms (new connection) "
            f"| {verdict(p50(timings.new) < 100)} |"
        )
    lines += [
        "",
        "Sequential measures (3, 5, 6) fetch one request after another, each twice in turn: on a new TCP "
        "connection (urllib; connect, request, answer, close) and on one kept-alive connection (http.client). "
        "Targets of measure 3 are judged both ways, and each verdict names its way; growth (5) and pages (6) "
        "are judged on new connections.",
    ]
    built_text = ", ".join(f"{size:,} in {size / rate:.0f} s" for size, rate in built.items() if rate)
    if built_text:
        lines += ["", f"Corpora built through the fixtures loader (when first built): {built_text}."]
    return "\n".join(lines) + "\n"


def _create_row(create: dict) -> str:
    ratio = create["rps"] / create["limit"]
    return (
        f"| 1 | create: `POST /api/v1/claims`, 4 clients, gunicorn {API_WORKERS} workers (the default), best of 3 | "
        f"{create['rps']:.0f} req/s "
        f"(p99 {create['p99']:.1f} ms, {create['errors']:.0f} errors, {create['cpu_ms']:.2f} ms CPU each; "
        f"busiest worker's share of the work {max(create['busiest_shares']):.0%} at most) | "
        f"{create['limit']:.0f} raw `BEGIN IMMEDIATE` inserts/s, `synchronous=FULL` | {ratio:.1%} | >= 50% | "
        f"{verdict(ratio >= 0.5)} |"
    )


def _bulk_row(bulk: dict) -> str:
    ratio = bulk["ours"] / bulk["theirs"]
    return (
        f"| 4 | bulk load through the fixtures loader: {bulk['rows']:,} rows (20,000 claims, their speakers, "
        f"sources, links and appearances), best of 3 | {bulk['ours']:.0f} rows/s | "
        f"sqlite-utils `insert_all` of the same rows {bulk['theirs']:.0f} rows/s | {ratio:.1%} | >= 50% | "
        f"{verdict(ratio >= 0.5)} |"
    )


def sequential(timings: Timings) -> str:
    """p50 / p95 on new connections, then kept alive."""
    return (
        f"new connection p50 {p50(timings.new):.1f} / p95 {p95(timings.new):.1f} ms; "
        f"kept alive p50 {p50(timings.kept):.1f} / p95 {p95(timings.kept):.1f} ms"
    )


def both_ways(timings: Timings, limit: float) -> str:
    """The p95 target's verdict on new connections and kept alive, each named."""
    return f"new connection: {verdict(p95(timings.new) <= limit)}; kept alive: {verdict(p95(timings.kept) <= limit)}"


def growth(lines: list[str], small: dict, large: dict, sizes: dict[int, dict]) -> None:
    measures = [("read", "read_sequential"), ("search (selective)", "search_selective")]
    if "page_sequential" in small:
        measures.append(("claim page", "page_sequential"))
    for label, key in measures:
        before, after = p50(small[key].new), p50(large[key].new)
        lines.append(
            f"| 5 | growth {min(sizes):,} to {max(sizes):,}: {label} p50, new connection (kept alive) | "
            f"{after:.1f} ms ({p50(large[key].kept):.1f} ms) | {before:.1f} ms ({p50(small[key].kept):.1f} ms) | "
            f"{after / before:.2f}x | <= 2x (new connection) | {verdict(after <= 2 * before)} |"
        )


SIZES = (10_000, 100_000, 1_000_000)


def main() -> None:
    global SIZES, READS_ONLY
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument(
        "--reads", action="store_true", help="only reads, lists and searches; print the table, leave results.md"
    )
    arguments = parser.parse_args()
    SIZES = tuple(int(size) for size in arguments.sizes.split(","))
    READS_ONLY = arguments.reads
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    started = time.monotonic()
    built, paths = {}, {}
    for size in SIZES:
        paths[size], built[size] = corpus(size)
        print(f"corpus {size:,}: ready", flush=True)
    create: dict[str, float] = {}
    bulk: dict[str, float] = {}
    if not READS_ONLY:
        create = measure_create(paths[min(SIZES)])
        print(f"create: {create['rps']:.0f} req/s", flush=True)
        bulk = bulk_load()
        print(f"bulk: {bulk['ours']:.0f} rows/s", flush=True)
    sizes = {}
    for size in SIZES:
        sizes[size] = measure_size(size, paths[size])
        print(f"measured {size:,}", flush=True)
    text = report(create, bulk, sizes, built, time.monotonic() - started)
    if not READS_ONLY:
        RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
