"""Claims, their links and appearances: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, json
from flask.views import MethodView

from .. import claimreview
from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..errors import NotFound
from ..schemas import (
    AppearanceIn,
    AppearanceOut,
    ChangeQuery,
    ClaimIn,
    ClaimOut,
    ClaimPatch,
    ClaimQuery,
    LinkIn,
    LinkOut,
    MatchesOut,
    MatchIn,
    RetractQuery,
    page_of,
)
from ..store import claims
from .common import (
    Blueprint,
    actor,
    answer,
    decode_cursor,
    encoded,
    encoded_page,
    etag,
    expected_version,
    needs_if_match,
    public_url,
)

JSON_LD = "application/ld+json"
JSON_LD_SCHEMA = {"type": "object", "description": "A schema.org JSON-LD document."}


def json_ld(document: dict[str, Any]) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), mimetype=JSON_LD)


blp = Blueprint("claims", __name__, description="Quoted or contested statements, and how they relate.")
needs_if_match("/api/v1/claims/{claim_id}", "patch", "delete")
KIND = "claim"
ID = "<id:claim_id>"


def _claim_response(claim_id: int, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """The claim with its embeds, as the store made it, with its ETag. (One
    statement: it needs no snapshot.)"""
    text, version = claims.get_json(get_db(), claim_id, public_url())
    headers = {"ETag": etag(KIND, {"id": claim_id, "version": version}), **(headers or {})}
    if status == 201:
        headers.setdefault("Location", f"/api/v1/claims/{claim_id}")
    return answer(encoded(text), status, headers)


def _claim(claim_id: int) -> dict[str, Any]:
    """The claim with its embeds, as a dict."""
    return claims.get(get_db(), claim_id, public_url())


@blp.route("/claims")
class Claims(MethodView):
    @blp.arguments(ClaimQuery(), location="query")
    @blp.response(200, page_of(ClaimOut))
    def get(self, arguments: dict[str, Any]):
        """List claims, newest first; with `q`, best match first

        Follow `next` (or pass `next_cursor` as `cursor`) for the next page.
        Retracted claims are left out unless `include_retracted=true`.
        """
        db = get_db()
        with read_snapshot(db):
            found = claims.listing(
                db,
                arguments,
                after=decode_cursor(arguments.get("cursor")),
                limit=arguments["limit"],
                public_url=public_url(),
                encoded=True,
            )
        return encoded_page(*found)

    @requires("editor")
    @blp.arguments(ClaimIn())
    @blp.response(201, ClaimOut)
    def post(self, data: dict[str, Any]):
        """Add a claim

        A quote is anchored in its source's text: give `anchor`, or let the
        service find the quote's words in the source. The same words by the
        same speaker answer 409 with `existing_id`: add an appearance to
        that claim instead.
        """
        editor = actor()
        claim_id = write(get_db(), lambda db: claims.create(db, data, editor))
        return _claim_response(claim_id, 201)


@blp.route("/claims/match")
class ClaimMatch(MethodView):
    @requires("editor")
    @blp.arguments(MatchIn())
    @blp.response(200, MatchesOut)
    def post(self, data: dict[str, Any]):
        """Find claims the service already holds that match these words

        Same words once case, punctuation, quotation marks and spacing are
        set aside come first (score 1), then full-text matches scored by
        similarity, so a shortened or reworded quote is still found. Use it
        before adding a claim: a repeat is an appearance, not a new claim.

        Each match has a `label` on a calibrated scale: `same_claim` (score
        0.7 and up), `same_claim_other_speaker` (the same, by someone other
        than `said_by`), `same_topic` (0.15 up to 0.7). Below 0.15 nothing is
        returned unless `min_score` is lowered. A claim that says the
        opposite (one of the two negated) is `same_topic` with
        `counter_claim: true`.
        """
        db = get_db()
        with read_snapshot(db):
            found = claims.match(
                db,
                data["text"],
                speaker_id=data.get("speaker_id"),
                said_by=data.get("said_by"),
                min_score=data["min_score"],
                limit=data["limit"],
                public_url=public_url(),
            )
        return {"matches": found}


@blp.route(f"/claims/{ID}/claimreview")
class ClaimReviewDocument(MethodView):
    @blp.response(200, JSON_LD_SCHEMA, content_type=JSON_LD)
    def get(self, claim_id: int):
        """The claim as schema.org ClaimReview (JSON-LD)

        A claim with no review yet is exported as a schema.org Claim, with no
        rating.
        """
        db = get_db()
        with read_snapshot(db):
            document = claimreview.document(db, claim_id, public_url(), current_app.config["ORGANIZATION"])
        return json_ld(document)


@blp.route("/claimreview.jsonld")
class ClaimReviewFeed(MethodView):
    @blp.response(200, JSON_LD_SCHEMA, content_type=JSON_LD)
    def get(self):
        """Every reviewed claim as ClaimReview, in one JSON-LD graph"""
        db = get_db()
        with read_snapshot(db):
            document = claimreview.feed(db, public_url(), current_app.config["ORGANIZATION"])
        return json_ld(document)


@blp.route(f"/claims/{ID}")
class ClaimById(MethodView):
    @blp.response(200, ClaimOut)
    def get(self, claim_id: int):
        """Get a claim with its speaker, source, counter-claims, links and appearances"""
        return _claim_response(claim_id)

    @requires("editor")
    @blp.arguments(ClaimPatch())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, ClaimOut)
    def patch(self, changes: dict[str, Any], query: dict[str, Any], claim_id: int):
        """Change a claim (needs If-Match)"""
        version = expected_version(KIND, claim_id)
        editor = actor()
        write(get_db(), lambda db: claims.update(db, claim_id, changes, version, editor, query.get("reason")))
        return _claim_response(claim_id)

    @requires("editor")
    @blp.arguments(RetractQuery(), location="query")
    @blp.response(204)
    def delete(self, query: dict[str, Any], claim_id: int):
        """Retract a claim (needs If-Match and a reason)

        The record and its permalink stay, marked retracted with the reason.
        """
        version = expected_version(KIND, claim_id)
        editor = actor()
        write(get_db(), lambda db: claims.retract(db, claim_id, version, editor, query["reason"]))
        return None


@blp.route(f"/claims/{ID}/links")
class ClaimLinks(MethodView):
    @blp.response(200, LinkOut(many=True))
    def get(self, claim_id: int):
        """List a claim's links, both directions"""
        return _claim(claim_id)["links"]

    @requires("editor")
    @blp.arguments(LinkIn())
    @blp.response(201, LinkOut)
    def post(self, data: dict[str, Any], claim_id: int):
        """Link this claim to another (contradicts, supports, ...)

        Answers the link it made, as `GET /claims/<id>/links/<link_id>` does.
        A claim's counter-claims are the claims linked to it by
        `contradicts`, in either direction.
        """
        editor = actor()
        link_id = write(get_db(), lambda db: claims.add_link(db, claim_id, data, editor))
        return _link_of(claim_id, link_id), 201, {"Location": f"/api/v1/claims/{claim_id}/links/{link_id}"}


def _link_of(claim_id: int, link_id: int) -> dict[str, Any]:
    """One of a claim's links, seen from that claim."""
    for link in _claim(claim_id)["links"]:
        if link["id"] == link_id:
            return link
    raise NotFound(f"Claim {claim_id} has no link {link_id}.")


@blp.route(f"/claims/{ID}/links/<id:link_id>")
class ClaimLink(MethodView):
    @blp.response(200, LinkOut)
    def get(self, claim_id: int, link_id: int):
        """Get one link of a claim"""
        return _link_of(claim_id, link_id)

    @requires("editor")
    @blp.response(204)
    def delete(self, claim_id: int, link_id: int):
        """Remove a link"""
        editor = actor()
        write(get_db(), lambda db: claims.remove_link(db, claim_id, link_id, editor))
        return None


@blp.route(f"/claims/{ID}/appearances")
class ClaimAppearances(MethodView):
    @blp.response(200, AppearanceOut(many=True))
    def get(self, claim_id: int):
        """List the other sources a claim appeared in"""
        db = get_db()
        with read_snapshot(db):
            claims.live(db, claim_id)
            return claims.appearances(db, claim_id)

    @requires("editor")
    @blp.arguments(AppearanceIn())
    @blp.response(201, ClaimOut)
    def post(self, data: dict[str, Any], claim_id: int):
        """Record that the claim appeared in another source

        This is how a second article repeating a claim is linked to it,
        rather than stored as a duplicate. Answers the claim.
        """
        editor = actor()
        write(get_db(), lambda db: claims.add_appearance(db, claim_id, data, editor))
        location = f"/api/v1/claims/{claim_id}/appearances/{data['source_id']}"
        return _claim_response(claim_id, 201, {"Location": location})


@blp.route(f"/claims/{ID}/appearances/<id:source_id>")
class ClaimAppearance(MethodView):
    @blp.response(200, AppearanceOut)
    def get(self, claim_id: int, source_id: int):
        """Get the claim's appearance in one source"""
        db = get_db()
        with read_snapshot(db):
            return claims.appearance(db, claim_id, source_id)

    @requires("editor")
    @blp.response(204)
    def delete(self, claim_id: int, source_id: int):
        """Remove the claim's appearance in a source"""
        editor = actor()
        write(get_db(), lambda db: claims.remove_appearance(db, claim_id, source_id, editor))
        return None
