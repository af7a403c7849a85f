"""What the desk costs an editor, and the server.

    .venv/bin/python -m bench.desk

- user actions (fills and clicks) to record an article with 5 quotes, from
  paste to saved, counted while a Chromium driven by Playwright does it at
  the desk on a real gunicorn (the target is 12 or fewer); and, for
  comparison, the requests the same article takes through the API, record by
  record as the README's first walk-through does it, and with intake;
- the new-article page's server time for a 5,000-word article (seed-like
  text): "Find claims" (the extractor, the speaker and claim matching, the
  page) and the page re-rendered after a decision, through Flask's test
  client, median and p95 (the target is 150 ms p95).
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.extract import long_article, percentile, seed_articles
from service import auth, create_app, db, fixtures

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "tests" / "data" / "desk_article.txt").read_text(encoding="utf-8")
SOURCE = {
    "title": "Port city braces for strike as dock talks collapse",
    "url": "https://news.example.com/2024/11/port-strike",
    "publisher": "Example News",
    "published_on": "2024-11-05",
}
RUNS = 30
sys.path.insert(0, str(ROOT / "tests"))


def seeded(folder: Path) -> tuple[Path, Path, str]:
    database = folder / "claims.db"
    connection = db.connect(database)
    db.migrate(connection)
    fixtures.load(connection, ROOT / "fixtures")
    connection.close()
    instance = folder / "instance"
    return database, instance, auth.create_token(instance, "bench-editor")


class Counted:
    """A Playwright page whose fills and clicks are counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.actions = 0

    def fill(self, locator: Any, value: str) -> None:
        locator.fill(value)
        self.actions += 1

    def click(self, locator: Any) -> None:
        locator.click()
        self.actions += 1


def desk_actions() -> int:
    """Sign in (not counted: it is once a day), then paste to saved."""
    from chromium import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    from servers import gunicorn

    with tempfile.TemporaryDirectory() as folder:
        database, instance, token = seeded(Path(folder))
        with gunicorn(database, instance) as api, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{api}/desk/login")
            page.get_by_label("Token").fill(token)
            page.get_by_role("button", name="Sign in").click()
            page.goto(f"{api}/desk/articles/new")
            counted = Counted(page)
            counted.fill(page.get_by_label("Title"), SOURCE["title"])
            counted.fill(page.get_by_label("URL"), SOURCE["url"])
            counted.fill(page.get_by_label("Publisher"), SOURCE["publisher"])
            counted.fill(page.get_by_label("Published on"), SOURCE["published_on"])
            counted.fill(page.get_by_label("Article text"), ARTICLE)
            counted.click(page.get_by_role("button", name="Find claims"))
            page.wait_for_load_state()
            for draft in page.locator("fieldset.draft").all():
                if draft.get_by_label("Kind").input_value() == "quote":
                    counted.click(draft.get_by_role("button", name="Accept"))
            counted.click(page.get_by_role("button", name="Save article"))
            page.wait_for_url(re.compile(r".*/desk/articles/\d+$"))
            saved = page.locator("ol.recorded li").count()
            browser.close()
    assert saved == 5, saved
    return counted.actions


def api_requests() -> tuple[int, int]:
    """The same five quotes through the API: record by record (look the
    speaker up, add them if new, check the quote is not held, add the claim;
    the source first), and with intake (drafts, then the article)."""
    from service import extract

    drafts = [draft for draft in extract.extract(ARTICLE) if draft.kind == "quote"]
    with tempfile.TemporaryDirectory() as folder:
        database, instance, token = seeded(Path(folder))
        app = create_app({"TESTING": True, "DATABASE": database, "INSTANCE_PATH": instance})
        client = app.test_client()
        bearer = {"Authorization": f"Bearer {token}"}
        requests = 0

        def call(method: str, path: str, **kwargs: Any) -> Any:
            nonlocal requests
            requests += 1
            response = client.open(path, method=method, headers=bearer, **kwargs)
            assert response.status_code < 400, (path, response.json)
            return response.json

        source = call("POST", "/api/v1/sources", json={**SOURCE, "kind": "article", "text": ARTICLE})
        known: dict[str, int] = {}
        for draft in drafts:
            name = draft.speaker.name if draft.speaker else "Unknown"
            if name not in known:
                found = call("GET", f"/api/v1/speakers?q={name}")["items"]
                exact = [speaker for speaker in found if speaker["name"] == name]
                known[name] = (
                    exact[0]["id"]
                    if exact
                    else call("POST", "/api/v1/speakers", json={"name": name, "kind": "person"})["id"]
                )
            call("POST", "/api/v1/claims/match", json={"text": draft.quote})
            call("POST", "/api/v1/claims", json={"text": draft.quote, "kind": "quote",
                                                 "speaker_id": known[name], "source_id": source["id"]})  # fmt: skip
        by_hand = requests
    return by_hand, 2


def render_times(runs: int = RUNS) -> dict[str, float]:
    text = long_article(seed_articles())
    with tempfile.TemporaryDirectory() as folder:
        database, instance, token = seeded(Path(folder))
        app = create_app({"TESTING": True, "DATABASE": database, "INSTANCE_PATH": instance})
        client = app.test_client()
        from test_desk import csrf_of, sign_in

        sign_in(client, token)
        csrf = csrf_of(client.get("/desk/articles/new").get_data(as_text=True))
        form = {**SOURCE, "csrf_token": csrf, "text": text, "action": "find"}
        finds, reviews = [], []
        first = client.post("/desk/articles/new", data=form)
        page = first.get_data(as_text=True)
        drafts = page.count('<fieldset class="draft')
        hidden = dict(re.findall(r'<input type="hidden" name="(d\d+-[a-z_]+|draft_count)" value="([^"]*)"', page))
        review = {**SOURCE, "csrf_token": csrf, "text": text, **hidden, "decide": "accept:0"}
        for _ in range(runs):
            started = time.perf_counter()
            assert client.post("/desk/articles/new", data=form).status_code == 200
            finds.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            assert client.post("/desk/articles/new", data=review).status_code == 200
            reviews.append((time.perf_counter() - started) * 1000)
        # Where Find claims' time goes: the extractor, then intake's matching
        # of the drafts' speakers and words against the store.
        from service.api.intake import find_drafts
        from service.db import get_db, read_snapshot
        from service.extract import extract
        from service.store import claims, speakers

        extracting, drafting, naming, matching = [], [], [], []
        with app.test_request_context():
            connection = get_db()
            found = find_drafts(connection, text, None)
            names = [draft["speaker"]["name"] for draft in found if draft["speaker"]]
            queries = [
                claims.Query(draft["quote"], draft["speaker"]["speaker_id"] if draft["speaker"] else None)
                for draft in found
            ]
            for _ in range(runs):
                started = time.perf_counter()
                extract(text)
                extracting.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                with read_snapshot(connection):
                    find_drafts(connection, text, None)
                drafting.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                speakers.candidates(connection, names)
                naming.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                claims.match_many(connection, queries, limit=1, public_url="https://bench.example")
                matching.append((time.perf_counter() - started) * 1000)
    return {
        "extract_median": statistics.median(extracting),
        "drafts_median": statistics.median(drafting),
        "speakers_median": statistics.median(naming),
        "match_median": statistics.median(matching),
        "distinct_quotes": len({query.text for query in queries}),
        "words": len(text.split()),
        "drafts": drafts,
        "find_median": statistics.median(finds),
        "find_p95": percentile(finds, 0.95),
        "review_median": statistics.median(reviews),
        "review_p95": percentile(reviews, 0.95),
    }


def main() -> None:
    actions = desk_actions()
    by_hand, with_intake = api_requests()
    print(f"desk, paste to saved, 5 quotes: {actions} user actions (target <= 12)")
    print(f"API, record by record: {by_hand} requests; API with intake: {with_intake} requests")
    timing = render_times()
    print(
        f"new-article page, {timing['words']:,} words, {timing['drafts']} drafts: "
        f"Find claims {timing['find_median']:.1f} ms median, {timing['find_p95']:.1f} ms p95; "
        f"after a decision {timing['review_median']:.1f} ms median, {timing['review_p95']:.1f} ms p95 "
        "(target <= 150 ms p95)"
    )
    print(
        f"of which: the extractor {timing['extract_median']:.1f} ms median; the extractor and intake's matching "
        f"of every draft (POST /extract's work) {timing['drafts_median']:.1f} ms median"
    )
    print(
        f"  intake's matching alone: the speakers' names {timing['speakers_median']:.1f} ms median; "
        f"the drafts' words ({timing['distinct_quotes']} distinct) {timing['match_median']:.1f} ms median"
    )


if __name__ == "__main__":
    main()
