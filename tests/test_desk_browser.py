"""An editor's day at the desk, in a real Chromium against a real gunicorn,
with the public claim pages on a real Datasette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromium import serious_violations, shoot
from servers import datasette, free_port, gunicorn, seeded_database

from service import auth, db

pytestmark = pytest.mark.slow

ARTICLE = (Path(__file__).resolve().parent / "data" / "desk_article.txt").read_text(encoding="utf-8")
QUOTES = [
    "We have made our final offer and it is a fair one",
    "Not one of our members has seen a written offer",
    "Every day of delay costs the region's farmers their export season",
    "The city will not take sides, but it will not stand by either",
    "Our members are ready to stay out for as long as it takes",
]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The API (and the desk) on gunicorn, the public site on Datasette, over one seeded file."""
    folder = tmp_path_factory.mktemp("desk")
    database = seeded_database(folder / "claims.db")
    instance = folder / "instance"
    names = ("Amira Haddad", "Jonas Berg", "Short Lived", "Signs Out")
    tokens = {name: auth.create_token(instance, name) for name in names}
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    with gunicorn(database, instance, CLAIMS_PUBLIC_URL=public) as api, datasette(database, port) as site:
        yield {"api": api, "site": site, "database": database, "instance": instance, "tokens": tokens}


def checked(page, name: str) -> None:
    """Every desk page: a screenshot, and no serious or critical axe-core violation."""
    shoot(page, f"desk-{name}")
    assert serious_violations(page) == [], name


def sign_in(page, servers, name: str) -> None:
    page.goto(f"{servers['api']}/desk/login")
    page.get_by_label("Token").fill(servers["tokens"][name])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{servers['api']}/desk/")


def claim_id(servers, words: str) -> int:
    connection = db.connect(servers["database"])
    try:
        return connection.execute("SELECT id FROM claims WHERE text = ?", [words]).fetchone()[0]
    finally:
        connection.close()


def test_an_article_from_paste_to_its_public_claim_pages_in_twelve_actions(page, servers):
    api = servers["api"]
    page.goto(f"{api}/")
    assert page.url == f"{api}/desk/login?next=/desk/"
    checked(page, "login")
    actions = 0
    page.get_by_label("Token").fill(servers["tokens"]["Amira Haddad"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{api}/desk/")
    checked(page, "home")
    page.get_by_role("link", name="New article").first.click()
    page.wait_for_url(f"{api}/desk/articles/new")
    checked(page, "article-new")

    # Paste: 5 fills and a click.
    page.get_by_label("Title").fill("Port city braces for strike as dock talks collapse")
    page.get_by_label("URL").fill("https://news.example.com/2024/11/port-strike")
    page.get_by_label("Publisher").fill("Example News")
    page.get_by_label("Published on").fill("2024-11-05")
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Find claims").click()
    actions += 6
    page.wait_for_load_state()
    drafts = page.locator("fieldset.draft")
    assert drafts.count() == 6
    assert page.locator("#article-text mark").count() == 6
    assert page.locator("#draft-0").get_by_label("Speaker", exact=True).input_value() == "Miriam Okafor"
    checked(page, "intake")

    # Accept the five quotes (the reported plan, draft 5, is left undecided): 5 clicks.
    for number in (0, 1, 2, 3, 5):
        page.locator(f"#draft-{number}").get_by_role("button", name="Accept").click()
        actions += 1
    assert page.locator("mark.accepted").count() == 5
    assert page.locator(".drafts .count").inner_text() == "5 of 6 accepted"
    page.get_by_role("button", name="Save article").click()
    actions += 1
    page.wait_for_url(re.compile(r".*/desk/articles/\d+$"))
    assert actions <= 12
    recorded = page.locator("ol.recorded li")
    assert recorded.count() == 5
    checked(page, "article-saved")

    # On to the public claim page on Datasette.
    page.get_by_role("link", name=re.compile(r"Public page of claim")).first.click()
    page.wait_for_load_state()
    assert page.url.startswith(servers["site"])
    assert QUOTES[0] in page.locator("blockquote.claim-text").first.inner_text()


def test_a_counter_claim_a_verdict_and_a_retraction(page, servers):
    sign_in(page, servers, "Amira Haddad")
    offer, denial = claim_id(servers, QUOTES[0]), claim_id(servers, QUOTES[1])
    page.goto(f"{servers['api']}/desk/claims/{offer}")
    checked(page, "claim")

    # Find the union's denial and link it as the counter-claim.
    page.get_by_label("Search claims to link").fill("written offer")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    page.get_by_label(re.compile(r"Not one of our members")).first.check()
    page.get_by_label("Relation").select_option("contradicts")
    page.get_by_role("button", name="Link claim").click()
    page.wait_for_load_state()
    assert "contested" in page.locator(".kicker").inner_text()
    assert QUOTES[1] in page.locator("ul.links").inner_text()

    # A verdict on the rating scale, in the editor's own words.
    page.get_by_label("Rating").select_option("unproven")
    page.get_by_label("Label", exact=True).fill("Unproven so far")
    page.get_by_label("Summary").fill("Neither side has published the offer.")
    page.get_by_label("Evidence links").fill("https://news.example.com/2024/11/port-strike")
    page.get_by_role("button", name="Save verdict").click()
    page.wait_for_load_state()
    assert "Unproven so far" in page.locator(".verdict").inner_text()
    assert "Neither side has published the offer." in page.locator("#history-heading ~ table").inner_text()

    # Retract the counter-claim, with a reason.
    page.goto(f"{servers['api']}/desk/claims/{denial}")
    page.get_by_label("Reason").fill("Recorded from the wrong paragraph")
    page.get_by_role("button", name="Retract").click()
    page.wait_for_load_state()
    assert "Recorded from the wrong paragraph" in page.locator(".retracted").inner_text()
    checked(page, "claim-retracted")


def test_two_editors_racing_on_one_claim(browser, servers):
    claim = claim_id(servers, QUOTES[2])
    first, second = (browser.new_context(viewport={"width": 1280, "height": 1000}) for _ in range(2))
    try:
        amira, jonas = first.new_page(), second.new_page()
        sign_in(amira, servers, "Amira Haddad")
        sign_in(jonas, servers, "Jonas Berg")
        for page in (amira, jonas):
            page.goto(f"{servers['api']}/desk/claims/{claim}")
        amira.get_by_label("Venue").fill("growers' association briefing")
        amira.get_by_role("button", name="Save claim").click()
        amira.wait_for_load_state()
        assert "Claim saved." in amira.locator(".messages").inner_text()
        jonas.get_by_label("Venue").fill("phone interview")
        jonas.get_by_role("button", name="Save claim").click()
        jonas.wait_for_load_state()
        alert = jonas.locator(".conflict").inner_text()
        assert "changed by Amira Haddad since you opened it" in alert
        assert "phone interview" in alert and "growers' association briefing" in alert
        checked(jonas, "claim-conflict")
        connection = db.connect(servers["database"])
        assert connection.execute("SELECT venue FROM claims WHERE id = ?", [claim]).fetchone()[0] == (
            "growers' association briefing"
        )
        connection.close()
    finally:
        first.close()
        second.close()


def test_the_speaker_page(page, servers):
    sign_in(page, servers, "Amira Haddad")
    page.goto(f"{servers['api']}/desk/claims/{claim_id(servers, QUOTES[4])}")
    page.get_by_role("link", name="Tomasz Wierzbicki").click()
    page.wait_for_load_state()
    assert QUOTES[4] in page.locator("#claims-heading ~ ul").inner_text()
    page.get_by_label("Role").fill("General secretary of the dockworkers' union")
    page.get_by_role("button", name="Save speaker").click()
    page.wait_for_load_state()
    assert "General secretary" in page.locator(".meta").inner_text()
    checked(page, "speaker")


def test_script_offers_speakers_as_the_editor_types_and_takes_a_selected_span(page, servers):
    sign_in(page, servers, "Amira Haddad")
    page.goto(f"{servers['api']}/desk/claims/{claim_id(servers, QUOTES[4])}")
    page.get_by_label("Speaker", exact=True).fill("")
    page.get_by_label("Speaker", exact=True).press_sequentially("Haugl")
    page.wait_for_function("document.querySelectorAll('#speaker-options option').length > 0")
    assert page.locator("#speaker-options option").first.get_attribute("value").startswith("Lena Haugland (#")

    page.goto(f"{servers['api']}/desk/articles/new")
    page.get_by_label("Title").fill("Port talks")
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Find claims").click()
    page.wait_for_load_state()
    missed = "Shipping lines have begun diverting vessels to neighbouring ports."
    page.evaluate(
        """(words) => {
            const article = document.getElementById("article-text");
            const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(words);
                if (at !== -1) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + words.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    article.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                    return;
                }
            }
        }""",
        missed,
    )
    assert page.get_by_label("Missed words").input_value() == missed
    page.get_by_label("Speaker of the missed claim").fill("Port correspondent")
    page.get_by_role("button", name="Add claim").click()
    page.wait_for_load_state()
    assert page.locator("fieldset.draft").count() == 7
    assert page.locator("#mark-6").inner_text().endswith(missed)


def test_a_form_without_its_csrf_token_is_refused(page, servers):
    sign_in(page, servers, "Amira Haddad")
    claim = claim_id(servers, QUOTES[3])
    page.goto(f"{servers['api']}/desk/claims/{claim}")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(input => input.remove())")
    page.get_by_label("Reason").fill("forged")
    page.get_by_role("button", name="Retract").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Form refused").is_visible()
    checked(page, "csrf-refused")
    connection = db.connect(servers["database"])
    assert connection.execute("SELECT retracted_at FROM claims WHERE id = ?", [claim]).fetchone()[0] is None
    connection.close()


def test_a_revoked_token_ends_the_session(page, servers):
    sign_in(page, servers, "Short Lived")
    page.goto(f"{servers['api']}/desk/claims/{claim_id(servers, QUOTES[3])}")
    assert auth.revoke_token(servers["instance"], "Short Lived") == 1
    page.get_by_label("Venue").fill("too late")
    page.get_by_role("button", name="Save claim").click()
    page.wait_for_load_state()
    assert "/desk/login" in page.url
    assert "the token was revoked" in page.locator(".messages").inner_text()
    page.goto(f"{servers['api']}/desk/")
    assert "/desk/login" in page.url


def test_signing_out_ends_every_copy_of_the_session_in_every_worker(browser, page, servers):
    """A copied cookie, refused however many times it is sent, on new
    connections: the sign-out is on disk for both gunicorn workers."""
    sign_in(page, servers, "Signs Out")
    cookies = page.context.cookies()
    copy = browser.new_context()
    try:

        def with_the_copy():
            copy.clear_cookies()
            copy.add_cookies(cookies)
            return copy.request.get(f"{servers['api']}/desk/", max_redirects=0, headers={"Connection": "close"})

        assert all(with_the_copy().status == 200 for _ in range(6))
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{servers['api']}/desk/login")
        for _ in range(6):
            answer = with_the_copy()
            assert answer.status == 303 and "/desk/login" in answer.headers["location"]
    finally:
        copy.close()
