"""Group commit: writes that arrive together share one transaction and one
fsync, each answers only once that commit is done, and one write's error
undoes only that write."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from helpers import make_source, make_speaker
from werkzeug.test import TestResponse

from service import db


class Commits(logging.Handler):
    """The size of every group the writer queues commit (from their debug log)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sizes: list[int] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "one commit for %d writes":
            self.sizes.append(record.args[0])  # type: ignore[index]


@pytest.fixture
def commits() -> Iterator[Commits]:
    logger = logging.getLogger("service.db")
    handler, level, propagate = Commits(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # the records are for this test, not stderr
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)
    logger.propagate = propagate


class Refused(Exception):
    """A write's own failure, as the store raises for a 409 or a 412."""


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the writers never queued"
        time.sleep(0.005)


def in_one_group(app: Flask, calls: list[Callable[[FlaskClient], TestResponse]]) -> list[TestResponse]:
    """Send ``calls`` at once, held back until all of them wait to write, so
    that they commit as one group.

    The test takes the file's writer turn first, as a writer in another
    process would; a first write, which writes nothing, then leads and
    waits for the turn, and ``calls`` queue behind it and join its group.
    """
    queue = db.writer_queue(str(Path(app.config["DATABASE"]).resolve()))
    answers: list[Any] = [None] * len(calls)

    def send(index: int, call: Callable[[FlaskClient], TestResponse]) -> None:
        answers[index] = call(app.test_client())

    blocker = threading.Thread(target=write_nothing, args=(app.config["DATABASE"],))
    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(calls)]
    with queue.turn():
        blocker.start()
        wait_until(lambda: queue.leading)
        for thread in threads:
            thread.start()
        wait_until(lambda: len(queue.waiting) == 1 + len(calls))
    for thread in [blocker, *threads]:
        thread.join()
    return answers


def write_nothing(path: Path) -> None:
    connection = db.connect(path)
    db.write(connection, lambda _connection: None)
    connection.close()


@pytest.fixture
def people(client, editor) -> dict[str, int]:
    speaker = make_speaker(client, editor)
    source = make_source(client, editor, text=None)
    return {"speaker_id": speaker["id"], "source_id": source["id"]}


def paraphrase(people: dict[str, int], text: str) -> dict[str, Any]:
    return {"text": text, "kind": "paraphrase", **people}


def test_a_failing_write_answers_its_own_error_and_the_rest_of_its_group_lands(
    app, client, editor, people, database, commits
):
    existing = client.post("/api/v1/claims", json=paraphrase(people, "Already said"), headers=editor).json
    edited = client.post("/api/v1/claims", json=paraphrase(people, "To be edited"), headers=editor).json
    stale = f'"claim-{existing["id"]}-v{existing["version"]}"'
    assert (
        client.patch(
            f"/api/v1/claims/{existing['id']}", json={"venue": "TV"}, headers={**editor, "If-Match": stale}
        ).status_code
        == 200
    )
    current = f'"claim-{edited["id"]}-v{edited["version"]}"'
    commits.sizes.clear()

    answers = in_one_group(
        app,
        [
            lambda c: c.post("/api/v1/claims", json=paraphrase(people, "First new claim"), headers=editor),
            lambda c: c.post("/api/v1/claims", json=paraphrase(people, "Already said"), headers=editor),
            lambda c: c.patch(
                f"/api/v1/claims/{existing['id']}", json={"venue": "Radio"}, headers={**editor, "If-Match": stale}
            ),
            lambda c: c.patch(
                f"/api/v1/claims/{edited['id']}", json={"venue": "Print"}, headers={**editor, "If-Match": current}
            ),
            lambda c: c.post("/api/v1/claims", json=paraphrase(people, "Second new claim"), headers=editor),
        ],
    )

    assert commits.sizes == [6]  # the leader's empty write and the five, in one commit
    statuses = [answer.status_code for answer in answers]
    assert statuses == [201, 409, 412, 200, 201]
    assert answers[1].json["existing_id"] == existing["id"]
    assert answers[3].json["venue"] == "Print"
    stored = {row["text"]: row for row in database.query("SELECT id, text, venue, version FROM claims")}
    assert set(stored) == {"Already said", "To be edited", "First new claim", "Second new claim"}
    assert stored["First new claim"]["id"] == answers[0].json["id"]
    assert stored["Second new claim"]["id"] == answers[4].json["id"]
    assert stored["Already said"]["venue"] == "TV"  # the stale edit changed nothing
    assert stored["To be edited"]["venue"] == "Print"
    history = database.conn.execute(
        "SELECT row_id, action FROM revisions WHERE table_name = 'claims' ORDER BY id"
    ).fetchall()
    # The group's three writes that landed (in the order they queued), none of the other two.
    assert sorted(history[-3:]) == sorted(
        [(answers[0].json["id"], "create"), (edited["id"], "update"), (answers[4].json["id"], "create")]
    )
    assert history[:-3] == [(existing["id"], "create"), (edited["id"], "create"), (existing["id"], "update")]


def test_two_creates_of_the_same_words_in_one_group_the_second_is_409_naming_the_first(
    app, editor, people, database, commits
):
    body = paraphrase(people, "Said twice at once")
    answers = in_one_group(app, [lambda c: c.post("/api/v1/claims", json=body, headers=editor)] * 2)
    assert commits.sizes[-1] == 3
    # Either may queue first; whichever does is stored, and the other names it.
    created, refused = sorted(answers, key=lambda answer: answer.status_code)
    assert (created.status_code, refused.status_code) == (201, 409)
    assert refused.json["existing_id"] == created.json["id"]
    assert database.conn.execute("SELECT count(*) FROM claims WHERE text = ?", [body["text"]]).fetchone()[0] == 1


def test_every_write_is_committed_before_it_is_answered(tmp_path: Path, commits):
    path = tmp_path / "claims.db"
    setup = db.connect(path)
    setup.conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)")
    setup.close()
    writers, each = 8, 30
    seen_by_others: list[bool] = []
    refusals: list[str] = []
    start = threading.Barrier(writers)

    def add(text: str) -> Callable[[db.sqlite_utils.Database], int]:
        def work(connection: db.sqlite_utils.Database) -> int:
            return connection.conn.execute("INSERT INTO notes (text) VALUES (?)", [text]).lastrowid

        return work

    def fail(connection: db.sqlite_utils.Database) -> None:
        connection.conn.execute("INSERT INTO notes (text) VALUES ('doomed')")
        raise Refused("doomed")

    def writer(number: int) -> None:
        own = db.connect(path)
        observer = sqlite3.connect(path)
        start.wait()
        for count in range(each):
            text = f"note {number}-{count}"
            note_id = db.write(own, add(text))
            # A fresh reader, outside every transaction, already sees it.
            found = observer.execute("SELECT text FROM notes WHERE id = ?", [note_id]).fetchone()
            seen_by_others.append(found == (text,))
            try:
                db.write(own, fail)
            except Refused as error:
                refusals.append(str(error))
        observer.close()
        own.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seen_by_others == [True] * writers * each
    assert refusals == ["doomed"] * writers * each
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM notes").fetchone()[0] == writers * each
    assert check.execute("SELECT count(*) FROM notes WHERE text = 'doomed'").fetchone()[0] == 0
    check.close()
    assert sum(commits.sizes) == 2 * writers * each
    assert max(commits.sizes) > 1  # writers did share commits


def test_a_write_that_ends_the_whole_transaction_fails_its_whole_group(tmp_path: Path, commits):
    """When SQLite rolls back the whole transaction, no write of the group
    was committed, so none may answer success."""
    path = tmp_path / "claims.db"
    setup = db.connect(path)
    setup.conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    setup.conn.execute(
        "CREATE TRIGGER no_doom BEFORE INSERT ON notes WHEN new.text = 'doomed'"
        " BEGIN SELECT RAISE(ROLLBACK, 'doomed'); END"
    )
    setup.close()
    queue = db.writer_queue(str(path.resolve()))
    outcomes: dict[str, str] = {}

    def send(text: str) -> None:
        connection = db.connect(path)
        try:
            db.write(connection, lambda c: c.conn.execute("INSERT INTO notes (text) VALUES (?)", [text]))
            outcomes[text] = "ok"
        except sqlite3.IntegrityError as error:
            outcomes[text] = str(error)
        connection.close()

    threads = [threading.Thread(target=send, args=(text,)) for text in ("fine", "doomed", "also fine")]
    with queue.turn():
        blocker = threading.Thread(target=send, args=("first",))
        blocker.start()
        wait_until(lambda: queue.leading)
        for queued, thread in enumerate(threads, start=1):
            thread.start()  # one at a time, so the group runs them in this order
            wait_until(lambda queued=queued: len(queue.waiting) == 1 + queued)
    for thread in [blocker, *threads]:
        thread.join()

    assert commits.sizes == []  # the group never committed
    assert outcomes == {"first": "doomed", "fine": "doomed", "doomed": "doomed", "also fine": "doomed"}
    check = sqlite3.connect(path)
    assert check.execute("SELECT text FROM notes").fetchall() == []
    check.close()


def test_ids_and_revisions_are_right_when_writers_share_commits(app, editor, people, database, commits):
    writers, each = 8, 15
    answered: dict[str, int] = {}
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(writers)
    commits.sizes.clear()

    def write(writer: int) -> None:
        own_client = app.test_client()
        start.wait()
        for number in range(each):
            text = f"Claim {number} from writer {writer}"
            response = own_client.post("/api/v1/claims", json=paraphrase(people, text), headers=editor)
            with lock:
                statuses.append(response.status_code)
                answered[text] = response.json["id"]

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [201] * writers * each
    assert max(commits.sizes) > 1  # some commits carried several writes
    assert sum(commits.sizes) == writers * each
    stored = dict(database.conn.execute("SELECT text, id FROM claims").fetchall())
    assert stored == answered
    created = database.conn.execute(
        "SELECT row_id, json_extract(after, '$.text'), claim_id, actor FROM revisions"
        " WHERE table_name = 'claims' AND action = 'create' ORDER BY row_id"
    ).fetchall()
    assert created == sorted((claim_id, text, claim_id, "test-editor") for text, claim_id in answered.items())
