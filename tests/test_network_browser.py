"""The network pictures in a real Chromium: accessible, and no sideways scrolling."""

from __future__ import annotations

import pytest
from chromium import horizontal_overflow, serious_violations, shoot
from servers import datasette

from service import db, network

pytestmark = pytest.mark.slow

WIDTHS = (375, 1280)


@pytest.fixture
def pages(seeded_file) -> dict[str, str]:
    """The pages with a picture: a claim, a speaker and the record's network."""
    database = db.connect(seeded_file)
    claim_id = max(
        (row[0] for row in database.conn.execute("SELECT claim_id FROM claim_links")),
        key=lambda claim: len(network.neighbourhood(database.conn, claim).nodes),
    )
    speaker_id = database.conn.execute("SELECT speaker_id FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    database.close()
    return {
        "claim": f"/claims/claims/{claim_id}",
        "speaker": f"/claims/speakers/{speaker_id}",
        "network": "/network",
    }


def test_the_pictures_are_accessible_and_fit_narrow_and_wide_screens(page, seeded_file, pages):
    with datasette(seeded_file) as public:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(public + path)
                picture = page.locator("svg.network-picture")
                assert picture.count() == 1, path
                box = picture.bounding_box()
                assert box["width"] <= width and box["height"] > 20, (path, box)
                # Every box on the picture is a link to a page of the site.
                hrefs = picture.locator("a").evaluate_all(
                    "anchors => anchors.map(a => a.getAttribute('xlink:href')).filter(Boolean)"
                )
                assert hrefs and all(href.startswith(("/c/", "/claims/speakers/")) for href in hrefs), hrefs
                page.locator("details summary").first.click()  # the text alternative opens
                assert page.locator("details ul li a").first.is_visible()
                assert serious_violations(page) == [], (path, width)
                assert horizontal_overflow(page) == 0, (path, width)
                shoot(page, f"network-{name}-{width}")
