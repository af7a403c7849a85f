"""The editors' desk through Flask's test client: sign-in, CSRF, the
session, forms that keep what was typed, and two editors on one claim."""

from __future__ import annotations

import re
from pathlib import Path

import flask
import pytest
from helpers import make_claim, make_source, make_speaker

from service import auth, create_app, db, desk
from service.desk import sessions

ARTICLE = (Path(__file__).resolve().parent / "data" / "desk_article.txt").read_text(encoding="utf-8")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, token: str, base_url: str = "http://localhost"):
    form = client.get("/desk/login", base_url=base_url).get_data(as_text=True)
    # Over https, Flask-WTF also wants the page's own address as Referer, as a browser sends it.
    return client.post("/desk/login", data={"token": token, "csrf_token": csrf_of(form)}, base_url=base_url,
                       headers={"Referer": f"{base_url}/desk/login"})  # fmt: skip


def page(client, path: str) -> tuple[str, str]:
    """A desk page's HTML and the CSRF token its forms carry."""
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    return html, csrf_of(html)


@pytest.fixture
def desk_client(app, editor_token):
    client = app.test_client()
    assert sign_in(client, editor_token).status_code == 303
    return client


@pytest.fixture
def a_claim(client, editor):
    speaker = make_speaker(client, editor)
    source = make_source(client, editor)
    return make_claim(client, editor, speaker_id=speaker["id"], source_id=source["id"])


@pytest.mark.parametrize(
    ("path", "sent"),
    [("/desk", True), ("/desk/", True), ("/desk/claims/1", True), ("/desktop", False), ("/api/v1/claims", False)],
)
def test_the_desk_cookie_is_read_only_where_a_browser_sends_it(path, sent):
    assert desk.on_cookie_path(path, "/desk") is sent


def test_the_api_reads_no_session_and_writes_none(app, desk_client):
    # The desk's cookie, sent to the API anyway, is neither read nor renewed.
    with app.test_request_context("/api/v1/claims"):
        assert app.session_interface.open_session(app, flask.request) is None
    response = desk_client.post("/api/v1/speakers", json={"name": "Not signed in by cookie"})
    assert response.status_code == 401 and "Set-Cookie" not in response.headers
    assert desk_client.get("/api/v1/claims").status_code == 200


def test_signing_in_over_https_sets_a_signed_httponly_lax_secure_cookie(app, client, editor_token):
    assert client.get("/desk/").headers["Location"].startswith("/desk/login")
    response = sign_in(client, editor_token, base_url="https://desk.example.org")
    assert response.status_code == 303 and response.headers["Location"] == "/desk/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("claims_desk=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/desk" in cookie
    assert "Secure" in cookie
    assert "Expires" not in cookie  # it goes when the browser closes
    assert editor_token not in cookie  # only the token's hash is kept
    assert client.get("/desk/", base_url="https://desk.example.org").status_code == 200


def test_the_cookie_follows_the_request_not_the_public_sites_address(tmp_path):
    """An https public site does not make a plain-http desk's cookie Secure,
    nor does a plain-http public site keep an https desk's cookie from it."""
    database = db.connect(tmp_path / "claims.db")
    db.migrate(database)
    database.close()
    for public_url, scheme, secure in [("https://claims.example.org", "http", False),
                                       ("http://127.0.0.1:8001", "https", True)]:  # fmt: skip
        app = create_app({"TESTING": True, "DATABASE": tmp_path / "claims.db",
                          "INSTANCE_PATH": tmp_path / scheme, "PUBLIC_URL": public_url})  # fmt: skip
        token = auth.create_token(app.instance_path, "editor")
        cookie = sign_in(app.test_client(), token, base_url=f"{scheme}://desk.example.org").headers["Set-Cookie"]
        assert "HttpOnly" in cookie and ("Secure" in cookie) is secure, (public_url, scheme)


def test_behind_a_proxy_that_ends_tls_the_setting_makes_the_cookie_secure(tmp_path, monkeypatch):
    database = db.connect(tmp_path / "claims.db")
    db.migrate(database)
    database.close()
    monkeypatch.setenv("CLAIMS_DESK_SECURE_COOKIE", "1")
    app = create_app({"TESTING": True, "DATABASE": tmp_path / "claims.db", "INSTANCE_PATH": tmp_path / "i"})
    token = auth.create_token(app.instance_path, "editor")
    cookie = sign_in(app.test_client(), token, base_url="http://127.0.0.1:5000").headers["Set-Cookie"]
    assert "Secure" in cookie


def test_the_session_secret_is_made_once_in_the_instance_folder_private(tmp_path):
    first = desk.session_secret(tmp_path / "instance")
    path = tmp_path / "instance" / desk.SECRET_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert desk.session_secret(tmp_path / "instance") == first
    assert len(first) == 64
    assert list((tmp_path / "instance").iterdir()) == [path]


def test_a_wrong_token_is_refused_beside_the_field(client):
    response = sign_in(client, "clm_not-a-token")
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert 'id="token-error"' in html and "not valid, or has been revoked" in html
    assert client.get("/desk/").status_code == 303


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(desk_client, a_claim, unchanged):
    with unchanged():
        response = desk_client.post(
            f"/desk/claims/{a_claim['id']}/retract", data={"reason": "forged", "version": a_claim["version"]}
        )
        wrong = desk_client.post(
            f"/desk/claims/{a_claim['id']}/retract",
            data={"reason": "forged", "version": a_claim["version"], "csrf_token": "forged"},
        )
    assert response.status_code == 400 and wrong.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_the_bearer_api_takes_no_csrf_token_and_no_cookie(app, client, editor, a_claim, editor_token):
    # The API is as it was: a bearer token, JSON, no CSRF token.
    verdict = {"rating": "false", "rating_label": "False", "summary": "No.", "reviewer": "Desk",
               "reviewed_on": "2024-02-20"}  # fmt: skip
    answer = client.post(f"/api/v1/claims/{a_claim['id']}/reviews", headers=editor, json=verdict)
    assert answer.status_code == 201
    # A desk session does not let a JSON write in without the bearer token.
    signed_in = app.test_client()
    sign_in(signed_in, editor_token)
    assert signed_in.post("/api/v1/speakers", json={"name": "X", "kind": "person"}).status_code == 401


def refused_retraction(client, a_claim, token: str, unchanged) -> str:
    """Retract with an ended session: sent to sign in, nothing written; the sign-in page's HTML."""
    with unchanged():
        response = client.post(
            f"/desk/claims/{a_claim['id']}/retract",
            data={"reason": "too late", "version": a_claim["version"], "csrf_token": token},
        )
    assert response.status_code == 303 and response.headers["Location"].startswith("/desk/login")
    login = client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.get("/desk/").status_code == 303
    return login


def test_a_revoked_token_ends_the_session_on_the_next_request(app, desk_client, a_claim, unchanged):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    assert auth.revoke_token(app.instance_path, "test-editor") == 1
    assert "the token was revoked" in refused_retraction(desk_client, a_claim, token, unchanged)


def test_sign_out_ends_the_session(desk_client):
    _, token = page(desk_client, "/desk/")
    assert desk_client.post("/desk/logout", data={"csrf_token": token}).status_code == 303
    assert desk_client.get("/desk/").status_code == 303


def test_a_copied_cookie_stops_working_once_its_session_signs_out(app, desk_client, a_claim, unchanged):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    thief = app.test_client()
    thief.set_cookie("claims_desk", desk_client.get_cookie("claims_desk", path="/desk").value, path="/desk")
    assert thief.get("/desk/").status_code == 200  # the copy works while the session lives
    assert desk_client.post("/desk/logout", data={"csrf_token": token}).status_code == 303
    assert "was signed out" in refused_retraction(thief, a_claim, token, unchanged)
    assert (Path(app.instance_path) / sessions.SESSIONS_FILE).stat().st_mode & 0o777 == 0o600


def test_a_second_sign_in_of_the_same_token_outlives_the_first_ones_sign_out(app, desk_client, editor_token):
    other = app.test_client()
    assert sign_in(other, editor_token).status_code == 303
    _, token = page(desk_client, "/desk/")
    assert desk_client.post("/desk/logout", data={"csrf_token": token}).status_code == 303
    assert other.get("/desk/").status_code == 200


def test_a_session_past_its_lifetime_is_sent_to_sign_in(app, desk_client, a_claim, unchanged):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    lifetime = app.config["DESK_SESSION_HOURS"] * 3600
    assert lifetime == 12 * 3600 and app.config["WTF_CSRF_TIME_LIMIT"] == lifetime
    with desk_client.session_transaction("/desk/") as session:
        session["started"] -= lifetime - 60
    assert desk_client.get("/desk/").status_code == 200  # a minute left
    with desk_client.session_transaction("/desk/") as session:
        session["started"] -= 61
    assert "sign-ins last a working day" in refused_retraction(desk_client, a_claim, token, unchanged)


def test_a_session_cookie_from_before_sessions_had_a_lifetime_is_refused(desk_client):
    with desk_client.session_transaction("/desk/") as session:
        del session["started"], session["sid"]
    assert desk_client.get("/desk/").status_code == 303


def test_the_session_lifetime_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_DESK_SESSION_HOURS", "2")
    app = create_app({"TESTING": True, "DATABASE": tmp_path / "claims.db", "INSTANCE_PATH": tmp_path / "i"})
    assert app.permanent_session_lifetime.total_seconds() == 7200
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 7200


@pytest.mark.parametrize(
    ("name", "value"),
    [("CLAIMS_DESK_SESSION_HOURS", "0"), ("CLAIMS_DESK_SESSION_HOURS", "1.5"), ("CLAIMS_DESK_SECURE_COOKIE", "yes")],
)
def test_a_bad_desk_setting_stops_the_start_naming_it(tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=f"^{name}: must be"):
        create_app({"TESTING": True, "DATABASE": tmp_path / "claims.db", "INSTANCE_PATH": tmp_path / "i"})


def test_a_validation_error_shows_the_apis_message_beside_the_field_and_keeps_what_was_typed(desk_client, a_claim):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    response = desk_client.post(f"/desk/claims/{a_claim['id']}", data={
        "csrf_token": token, "version": a_claim["version"], "text": "We were not behind the attack",
        "kind": "quote", "speaker": f"Matthew Miller (#{a_claim['speaker']['id']})", "said_on": "2024-13",
        "venue": "a briefing I typed", "context": "", "tags": ""})  # fmt: skip
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(r'<p class="field-error" id="said_on-error">([^<]+)</p>', html)
    assert error, html
    # The API's own message for the same value.
    api = desk_client.patch(f"/api/v1/claims/{a_claim['id']}", json={"said_on": "2024-13"})
    assert api.status_code == 401
    from service.schemas import ClaimPatch

    assert error.group(1) == ClaimPatch().validate({"said_on": "2024-13"})["said_on"][0]
    assert 'value="2024-13"' in html and 'value="a briefing I typed"' in html
    assert 'aria-describedby="said_on-error"' in html


def test_a_stale_save_names_who_changed_it_shows_both_versions_and_overwrites_nothing(
    app, desk_client, client, admin, a_claim, database
):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    # Another editor changes the claim after this form was opened.
    changed = client.patch(f"/api/v1/claims/{a_claim['id']}", json={"venue": "press conference"},
                           headers={**admin, "If-Match": f'"claim-{a_claim["id"]}-v1"'})  # fmt: skip
    assert changed.status_code == 200
    response = desk_client.post(f"/desk/claims/{a_claim['id']}", data={
        "csrf_token": token, "version": "1", "text": a_claim["text"], "kind": "quote",
        "speaker": f"x (#{a_claim['speaker']['id']})", "said_on": "", "venue": "radio interview",
        "context": "", "tags": ""})  # fmt: skip
    assert response.status_code == 412
    html = response.get_data(as_text=True)
    assert "changed by test-admin since you opened it" in html
    assert "radio interview" in html and "press conference" in html
    assert database["claims"].get(a_claim["id"])["venue"] == "press conference"
    # The form now carries the current version: saving again is a choice.
    assert 'name="version" value="2"' in html


def test_a_stale_speaker_save_or_retraction_is_shown_as_a_conflict_and_changes_nothing(
    desk_client, client, admin, a_claim, database
):
    speaker_id = a_claim["speaker"]["id"]
    _, token = page(desk_client, f"/desk/speakers/{speaker_id}")
    changed = client.patch(f"/api/v1/speakers/{speaker_id}", json={"description": "State Department spokesman"},
                           headers={**admin, "If-Match": f'"speaker-{speaker_id}-v1"'})  # fmt: skip
    assert changed.status_code == 200
    response = desk_client.post(f"/desk/speakers/{speaker_id}", data={
        "csrf_token": token, "version": "1", "name": a_claim["speaker"]["name"], "kind": "person",
        "description": "a description I typed", "affiliation": "", "aliases": ""})  # fmt: skip
    assert response.status_code == 412
    html = response.get_data(as_text=True)
    assert "changed by test-admin since you opened it" in html
    assert "a description I typed" in html and "State Department spokesman" in html
    assert 'name="version" value="2"' in html
    assert database["speakers"].get(speaker_id)["description"] == "State Department spokesman"
    # A retraction from a stale page: who changed it, and nothing retracted.
    client.patch(f"/api/v1/claims/{a_claim['id']}", json={"venue": "press conference"},
                 headers={**admin, "If-Match": f'"claim-{a_claim["id"]}-v1"'})  # fmt: skip
    retraction = desk_client.post(f"/desk/claims/{a_claim['id']}/retract",
                                  data={"csrf_token": token, "version": "1", "reason": "a duplicate"})  # fmt: skip
    assert retraction.status_code == 412
    assert "changed by test-admin since you opened it" in retraction.get_data(as_text=True)
    assert database["claims"].get(a_claim["id"])["retracted_at"] is None


def test_every_desk_write_is_versioned_and_recorded_as_the_editor(desk_client, a_claim, database):
    _, token = page(desk_client, f"/desk/claims/{a_claim['id']}")
    response = desk_client.post(f"/desk/claims/{a_claim['id']}", data={
        "csrf_token": token, "version": "1", "text": a_claim["text"], "kind": "quote",
        "speaker": f"x (#{a_claim['speaker']['id']})", "said_on": "2024-10", "venue": "",
        "context": "", "tags": "convoy, attribution", "change_reason": "date from the article"})  # fmt: skip
    assert response.status_code == 303
    stored = database["claims"].get(a_claim["id"])
    assert (stored["version"], stored["said_on"], stored["tags"]) == (2, "2024-10", '["convoy", "attribution"]')
    revision = database.execute(
        "SELECT actor, reason, action FROM revisions WHERE table_name = 'claims' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert revision == ("test-editor", "date from the article", "update")


def test_a_whole_article_is_recorded_in_one_transaction_through_the_articles_path(desk_client, database):
    _, token = page(desk_client, "/desk/articles/new")
    source = {"title": "Port city braces for strike", "url": "https://news.example.com/port-strike",
              "publisher": "Example News", "published_on": "2024-11-05", "csrf_token": token}  # fmt: skip
    found = desk_client.post("/desk/articles/new", data={**source, "text": ARTICLE, "action": "find"})
    assert found.status_code == 200
    html = found.get_data(as_text=True)
    assert html.count('<mark class="pending"') == 6
    form = dict(re.findall(r'<input type="hidden" name="(d\d+-[a-z_]+|draft_count|text)" value="([^"]*)"', html))
    import html as html_module

    form = {name: html_module.unescape(value) for name, value in form.items()}
    for number in range(6):
        form[f"d{number}-words"] = html_module.unescape(
            re.search(rf'name="d{number}-words"[^>]*>([^<]*)</textarea>', html).group(1)
        )
        form[f"d{number}-kind"] = "paraphrase" if number == 4 else "quote"
        form[f"d{number}-speaker"] = html_module.unescape(
            re.search(rf'name="d{number}-speaker" value="([^"]*)"', html).group(1)
        )
        form[f"d{number}-state"] = "rejected" if number == 4 else "accepted"
    with_nothing_stored = database["claims"].count
    saved = desk_client.post("/desk/articles/new", data={**source, **form, "action": "save"})
    assert saved.status_code == 303, saved.get_data(as_text=True)[-3000:]
    assert database["claims"].count == with_nothing_stored + 5
    summary = desk_client.get(saved.headers["Location"]).get_data(as_text=True)
    assert summary.count("https://claims.example.org/c/") == 5
    speakers = {row["name"] for row in database.query("SELECT name FROM speakers")}
    assert {"Miriam Okafor", "Tomasz Wierzbicki", "Lena Haugland", "Daniel Achterberg"} <= speakers
    # Versioned and recorded as the editor who saved it, as POST /articles records it.
    created = database.execute(
        "SELECT table_name, count(*) FROM revisions WHERE actor = 'test-editor' AND action = 'create' GROUP BY 1"
    ).fetchall()
    assert dict(created) == {"claims": 5, "sources": 1, "speakers": 4}


def test_a_draft_whose_words_are_not_in_the_text_is_refused_beside_it_and_nothing_is_stored(desk_client, unchanged):
    _, token = page(desk_client, "/desk/articles/new")
    data = {"csrf_token": token, "title": "T", "url": "", "publisher": "", "published_on": "", "text": ARTICLE,
            "draft_count": "1", "d0-words": "Words nobody said", "d0-kind": "quote", "d0-speaker": "Someone New",
            "d0-state": "accepted", "action": "save"}  # fmt: skip
    with unchanged():
        response = desk_client.post("/desk/articles/new", data=data)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'id="d0-words-error"' in html
    assert "Words nobody said" in html


def test_the_speaker_type_ahead_uses_the_speaker_search(seeded, editor_token):
    client = seeded.test_client()
    sign_in(client, editor_token)
    found = client.get("/desk/speakers.json?q=Mohamed%20Mohie").json
    assert found[0]["label"].startswith("Mohammad Mohie (#")
    assert client.get("/api/v1/speakers?q=Mohamed%20Mohie").json["items"][0]["id"] == found[0]["id"]


def test_merging_from_the_speaker_page_redirects_its_old_address(desk_client, client, editor, a_claim):
    duplicate = make_speaker(client, editor, name="Matt Miller", description=None)
    _, token = page(desk_client, f"/desk/speakers/{duplicate['id']}")
    response = desk_client.post(f"/desk/speakers/{duplicate['id']}/merge", data={
        "csrf_token": token, "version": "1", "target": f"Matthew Miller (#{a_claim['speaker']['id']})"})  # fmt: skip
    assert response.status_code == 303
    assert desk_client.get(f"/desk/speakers/{duplicate['id']}").status_code == 308
    assert "Matt Miller" in client.get(f"/api/v1/speakers/{a_claim['speaker']['id']}").json["aliases"]


def test_without_script_a_decision_or_a_missed_span_posts_and_the_page_keeps_every_draft(desk_client):
    _, token = page(desk_client, "/desk/articles/new")
    base = {"csrf_token": token, "title": "T", "url": "", "publisher": "", "published_on": "", "text": ARTICLE,
            "draft_count": "1", "d0-words": "Not one of our members has seen a written offer", "d0-kind": "quote",
            "d0-speaker": "Tomasz Wierzbicki", "d0-state": "pending"}  # fmt: skip
    accepted = desk_client.post("/desk/articles/new", data={**base, "decide": "accept:0"}).get_data(as_text=True)
    assert 'name="d0-state" value="accepted"' in accepted
    assert '<mark class="accepted" id="mark-0"' in accepted
    missed = "Shipping lines have begun diverting vessels to neighbouring ports."
    adding = {"action": "add", "missed_words": missed, "missed_kind": "paraphrase", "missed_speaker": ""}
    added = desk_client.post("/desk/articles/new", data={**base, **adding})
    html = added.get_data(as_text=True)
    assert 'name="draft_count" value="2"' in html
    assert 'name="d1-state" value="accepted"' in html and f">{missed}</textarea>" in html
    refused = desk_client.post("/desk/articles/new", data={**base, "action": "add", "missed_words": "Not in it"})
    assert refused.status_code == 422
    assert "These words are not in the article&#39;s text." in refused.get_data(as_text=True)


def test_the_home_page_searches_claims_speakers_and_sources(seeded, editor_token):
    client = seeded.test_client()
    sign_in(client, editor_token)
    html = client.get("/desk/?q=Soleimani").get_data(as_text=True)
    assert "Results for “Soleimani”" in html
    assert "posed an imminent threat" in html
    assert ">New article</a>" in html


def test_the_type_ahead_needs_a_session(client):
    response = client.get("/desk/speakers.json?q=Miller")
    assert response.status_code == 401 and response.is_json


# These two pass once the full-text query builder in service/store/records.py
# drops control characters (a change made there, not in the desk): until
# then a NUL in the search box is a 500.
@pytest.mark.parametrize("path", ["/desk/?q=%00", "/desk/?q=drone%00strike", "/desk/claims/{id}?find=%00"])
def test_a_nul_in_a_desk_search_is_answered_not_a_500(desk_client, a_claim, path):
    response = desk_client.get(path.format(id=a_claim["id"]))
    assert response.status_code == 200
    assert response.mimetype == "text/html"
