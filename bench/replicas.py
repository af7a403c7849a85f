"""Read replicas from a snapshot: ``python -m bench.replicas [SIZE]``.

Takes a consistent snapshot of a corpus with the service's backup command,
precomputes it with ``datasette inspect``, serves it immutable (``-i``) from
one and then two Datasette processes, and measures claim pages per second
against one replica and against both at once.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.run import ROOT, free_port, wait_for, wrk
from service import db, publish


def replica(snapshot: Path, inspect_file: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        publish.datasette_command(snapshot, "127.0.0.1", port, inspect_file=inspect_file),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/-/versions.json", process)
    return process, url


def main(size: int) -> dict[str, float]:
    source = ROOT / "bench" / "corpora" / str(size) / "claims.db"
    folder = Path(tempfile.mkdtemp())
    snapshot = folder / "claims.db"
    started = time.perf_counter()
    db.backup(source, snapshot)
    backup_seconds = time.perf_counter() - started
    inspect_file = folder / "inspect.json"
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(snapshot), "--inspect-file", str(inspect_file)], check=True
    )
    top = sqlite3.connect(snapshot).execute("SELECT max(id) FROM claims").fetchone()[0]
    env = {"BENCH_PATH": "/claims/claims/%d.json", "BENCH_MAX_ID": str(top)}
    first, first_url = replica(snapshot, inspect_file)
    second = None
    try:
        one = wrk(first_url, "random_id.lua", 8, env)
        second, second_url = replica(snapshot, inspect_file)
        results: dict[str, dict] = {}

        def load(name: str, url: str) -> None:
            results[name] = wrk(url, "random_id.lua", 8, env)

        threads = [threading.Thread(target=load, args=pair) for pair in (("a", first_url), ("b", second_url))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for process in (first, second):
            if process:
                process.terminate()
                process.wait()
    shutil.rmtree(folder)
    two = results["a"]["rps"] + results["b"]["rps"]
    figures = {
        "backup_seconds": backup_seconds,
        "one": one["rps"],
        "one_p99": one["p99"],
        "two": two,
        "two_p99": max(results["a"]["p99"], results["b"]["p99"]),
    }
    print(
        f"snapshot of {size:,} claims in {backup_seconds:.1f} s; one replica {figures['one']:.0f} req/s "
        f"(p99 {figures['one_p99']:.1f} ms); two replicas {two:.0f} req/s (p99 {figures['two_p99']:.1f} ms)"
    )
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
