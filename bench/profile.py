"""Where the time goes: ``python -m bench.profile bulk|create|read|list``.

Runs one of the benchmarked paths under pyinstrument, in this process, on a
fresh database in a temporary folder, and prints the call tree:

- ``bulk``: the fixtures loader on a generated corpus (measurement 4);
- ``create``: ``POST /api/v1/claims`` through the Flask test client
  (measurement 1 without gunicorn, the network or the load generator);
- ``read``: ``GET /api/v1/claims/<id>`` of random claims, and ``list``:
  ``GET /api/v1/claims?limit=50``, through the Flask test client
  (measurements 2 and 3 without the server);
- ``search``: ``GET /api/v1/claims?q=`` of the selective word bench/run.py
  searches for (under 100 claims), through the Flask test client.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from pyinstrument import Profiler

from bench.corpus import Corpus
from bench.run import terms
from service import auth, create_app, db, fixtures


def bulk(folder: Path, claims: int) -> Profiler:
    database = db.connect(folder / "claims.db", synchronous="OFF")
    db.migrate(database)
    documents = Corpus(seed=99).documents(claims)
    with Profiler() as profiler:
        fixtures.load_documents(database, documents)
    database.close()
    return profiler


def create(folder: Path, claims: int) -> Profiler:
    database = db.connect(folder / "claims.db")
    db.migrate(database)
    fixtures.load_documents(database, Corpus(seed=99).documents(20))
    database.close()
    # Warnings only: an access line per request would be most of the output.
    app = create_app({"DATABASE": folder / "claims.db", "INSTANCE_PATH": folder / "instance", "LOG_LEVEL": "WARNING"})
    token = auth.create_token(folder / "instance", "profile")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    with Profiler() as profiler:
        for number in range(claims):
            body = {"text": f"Profiled claim {number}", "kind": "paraphrase", "speaker_id": 1, "source_id": 1}
            response = client.post("/api/v1/claims", json=body, headers=headers)
            assert response.status_code == 201, response.get_json()
    return profiler


def reads(folder: Path, claims: int, url: str) -> Profiler:
    """``claims`` GETs of ``url`` (``{id}`` filled with a random claim id,
    ``{selective}`` with a word in under 100 claims), on a corpus of 10,000 claims."""
    database = db.connect(folder / "claims.db")
    db.migrate(database)
    fixtures.load_documents(database, Corpus(seed=99).documents(10_000))
    top = database.execute("SELECT max(id) FROM claims").fetchone()[0]
    database.close()
    selective = terms(folder / "claims.db")[0]
    app = create_app({"DATABASE": folder / "claims.db", "INSTANCE_PATH": folder / "instance", "LOG_LEVEL": "WARNING"})
    client = app.test_client()
    chosen = random.Random(7)
    with Profiler() as profiler:
        for _ in range(claims):
            response = client.get(url.format(id=chosen.randint(1, top), selective=selective))
            assert response.status_code in (200, 404), response.get_json()
    return profiler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", choices=["bulk", "create", "read", "list", "search"])
    parser.add_argument(
        "--claims",
        type=int,
        help="how many claims (bulk: 20,000; create: 2,000) or requests (read, list, search: 2,000)",
    )
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        if arguments.path == "bulk":
            profiler = bulk(folder, arguments.claims or 20_000)
        elif arguments.path == "create":
            profiler = create(folder, arguments.claims or 2_000)
        elif arguments.path == "read":
            profiler = reads(folder, arguments.claims or 2_000, "/api/v1/claims/{id}")
        elif arguments.path == "list":
            profiler = reads(folder, arguments.claims or 2_000, "/api/v1/claims?limit=50")
        else:
            profiler = reads(folder, arguments.claims or 2_000, "/api/v1/claims?q={selective}")
    finally:
        shutil.rmtree(folder)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
