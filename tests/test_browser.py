"""What a reader sees, in a real headless Chromium driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from servers import ROOT, datasette

from service import db

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts" / "screenshots"
# Chromium's own background traffic fails on a closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    opened = context.new_page()
    yield opened
    context.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_reader_follows_a_contested_claim_searches_and_opens_a_query(page, seeded_file):
    database = db.connect(seeded_file)
    threat = next(database.query("SELECT id FROM claims WHERE text LIKE '%posed an imminent threat%'"))["id"]
    database.close()
    with datasette(seeded_file) as public:
        # The permalink lands on the claim page.
        page.goto(f"{public}/c/{threat}")
        assert page.url == f"{public}/claims/claims/{threat}"
        assert page.locator("blockquote.claim-text").first.inner_text() == "Qassem Soleimani posed an imminent threat."
        assert page.locator("figcaption").inner_text() == "Donald Trump, US President"
        counters = page.locator("section.counter-claims article")
        assert counters.count() == 2
        assert "Iran" in counters.nth(0).inner_text()
        assert "Prime Minister of Iraq" in counters.nth(1).inner_text()
        # Side by side on a wide screen: the counter-claims start level with the claim.
        claim_box = page.locator("section.the-claim").bounding_box()
        counter_box = page.locator("section.counter-claims").bounding_box()
        assert counter_box["x"] > claim_box["x"] + claim_box["width"] - 1
        assert abs(counter_box["y"] - claim_box["y"]) < 5
        shoot(page, "claim-imminent-threat")

        # Follow a counter-claim to its own page, which points back.
        counters.nth(0).locator("a").first.click()
        page.wait_for_load_state()
        assert "did not pose an imminent threat" in page.locator("blockquote.claim-text").first.inner_text()
        assert "posed an imminent threat" in page.locator("section.counter-claims").inner_text()

        # Search the claims table for a word.
        page.goto(f"{public}/claims/claims")
        page.fill("input#_search", "Kirkuk")
        page.locator("input#_search").press("Enter")
        page.wait_for_load_state()
        assert "_search=Kirkuk" in page.url
        rows = page.locator("table.rows-and-columns tbody tr")
        assert rows.count() >= 2
        assert "Kirkuk" in page.locator("table.rows-and-columns").inner_text()
        shoot(page, "search-kirkuk")

        # Open a canned query from the database page.
        page.goto(f"{public}/claims")
        page.get_by_role("link", name="Contested claims", exact=True).click()
        page.wait_for_load_state()
        assert page.url.endswith("/claims/contested_claims")
        table = page.locator("table.rows-and-columns").inner_text()
        assert "Qassem Soleimani did not pose an imminent threat." in table
        assert "Mohammad Mohie" in table
        shoot(page, "contested-claims")
