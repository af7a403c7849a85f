"""Public page load times: ``python -m bench.pages PATH/claims.db``.

Starts a real ``datasette serve`` over the file and times each kind of
public page (server time to the last byte, over loopback), printing p50
and p95 in milliseconds.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from service import db, publish

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def pages(path: Path, sample: int = 20) -> dict[str, list[str]]:
    database = db.connect(path)
    ids = [row[0] for row in database.conn.execute("SELECT max(id) FROM claims")]
    top = ids[0]
    rng = random.Random(7)
    contested = [
        row[0]
        for row in database.conn.execute(
            "SELECT target_id FROM claim_links WHERE relation = 'contradicts' ORDER BY id DESC LIMIT ?",
            [sample],
        )
    ]
    speaker_max = database.conn.execute("SELECT max(id) FROM speakers").fetchone()[0]
    source_max = database.conn.execute("SELECT max(id) FROM sources").fetchone()[0]
    word = database.conn.execute("SELECT text FROM claims WHERE id = ?", [top // 2]).fetchone()[0].split()[3]
    database.close()
    return {
        "claims table": ["/claims/claims"] * sample,
        "claim page (contested)": [f"/claims/claims/{claim}" for claim in contested],
        "claim page (random)": [f"/claims/claims/{rng.randint(1, top)}" for _ in range(sample)],
        "permalink redirect": [f"/c/{rng.randint(1, top)}" for _ in range(sample)],
        "speaker page": [f"/claims/speakers/{rng.randint(1, speaker_max)}" for _ in range(sample)],
        "source page": [f"/claims/sources/{rng.randint(1, source_max)}" for _ in range(sample)],
        f"search ({word})": [f"/claims/claims?_search={word}"] * sample,
        "contested_claims": ["/claims/contested_claims"] * sample,
        "claims_by_speaker": ["/claims/claims_by_speaker?speaker=Ba"] * sample,
        "claims_in_article": [f"/claims/claims_in_article?article={rng.randint(1, source_max)}" for _ in range(sample)],
        "recent_changes": ["/claims/recent_changes"] * sample,
        "most_contested_speakers": ["/claims/most_contested_speakers"] * sample,
    }


def main(path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        publish.datasette_command(path, "127.0.0.1", port),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch_ms(f"{base}/-/versions.json")
                break
            except OSError:
                time.sleep(0.1)
        claims = db.connect(path)["claims"].count
        print(f"| page ({claims:,} claims) | p50 ms | p95 ms |")
        print("| --- | ---: | ---: |")
        for name, paths in pages(path).items():
            fetch_ms(base + paths[0])  # warm the page cache once
            timings = sorted(fetch_ms(base + page) for page in paths)
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"| {name} | {statistics.median(timings):.1f} | {p95:.1f} |")
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
