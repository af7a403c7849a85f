"""Cost of ``POST /claims/match`` on long claims: ``python -m bench.match``.

Stores 200 paraphrases of 10,000 characters each, all sharing the query's
words (so the full-text search hands every one of them to the scorer), and
times the real app answering a match for a text of 10,000 characters,
printing p50 and p99 in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from service import auth, create_app, db
from service.store import claims, records, sources, speakers

from .corpus import Corpus

CANDIDATES = 200
LENGTH = 10_000


def long_text(corpus: Corpus) -> str:
    text = ""
    while len(text) < LENGTH:
        text += corpus.sentence() + " "
    return text[:LENGTH].strip()


def build(path: Path, corpus: Corpus) -> str:
    database = db.connect(path)
    db.migrate(database)
    with db.transaction(database):
        speaker_id = speakers.create(database, {"name": "Bench Speaker", "kind": "person"}, "bench")
        source_id = sources.create(database, {"title": "Bench source", "kind": "article"}, "bench")
        for _ in range(CANDIDATES):
            values = {"text": long_text(corpus), "kind": "paraphrase", "speaker_id": speaker_id, "source_id": source_id}
            records.insert(database, "claims", claims.derive(values, None), "bench")
    database.close()
    return long_text(corpus)


def main(requests: int = 60) -> None:
    corpus = Corpus()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.db"
        query = build(path, corpus)
        app = create_app({"DATABASE": path, "INSTANCE_PATH": Path(folder) / "instance"})
        headers = {"Authorization": f"Bearer {auth.create_token(app.instance_path, 'bench', 'editor')}"}
        client = app.test_client()
        timings = []
        for number in range(requests + 3):
            started = time.perf_counter()
            response = client.post("/api/v1/claims/match", json={"text": query, "limit": 10}, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.get_data(as_text=True)
            if number >= 3:  # the first few warm the caches
                timings.append(elapsed)
        timings.sort()
        p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
        print(f"match, {CANDIDATES} candidates of {LENGTH} characters, {requests} requests:")
        print(f"  p50 {statistics.median(timings):.1f} ms  p99 {p99:.1f} ms  matches {len(response.json['matches'])}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
