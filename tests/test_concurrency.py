"""Writers at once: every write lands, none fails with "database is locked"."""

from __future__ import annotations

import threading

from helpers import make_source, make_speaker

WRITERS = 8
CLAIMS_EACH = 25


def test_concurrent_writers_lose_nothing(app, client, editor, database):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor, text=None)
    statuses: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        own_client = app.test_client()
        start.wait()
        for number in range(CLAIMS_EACH):
            response = own_client.post(
                "/api/v1/claims",
                json={
                    "text": f"Claim {number} from writer {writer}",
                    "kind": "paraphrase",
                    "speaker_id": speaker["id"],
                    "source_id": source["id"],
                },
                headers=editor,
            )
            with lock:
                statuses.append(response.status_code)
                if response.status_code != 201:
                    failures.append(response.get_data(as_text=True))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert statuses == [201] * WRITERS * CLAIMS_EACH
    assert database["claims"].count == WRITERS * CLAIMS_EACH
    texts = {row["text"] for row in database["claims"].rows}
    assert texts == {f"Claim {n} from writer {w}" for n in range(CLAIMS_EACH) for w in range(WRITERS)}
    revisions = database.conn.execute("SELECT count(*) FROM revisions WHERE table_name = 'claims'").fetchone()[0]
    assert revisions == WRITERS * CLAIMS_EACH
