"""What a reader sees, in a real headless Chromium driven by Playwright."""

from __future__ import annotations

import pytest
from chromium import shoot
from servers import datasette

from service import db

pytestmark = pytest.mark.slow


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


def _spoof_speaker(path, name: str, role: str, claim_text: str | None = None) -> int:
    """Give the speaker of the threat claim ``name`` and ``role``; return the claim's id."""
    import sqlite3

    connection = sqlite3.connect(path)
    with connection:
        claim_id, speaker_id = connection.execute(
            "SELECT id, speaker_id FROM claims WHERE text LIKE '%posed an imminent threat%'"
        ).fetchone()
        connection.execute("UPDATE speakers SET name = ?, description = ? WHERE id = ?", [name, role, speaker_id])
        if claim_text:
            connection.execute("UPDATE claims SET text = ? WHERE id = ?", [claim_text, claim_id])
    connection.close()
    return claim_id


def _left_to_right(page, selectors: list[str]) -> list[float]:
    return [page.locator(selector).first.bounding_box()["x"] for selector in selectors]


@pytest.mark.parametrize("name", ["Donald Trump", "Donald Trump\u202e", "Donald Trump\u202b\u202e"])
def test_a_right_to_left_override_in_a_name_cannot_reorder_the_role_and_date(page, seeded_file, name):
    claim_id = _spoof_speaker(seeded_file, name, "US President")
    with datasette(seeded_file) as public:
        # The embed card: name, role and date on one line, in that order, the date intact.
        page.goto(f"{public}/c/{claim_id}/embed")
        who, role, said_on = _left_to_right(page, [".meta .who", ".meta .role", ".meta .said-on"])
        assert who < role < said_on
        assert page.locator(".meta .said-on").inner_text() == "January 2020"
        assert page.locator(".meta .role").inner_text() == "US President"
        meta = page.locator(".meta").first
        assert meta.inner_text().endswith("US President · January 2020")
        shoot(page, f"embed-bidi-{'spoofed' if len(name) > 12 else 'plain'}")

        # The claim page: the name, then the role, left to right.
        page.goto(f"{public}/claims/claims/{claim_id}")
        speaker, role = _left_to_right(page, ["figcaption .speaker", "figcaption .role"])
        assert speaker < role
        assert page.locator("dl.facts time").first.inner_text() == "January 2020"
        shoot(page, f"claim-bidi-{'spoofed' if len(name) > 12 else 'plain'}")


def test_arabic_text_still_reads_right_to_left(page, seeded_file):
    claim_id = _spoof_speaker(seeded_file, "محمد محيي", "متحدث باسم كتائب حزب الله", "نحن أبناء هذه المنطقة.")
    with datasette(seeded_file) as public:
        for path, selectors in [
            (f"/c/{claim_id}/embed", ["blockquote", ".meta .who", ".meta .role"]),
            (f"/claims/claims/{claim_id}", ["blockquote.claim-text", "figcaption .speaker bdi", "figcaption .role"]),
        ]:
            page.goto(public + path)
            for selector in selectors:
                assert page.locator(selector).first.evaluate("element => element.matches(':dir(rtl)')"), selector
        quote = page.locator("blockquote.claim-text").first
        assert quote.evaluate("element => getComputedStyle(element).direction") == "rtl"
        shoot(page, "claim-arabic")
