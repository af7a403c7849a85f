"""Nothing is lost: kill -9 under load, many writers with readers, racing
editors, and a backup taken while writes go on, then restored."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import sqlite3
import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from servers import datasette, gunicorn, seeded_database, start_datasette, start_gunicorn

from service import auth

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def request(url: str, body: dict | None = None, token: str | None = None, method: str | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict, Message]:  # fmt: skip
    """Status, JSON body and headers (looked up in any case, as HTTP allows)."""
    call = urllib.request.Request(url, method=method or ("POST" if body is not None else "GET"))
    if body is not None:
        call.data = json.dumps(body).encode()
        call.add_header("Content-Type", "application/json")
    if token:
        call.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        call.add_header(name, value)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}, response.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else {}, error.headers


@pytest.fixture
def served(tmp_path: Path):
    """A seeded database, its instance folder and an editor token."""
    path = seeded_database(tmp_path / "claims.db")
    instance = tmp_path / "instance"
    return path, instance, auth.create_token(instance, "load-editor")


def claim(text: str) -> dict:
    # Speaker 1 and source 1 come from the fixtures.
    return {"text": text, "kind": "paraphrase", "speaker_id": 1, "source_id": 1}


def check_file(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for index in ("claims_fts", "speakers_fts", "sources_fts"):
            # Raises if the full-text index disagrees with its table.
            connection.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    finally:
        connection.close()


def test_acknowledged_writes_survive_kill_9(served, capsys):
    path, instance, token = served
    rounds, writers = 6, 4
    acknowledged: dict[int, str] = {}
    lock = threading.Lock()

    def write(base: str, label: str, stop: threading.Event) -> None:
        number = 0
        while not stop.is_set():
            text = f"{label} claim {number}"
            try:
                status, body, _ = request(f"{base}/api/v1/claims", claim(text), token)
            except (OSError, http.client.HTTPException, ValueError):
                return  # the server died mid-request: this write was never acknowledged
            if status == 201:
                with lock:
                    acknowledged[body["id"]] = text
            number += 1

    for round_number in range(rounds):
        # At DEBUG the API logs the size of every commit: some must carry several writes.
        server = start_gunicorn(path, instance, workers=2, CLAIMS_LOG_LEVEL="DEBUG").wait_until_up()
        stop = threading.Event()
        threads = [
            threading.Thread(target=write, args=(server.base, f"Round {round_number} writer {n}", stop))
            for n in range(writers)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        server.kill()
        stop.set()
        for thread in threads:
            thread.join()
        # After each kill: every acknowledged write is there, and the file is sound.
        check_file(path)
        connection = sqlite3.connect(path)
        stored = dict(connection.execute("SELECT id, text FROM claims WHERE text LIKE 'Round %'").fetchall())
        connection.close()
        missing = {claim_id: text for claim_id, text in acknowledged.items() if stored.get(claim_id) != text}
        assert missing == {}
    assert len(acknowledged) > rounds * 10
    groups = [int(size) for size in re.findall(r'"one commit for (\d+) writes"', server.log.read_text())]
    assert sum(groups) >= len(acknowledged)
    shared = sum(size for size in groups if size > 1)
    assert shared > 0
    with capsys.disabled():
        print(
            f"\nkill -9: {rounds} rounds, {len(acknowledged)} acknowledged writes, all present;"
            f" {shared} of {sum(groups)} committed writes shared a commit"
        )


def test_eight_writers_and_a_datasette_reader_see_no_errors(served, capsys):
    path, instance, token = served
    writers, per_writer = 8, 40
    statuses: list[int] = []
    read_statuses: list[int] = []
    bodies: list[str] = []
    lock = threading.Lock()
    api = start_gunicorn(path, instance, workers=4).wait_until_up()
    public = start_datasette(path).wait_until_up()
    try:
        done = threading.Event()

        def write(writer: int) -> None:
            for number in range(per_writer):
                status, body, _ = request(f"{api.base}/api/v1/claims", claim(f"Writer {writer} says {number}"), token)
                with lock:
                    statuses.append(status)
                    bodies.append(json.dumps(body))

        def read() -> None:
            pages = ["/claims/claims.json?_size=5", "/claims/contested_claims.json", "/claims/claims?_search=Writer"]
            number = 0
            while not done.is_set():
                try:
                    with urllib.request.urlopen(public.base + pages[number % len(pages)], timeout=30) as response:
                        text = response.read().decode()
                        code = response.status
                except urllib.error.HTTPError as error:
                    text, code = error.read().decode(), error.code
                with lock:
                    read_statuses.append(code)
                    bodies.append(text)
                number += 1

        readers = [threading.Thread(target=read) for _ in range(2)]
        threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
        for thread in readers + threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        for thread in readers:
            thread.join()
    finally:
        api.stop()
        public.stop()
    assert statuses == [201] * writers * per_writer
    assert read_statuses and all(code == 200 for code in read_statuses)
    logs = api.log.read_text() + public.log.read_text()
    assert not any("database is locked" in text for text in bodies)
    assert "database is locked" not in logs
    assert "Traceback" not in logs
    connection = sqlite3.connect(path)
    count = connection.execute("SELECT count(*) FROM claims WHERE text LIKE 'Writer %'").fetchone()[0]
    connection.close()
    assert count == writers * per_writer
    with capsys.disabled():
        print(f"\nconcurrency: {len(statuses)} writes, {len(read_statuses)} datasette reads, 0 errors")


def test_two_editors_racing_on_one_claim_the_second_is_refused(served):
    path, instance, token = served
    other = auth.create_token(instance, "second-editor")
    with gunicorn(path, instance, workers=2) as api:
        _, original, headers = request(f"{api}/api/v1/claims/1")
        etag = headers["ETag"]
        start = threading.Barrier(2)
        results: dict[str, int] = {}

        def edit(name: str, editor_token: str) -> None:
            start.wait()
            status, _, _ = request(
                f"{api}/api/v1/claims/1", {"context": f"Context by {name}"}, editor_token, "PATCH", {"If-Match": etag}
            )
            results[name] = status

        threads = [threading.Thread(target=edit, args=pair) for pair in (("first", token), ("second", other))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results.values()) == [200, 412]
        winner = next(name for name, status in results.items() if status == 200)
        _, after, _ = request(f"{api}/api/v1/claims/1")
        assert after["context"] == f"Context by {winner}"
        assert after["version"] == original["version"] + 1
        _, history, _ = request(f"{api}/api/v1/claims/1/revisions")
        assert [r["action"] for r in history["items"]].count("update") == 1


def test_backup_while_writing_then_restore(served, tmp_path: Path, runner_for):
    path, instance, token = served
    copy = tmp_path / "backups" / "claims-copy.db"
    copy.parent.mkdir()
    with gunicorn(path, instance, workers=2) as api:
        before: list[str] = []
        for number in range(20):
            text = f"Before the backup {number}"
            assert request(f"{api}/api/v1/claims", claim(text), token)[0] == 201
            before.append(text)
        stop = threading.Event()

        def keep_writing() -> None:
            number = 0
            while not stop.is_set():
                request(f"{api}/api/v1/claims", claim(f"During the backup {number}"), token)
                number += 1

        writer = threading.Thread(target=keep_writing)
        writer.start()
        time.sleep(0.3)
        result = runner_for(path).invoke(args=["backup", str(copy)])
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output
    # Restore as the README says: with the service stopped, the copy replaces the file.
    restored = tmp_path / "restored" / "claims.db"
    restored.parent.mkdir()
    shutil.copyfile(copy, restored)
    check_file(restored)
    with gunicorn(restored, instance, workers=1) as api:
        _, page, _ = request(f"{api}/api/v1/claims?q=before%20backup&limit=200")
        assert {item["text"] for item in page["items"]} >= set(before)
        assert request(f"{api}/api/v1/claims", claim("Written after the restore"), token)[0] == 201
    with datasette(restored) as public, urllib.request.urlopen(f"{public}/claims/claims.json?_size=1") as response:
        assert response.status == 200
