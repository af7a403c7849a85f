"""Fact-check reviews: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..schemas import ChangeQuery, ReviewIn, ReviewOut, ReviewPatch
from ..store import claims, reviews
from .common import Blueprint, actor, etag, expected_version, needs_if_match

blp = Blueprint("reviews", __name__, description="Fact-check verdicts on claims.")
needs_if_match("/api/v1/reviews/{review_id}", "patch", "delete")
KIND = "review"
CLAIM = "<id:claim_id>"
REVIEW = "<id:review_id>"


def _review_response(review_id: int, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    db = get_db()
    with read_snapshot(db):
        review = reviews.get(db, review_id)
    headers = {"ETag": etag(KIND, review)}
    if status == 201:
        headers["Location"] = f"/api/v1/reviews/{review_id}"
    return review, status, headers


@blp.route(f"/claims/{CLAIM}/reviews")
class ClaimReviews(MethodView):
    @blp.response(200, ReviewOut(many=True))
    def get(self, claim_id: int):
        """A claim's reviews, latest first; the first is its verdict"""
        db = get_db()
        with read_snapshot(db):
            claims.live(db, claim_id)
            return reviews.for_claim(db, claim_id)

    @requires("editor")
    @blp.arguments(ReviewIn())
    @blp.response(201, ReviewOut)
    def post(self, data: dict[str, Any], claim_id: int):
        """Record a verdict on a claim

        Ratings: true, mostly_true, mixed, mostly_false, false, unproven.
        `rating_label` keeps the reviewer's own wording.
        """
        editor = actor()
        review_id = write(get_db(), lambda db: reviews.create(db, claim_id, data, editor))
        return _review_response(review_id, 201)


@blp.route(f"/reviews/{REVIEW}")
class ReviewById(MethodView):
    @blp.response(200, ReviewOut)
    def get(self, review_id: int):
        """Get a review"""
        return _review_response(review_id)

    @requires("editor")
    @blp.arguments(ReviewPatch())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, ReviewOut)
    def patch(self, changes: dict[str, Any], query: dict[str, Any], review_id: int):
        """Change a review (needs If-Match)"""
        version = expected_version(KIND, review_id)
        editor = actor()
        write(get_db(), lambda db: reviews.update(db, review_id, changes, version, editor, query.get("reason")))
        return _review_response(review_id)

    @requires("editor")
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(204)
    def delete(self, query: dict[str, Any], review_id: int):
        """Delete a review (needs If-Match); the history keeps it"""
        version = expected_version(KIND, review_id)
        editor = actor()
        write(get_db(), lambda db: reviews.delete(db, review_id, version, editor, query.get("reason")))
        return None
