"""The claim network's pictures at 1,000,000 claims: ``python -m bench.network``.

On the corpus of bench/corpora/ (built by bench.run if missing):

- in process, for claims with links: the signature alone (one statement),
  a picture laid out cold (signature, rows, Graphviz) and a picture found
  kept (signature and the cache), p50 and p95;
- over HTTP, from a real ``datasette`` process: ``/c/<id>/network.svg`` the
  first time and again, and the speaker and record pictures.

Target: a picture in 50 ms or less at p95 with the cache.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.run import ROOT, corpus, free_port, machine, wait_for
from service import network, publish

SAMPLE = 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * len(ordered))) - 1)]


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms (n={len(values)})"


def linked_claims(connection: sqlite3.Connection, count: int, seed: int = 7) -> list[int]:
    """Claims with at least one link, spread over the record."""
    (top,) = connection.execute("SELECT max(id) FROM claim_links").fetchone()
    chosen = random.Random(seed)
    found: list[int] = []
    while len(found) < count:
        row = connection.execute(
            "SELECT claim_id FROM claim_links WHERE id >= ? ORDER BY id LIMIT 1", [chosen.randrange(top)]
        ).fetchone()
        if row and row[0] not in found:
            found.append(row[0])
    return found


def timed_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def in_process(database: Path, claims: list[int]) -> dict[str, list[float]]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    network.PICTURES.clear()

    def picture(claim_id: int) -> bytes:
        signature = network.claim_signature(connection, claim_id)
        key = ("claim", claim_id, signature, "svg")
        kept = network.PICTURES.get(key)
        if kept is None:
            hood = network.neighbourhood(connection, claim_id)
            kept = (hood, network.render(network.claim_graph(hood)))
            network.PICTURES.put(key, kept)
        return kept[1]

    results = {
        "signature": [timed_ms(lambda c=c: network.claim_signature(connection, c)) for c in claims],
        "cold": [timed_ms(lambda c=c: picture(c)) for c in claims],
        "kept": [timed_ms(lambda c=c: picture(c)) for c in claims],
    }
    speakers = [row[0] for row in connection.execute(network._TOP_SPEAKERS, {"top": 10})]
    results["speaker data"] = [timed_ms(lambda s=s: network.speaker_network(connection, s)) for s in speakers]
    results["record data"] = [timed_ms(lambda: network.record_network(connection)) for _ in range(5)]
    connection.close()
    return results


def fetch_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def over_http(database: Path, claims: list[int]) -> dict[str, list[float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CLAIMS_PUBLIC_URL": base, "CLAIMS_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        publish.datasette_command(database, "127.0.0.1", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(base + "/-/versions.json", server)
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        speakers = [row[0] for row in connection.execute(network._TOP_SPEAKERS, {"top": 10})]
        connection.close()
        return {
            "claim picture, first": [fetch_ms(f"{base}/c/{c}/network.svg") for c in claims],
            "claim picture, again": [fetch_ms(f"{base}/c/{c}/network.svg") for c in claims],
            "claim page with its picture, first": [fetch_ms(f"{base}/claims/claims/{c}") for c in claims],
            "claim page with its picture, again": [fetch_ms(f"{base}/claims/claims/{c}") for c in claims],
            "speaker picture, first": [fetch_ms(f"{base}/speakers/{s}/network.svg") for s in speakers],
            "record picture, first then kept": [fetch_ms(f"{base}/network.svg") for _ in range(10)],
        }
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=SAMPLE)
    arguments = parser.parse_args()
    database, _ = corpus(arguments.size)
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    claims = linked_claims(connection, arguments.sample)
    connection.close()
    print(f"# The claim network at {arguments.size:,} claims ({machine()})")
    print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    for name, values in in_process(database, claims).items():
        print(f"in process, {name}: {summary(values)}")
    for name, values in over_http(database, claims).items():
        print(f"over HTTP, {name}: {summary(values)}")
    print(f"load average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    main()
