"""Claims: anchoring, duplicates, embedding, filters, paging, edits, retraction."""

from __future__ import annotations

import pytest
from helpers import ARTICLE, field_names, make_claim, make_source, make_speaker

from service import db


@pytest.fixture
def world(client, editor):
    spokesman = make_speaker(client, editor, name="Mohammad Mohie", kind="person")
    government = make_speaker(client, editor, name="United States government", kind="government")
    source = make_source(client, editor)
    return {"spokesman": spokesman, "government": government, "source": source}


def claim_body(world, **overrides):
    body = {
        "text": "We were not behind the attack",
        "kind": "quote",
        "speaker_id": world["spokesman"]["id"],
        "source_id": world["source"]["id"],
        "said_on": "2024-10",
        "venue": "interview",
        "context": "Asked who carried out the attack.",
        "tags": ["kirkuk", "attribution"],
    }
    body.update(overrides)
    return body


def test_a_quote_is_anchored_in_its_source_text(client, editor, world):
    response = client.post("/api/v1/claims", json=claim_body(world), headers=editor)
    assert response.status_code == 201
    claim = response.json
    start = ARTICLE.index("We were not behind the attack")
    assert claim["anchor"] == {
        "exact": "We were not behind the attack",
        "prefix": ARTICLE[start - 32 : start],
        "suffix": ARTICLE[start + 29 : start + 29 + 32],
        "start": start,
        "end": start + 29,
    }
    assert response.headers["Location"] == f"/api/v1/claims/{claim['id']}"
    assert claim["url"] == f"https://claims.example.org/c/{claim['id']}"
    assert claim["said_on_precision"] == "month"
    assert claim["speaker"]["name"] == "Mohammad Mohie"
    assert claim["source"]["title"] == "Convoy hit near Baghdad"
    assert claim["counter_claims"] == [] and claim["links"] == [] and claim["appearances"] == []


def test_a_quote_not_in_the_source_text_is_refused(client, editor, world, unchanged):
    with unchanged():
        response = client.post("/api/v1/claims", json=claim_body(world, text="We did it"), headers=editor)
    # Valid by the schema, but in conflict with the stored source text.
    assert response.status_code == 409
    assert field_names(response.json) == {"anchor"}


@pytest.mark.parametrize(
    "anchor",
    [
        {"exact": "We were not behind the attack", "prefix": "wrong prefix"},
        {"exact": "We were not behind the attack", "suffix": "wrong suffix"},
        {"exact": "We were not behind the attack", "start": 3},
        {"exact": "not in the article at all"},
    ],
)
def test_a_mismatched_anchor_is_refused(client, editor, world, unchanged, anchor):
    with unchanged():
        response = client.post("/api/v1/claims", json=claim_body(world, anchor=anchor), headers=editor)
    assert response.status_code == 409
    assert field_names(response.json) == {"anchor"}


def test_an_ambiguous_quote_needs_context_to_anchor(client, editor, world, unchanged):
    ambiguous = "behind the attack"
    with unchanged():
        refused = client.post("/api/v1/claims", json=claim_body(world, text=ambiguous), headers=editor)
    assert refused.status_code == 409
    assert "occurs 2 times" in refused.json["errors"][0]["message"]
    accepted = client.post(
        "/api/v1/claims",
        json=claim_body(world, text=ambiguous, anchor={"exact": ambiguous, "prefix": "the group was "}),
        headers=editor,
    )
    assert accepted.status_code == 201
    assert accepted.json["anchor"]["start"] == ARTICLE.rindex(ambiguous)


def test_a_quote_from_a_source_without_text_keeps_its_given_anchor(client, editor, world):
    bare = make_source(client, editor, url=None, text=None, title="Broadcast")
    claim = make_claim(
        client,
        editor,
        **claim_body(world, source_id=bare["id"], anchor={"exact": "We were not behind the attack"}),
    )
    assert claim["anchor"]["exact"] == "We were not behind the attack"
    assert claim["anchor"]["start"] is None


def test_a_paraphrase_may_be_anchored_at_the_passage_that_reports_it(client, editor, world, unchanged):
    paraphrase = claim_body(
        world, kind="paraphrase", text="The group was behind the attack", speaker_id=world["government"]["id"]
    )
    claim = make_claim(client, editor, **paraphrase)
    assert claim["anchor"] is None  # nothing to find: the words are the editors'
    reported = "Officials in Washington said the group was behind the attack."
    anchored = make_claim(client, editor, **{**paraphrase, "text": "Another wording", "anchor": {"exact": reported}})
    assert anchored["anchor"]["start"] == ARTICLE.index(reported)
    with unchanged():
        refused = client.post(
            "/api/v1/claims",
            json={**paraphrase, "text": "A third wording", "anchor": {"exact": "not in the article"}},
            headers=editor,
        )
    assert refused.status_code == 409
    assert field_names(refused.json) == {"anchor"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"speaker_id": None}, "speaker_id"),
        ({"speaker_id": "1"}, "speaker_id"),
        ({"speaker_id": 2**70}, "speaker_id"),
        ({"said_on": "2024-00"}, "said_on"),
        ({"tags": "kirkuk"}, "tags"),
        ({"tags": ["a,b"]}, "tags.0"),
        ({"text": ""}, "text"),
        ({"anchor": {"prefix": "We "}}, "anchor.exact"),
        ({"said_on": "2023-02-29"}, "said_on"),
        ({"venue": "\u0000"}, "venue"),
        ({"context": "   "}, "context"),
    ],
)
def test_invalid_claims_are_refused_and_name_the_field(client, editor, world, unchanged, overrides, field):
    with unchanged():
        response = client.post("/api/v1/claims", json=claim_body(world, **overrides), headers=editor)
    assert response.status_code == 422
    assert field in field_names(response.json)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"speaker_id": 999}, "speaker_id"),
        ({"source_id": 999}, "source_id"),
        ({"anchor": {"exact": "We were not behind the attack", "start": 5, "end": 2}}, "anchor"),
    ],
)
def test_schema_valid_claims_that_conflict_with_stored_data_are_409(client, editor, world, unchanged, overrides, field):
    with unchanged():
        response = client.post("/api/v1/claims", json=claim_body(world, **overrides), headers=editor)
    assert response.status_code == 409
    assert field_names(response.json) == {field}


@pytest.mark.parametrize(
    "same_words",
    [
        "We were not behind the attack",
        "we were NOT behind the attack.",
        "\u201cWe were not  behind the attack\u201d",
    ],
)
def test_the_same_words_by_the_same_speaker_are_a_duplicate(client, editor, world, unchanged, same_words):
    first = make_claim(client, editor, **claim_body(world))
    with unchanged():
        response = client.post(
            "/api/v1/claims",
            json=claim_body(world, text=same_words, kind="paraphrase"),
            headers=editor,
        )
    assert response.status_code == 409
    assert response.json["existing_id"] == first["id"]
    assert response.json["appearances"] == f"/api/v1/claims/{first['id']}/appearances"


def test_the_same_words_by_another_speaker_are_another_claim(client, editor, world):
    make_claim(client, editor, **claim_body(world))
    other = make_claim(client, editor, **claim_body(world, speaker_id=world["government"]["id"]))
    assert other["speaker_id"] == world["government"]["id"]


def test_arabic_rtl_marks_and_emoji_round_trip_exactly(client, editor, world):
    text = (
        "\u0646\u062d\u0646 \u0644\u0645 \u0646\u0643\u0646 \u0648\u0631\u0627\u0621 "
        "\u0627\u0644\u0647\u062c\u0648\u0645 \u200f\U0001f1ee\U0001f1f6 \U0001f525"
    )
    claim = make_claim(
        client,
        editor,
        **claim_body(world, kind="paraphrase", text=text, context="\u200e" + text, venue="\u0642\u0646\u0627\u0629"),
    )
    fetched = client.get(f"/api/v1/claims/{claim['id']}")
    assert fetched.json["text"] == text
    assert fetched.json["context"] == "\u200e" + text
    assert text.encode("utf-8") in fetched.data


# -- reading and filtering --------------------------------------------------


@pytest.fixture
def contested(client, editor, world):
    denial = make_claim(client, editor, **claim_body(world))
    accusation = make_claim(
        client,
        editor,
        **claim_body(
            world,
            kind="paraphrase",
            text="The group was behind the convoy attack",
            speaker_id=world["government"]["id"],
            said_on="2024-10-02",
            tags=["kirkuk"],
        ),
    )
    unrelated = make_claim(
        client,
        editor,
        **claim_body(world, kind="paraphrase", text="The convoy was hit at dawn", said_on="2023", tags=["convoy"]),
    )
    link = client.post(
        f"/api/v1/claims/{accusation['id']}/links",
        json={"target_id": denial["id"], "relation": "contradicts", "note": "Denial"},
        headers=editor,
    )
    assert link.status_code == 201
    return {"denial": denial, "accusation": accusation, "unrelated": unrelated}


def test_counter_claims_are_embedded_from_either_end(client, contested):
    denial = client.get(f"/api/v1/claims/{contested['denial']['id']}").json
    accusation = client.get(f"/api/v1/claims/{contested['accusation']['id']}").json
    assert [c["id"] for c in denial["counter_claims"]] == [contested["accusation"]["id"]]
    assert [c["id"] for c in accusation["counter_claims"]] == [contested["denial"]["id"]]
    assert denial["links"][0]["direction"] == "incoming"
    assert accusation["links"][0]["direction"] == "outgoing"
    assert denial["counter_claims"][0]["speaker"]["name"] == "United States government"
    assert denial["counter_claims"][0]["url"].endswith(f"/c/{contested['accusation']['id']}")


def ids(response):
    assert response.status_code == 200, response.json
    return [claim["id"] for claim in response.json["items"]]


def test_list_is_newest_first(client, contested):
    assert ids(client.get("/api/v1/claims")) == [
        contested["unrelated"]["id"],
        contested["accusation"]["id"],
        contested["denial"]["id"],
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "convoy"}, {"accusation", "unrelated"}),
        ({"q": "behind"}, {"denial", "accusation"}),
        ({"q": "dawn"}, {"unrelated"}),
        ({"tag": "kirkuk"}, {"denial", "accusation"}),
        ({"tag": "convoy"}, {"unrelated"}),
        ({"contested": "true"}, {"denial", "accusation"}),
        ({"contested": "false"}, {"unrelated"}),
        ({"said_after": "2024-10-02"}, {"denial", "accusation"}),
        ({"said_after": "2024-10-03"}, {"denial"}),
        ({"said_before": "2024-09"}, {"unrelated"}),
        ({"said_after": "2023", "said_before": "2023-12-31"}, {"unrelated"}),
        ({"q": "behind", "contested": "true", "tag": "kirkuk"}, {"denial", "accusation"}),
    ],
)
def test_list_filters(client, contested, query, expected):
    assert set(ids(client.get("/api/v1/claims", query_string=query))) == {contested[n]["id"] for n in expected}


def test_list_filters_by_speaker_and_source(client, editor, world, contested):
    by_speaker = ids(client.get(f"/api/v1/claims?speaker_id={world['government']['id']}"))
    assert by_speaker == [contested["accusation"]["id"]]
    by_source = ids(client.get(f"/api/v1/claims?source_id={world['source']['id']}"))
    assert len(by_source) == 3


@pytest.mark.parametrize("q", ['"', "AND(", "*", "NEAR", "NEAR(a b)", "a OR", '"unbalanced', "^", "-", "col:"])
def test_fts_syntax_in_q_is_searched_as_words_not_an_error(client, contested, q):
    response = client.get("/api/v1/claims", query_string={"q": q})
    assert response.status_code == 200


def test_pages_stay_valid_while_claims_arrive(client, editor, world, contested):
    first = client.get("/api/v1/claims?limit=2")
    assert ids(first) == [contested["unrelated"]["id"], contested["accusation"]["id"]]
    assert first.headers["Link"] == f'<{first.json["next"]}>; rel="next"'
    make_claim(client, editor, **claim_body(world, kind="paraphrase", text="A brand new claim"))
    second = client.get(first.json["next"])
    assert ids(second) == [contested["denial"]["id"]]
    assert second.json["next"] is None


def test_search_pages_follow_relevance(client, editor, world):
    for n in range(5):
        make_claim(client, editor, **claim_body(world, kind="paraphrase", text=f"Rockets fell number {n}"))
    seen, url = [], "/api/v1/claims?q=rockets&limit=2"
    while url:
        response = client.get(url)
        seen += ids(response)
        url = response.json["next"]
    assert len(seen) == 5 and len(set(seen)) == 5


@pytest.mark.parametrize("cursor", ["garbage", "eyJpZCI6ICJ4In0", "!!!", "e30"])
def test_a_forged_cursor_is_a_clear_error(client, contested, cursor):
    response = client.get("/api/v1/claims", query_string={"cursor": cursor})
    assert response.status_code == 422
    assert field_names(response.json) == {"cursor"}


@pytest.mark.parametrize(
    "query",
    [{"limit": 0}, {"limit": 201}, {"speaker_id": "x"}, {"contested": "maybe"}, {"said_after": "soon"}],
)
def test_bad_query_arguments_are_422(client, query):
    response = client.get("/api/v1/claims", query_string=query)
    assert response.status_code == 422
    assert response.json["errors"][0]["location"] == "query"


# -- editing ----------------------------------------------------------------


def test_patch_with_the_current_etag_changes_the_claim(client, editor, world, contested):
    claim_id = contested["unrelated"]["id"]
    etag = client.get(f"/api/v1/claims/{claim_id}").headers["ETag"]
    response = client.patch(
        f"/api/v1/claims/{claim_id}?reason=typo",
        json={"text": "The convoy was hit before dawn", "tags": ["convoy", "dawn"]},
        headers={**editor, "If-Match": etag},
    )
    assert response.status_code == 200
    assert response.json["text"] == "The convoy was hit before dawn"
    assert response.json["version"] == 2
    assert response.headers["ETag"] != etag
    assert ids(client.get("/api/v1/claims?q=before")) == [claim_id]


def test_patch_without_if_match_is_428(client, editor, contested, unchanged):
    with unchanged():
        response = client.patch(f"/api/v1/claims/{contested['denial']['id']}", json={"venue": "TV"}, headers=editor)
    assert response.status_code == 428


def test_patch_with_a_stale_etag_is_412(client, editor, contested, unchanged):
    claim_id = contested["unrelated"]["id"]
    stale = client.get(f"/api/v1/claims/{claim_id}").headers["ETag"]
    assert (
        client.patch(
            f"/api/v1/claims/{claim_id}", json={"venue": "TV"}, headers={**editor, "If-Match": stale}
        ).status_code
        == 200
    )
    with unchanged():
        response = client.patch(
            f"/api/v1/claims/{claim_id}", json={"venue": "Radio"}, headers={**editor, "If-Match": stale}
        )
    assert response.status_code == 412
    assert client.get(f"/api/v1/claims/{claim_id}").json["venue"] == "TV"


def test_patching_a_quote_re_anchors_it(client, editor, world, contested):
    claim_id = contested["denial"]["id"]
    response = client.patch(
        f"/api/v1/claims/{claim_id}",
        json={"text": "not behind the attack"},
        headers={**editor, "If-Match": f'"claim-{claim_id}-v1"'},
    )
    assert response.status_code == 200
    assert response.json["anchor"]["exact"] == "not behind the attack"
    assert response.json["anchor"]["start"] == ARTICLE.index("not behind the attack")


def test_retracting_keeps_the_record_and_hides_it_from_lists(client, editor, contested, unchanged):
    claim_id = contested["unrelated"]["id"]
    with unchanged():
        assert (
            client.delete(f"/api/v1/claims/{claim_id}", headers={**editor, "If-Match": f'"claim-{claim_id}-v1"'})
        ).status_code == 422  # a retraction needs a reason
    response = client.delete(
        f"/api/v1/claims/{claim_id}?reason=Misattributed",
        headers={**editor, "If-Match": f'"claim-{claim_id}-v1"'},
    )
    assert response.status_code == 204
    # Gone from the API's claim resources, as a deleted record would be...
    gone = client.get(f"/api/v1/claims/{claim_id}")
    assert gone.status_code == 404
    assert gone.json["retraction_reason"] == "Misattributed"
    assert gone.json["history"] == f"/api/v1/revisions?claim_id={claim_id}"
    assert "/api/" not in gone.json["detail"]  # the store names no routes
    for path in ("links", "appearances", "revisions"):
        assert client.get(f"/api/v1/claims/{claim_id}/{path}").status_code == 404
    again = client.patch(
        f"/api/v1/claims/{claim_id}", json={"venue": "x"}, headers={**editor, "If-Match": f'"claim-{claim_id}-v2"'}
    )
    assert again.status_code == 404
    # ...but on record: out of default lists, in the full list and the history.
    assert claim_id not in ids(client.get("/api/v1/claims"))
    listed = client.get("/api/v1/claims?include_retracted=true").json["items"]
    retracted = next(claim for claim in listed if claim["id"] == claim_id)
    assert retracted["retracted"] is True and retracted["retraction_reason"] == "Misattributed"
    history = client.get(f"/api/v1/revisions?claim_id={claim_id}").json["items"]
    assert history[0]["action"] == "retract" and history[0]["reason"] == "Misattributed"
    # The counter-claim still shows it, marked.
    counter = client.get(f"/api/v1/claims/{contested['accusation']['id']}").json
    assert all(c["id"] != claim_id or c["retracted"] for c in counter["counter_claims"])


def test_a_missing_claim_is_404(client, editor):
    assert client.get("/api/v1/claims/999").status_code == 404
    response = client.patch("/api/v1/claims/999", json={}, headers={**editor, "If-Match": '"claim-999-v1"'})
    assert response.status_code == 404


def test_a_patch_may_leave_fields_out_but_not_half_an_anchor(client, editor, contested, unchanged):
    claim_id = contested["denial"]["id"]
    with unchanged():
        response = client.patch(
            f"/api/v1/claims/{claim_id}", json={"anchor": {}}, headers={**editor, "If-Match": f'"claim-{claim_id}-v1"'}
        )
    assert response.status_code == 422
    assert field_names(response.json) == {"anchor.exact"}


def test_search_filters_like_the_big_fact_check_apis(client, editor, seeded):
    def found(**query):
        response = client.get("/api/v1/claims", query_string={"limit": 200, **query})
        assert response.status_code == 200, response.json
        return {claim["id"] for claim in response.json["items"]}

    assert len(found(publisher="Al Jazeera")) == 17
    assert len(found(language="en")) == 33
    assert found(language="ar") == set()
    assert len(found(max_age_days=1)) == 33  # all recorded today
    assert len(found(status="contested")) == len(found(contested="true"))
    assert found(status="reviewed") == set()
    threat = next(
        c for c in client.get("/api/v1/claims?q=posed%20imminent").json["items"] if "did not" not in c["text"]
    )
    client.post(
        f"/api/v1/claims/{threat['id']}/reviews",
        json={"rating": "unproven", "rating_label": "Unproven", "summary": "No evidence was made public.",
              "evidence": [], "reviewer": "Desk", "reviewed_on": "2020-01-20"},
        headers=editor,
    )  # fmt: skip
    assert found(rating="unproven") == {threat["id"]}
    assert found(rating="unproven", publisher="Al Jazeera", status="contested") == {threat["id"]}
    assert found(rating="unproven", publisher="Elsewhere") == set()


def test_a_broad_search_ranks_the_newest_matches_and_pages_within_them(client, editor, world, monkeypatch):
    from service.store.claims import search as store

    monkeypatch.setattr(store, "SEARCH_WINDOW", 3)
    made = [
        make_claim(client, editor, **claim_body(world, kind="paraphrase", text=f"Rockets fell again, report {n}"))["id"]
        for n in range(7)
    ]
    first = client.get("/api/v1/claims?q=rockets&limit=2").json
    second = client.get(first["next"]).json
    seen = [claim["id"] for claim in first["items"] + second["items"]]
    assert sorted(seen) == made[-3:]  # the newest three, and nothing older
    assert second["next"] is None
    # A narrower search reaches older claims.
    assert [c["id"] for c in client.get("/api/v1/claims?q=rockets%20report%200").json["items"]][0] == made[0]


def test_a_search_ranks_claims_by_how_often_and_how_densely_they_use_the_words(client, editor, world):
    def made(text, context="Said at a briefing."):
        body = claim_body(world, kind="paraphrase", text=text, context=context)
        return make_claim(client, editor, **body)["id"]

    only_context = made("The convoy was stopped at the border", context="Asked about the rockets")
    long_once = made("A long statement about many things, the weather, the roads, the prices and once a rocket attack")
    short_twice = made("Rockets, and more rockets")
    short_once = made("The rockets fell")
    newest_first_when_equal = made("The rockets fall")
    found = [claim["id"] for claim in client.get("/api/v1/claims?q=rocket").json["items"]]
    # Stemmed as the index stems ("rocket" finds "rockets"); two uses in few words first;
    # then the short claim (the newer of two equal ones first); then the long one; the
    # claim whose own words lack the word last.
    assert found == [short_twice, newest_first_when_equal, short_once, long_once, only_context]
    # Paging walks the same order, one claim at a time.
    seen, url = [], "/api/v1/claims?q=rocket&limit=1"
    while url:
        page = client.get(url).json
        seen += [claim["id"] for claim in page["items"]]
        url = page["next"]
    assert seen == found


def test_counter_claim_counts_follow_links(client, editor, contested):
    denial, accusation = contested["denial"]["id"], contested["accusation"]["id"]
    assert client.get(f"/api/v1/claims/{denial}").json["counter_claim_count"] == 1
    link_id = client.get(f"/api/v1/claims/{denial}").json["links"][0]["id"]
    client.delete(f"/api/v1/claims/{denial}/links/{link_id}", headers=editor)
    assert client.get(f"/api/v1/claims/{denial}").json["counter_claim_count"] == 0
    assert client.get(f"/api/v1/claims/{accusation}").json["status"] == "unreviewed"


@pytest.mark.parametrize("words", ["\x00", "rockets\x00fell", "\x1f\x7f", 'a"\x00"'])
def test_control_characters_in_search_words_are_separators_not_errors(app, words):
    """The API refuses them at its door; the store's other callers (the desk,
    the public search) hand them on, and FTS5 must still get a valid query."""
    from service.store import claims, records, speakers

    database = db.connect(app.config["DATABASE"])
    assert "\x00" not in records.fts_query(words)
    claims.listing(database, {"q": words}, after=None, limit=5, public_url="https://claims.example.org")
    speakers.search(database, words, limit=5)
    database.close()
