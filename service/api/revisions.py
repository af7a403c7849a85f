"""The change history: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from ..db import get_db, read_snapshot
from ..schemas import PageQuery, RevisionOut, RevisionQuery, page_of
from ..store import claims, revisions
from .common import Blueprint, after_id, page

blp = Blueprint("revisions", __name__, description="Who changed what, when and why.")


@blp.route("/revisions")
class Revisions(MethodView):
    @blp.arguments(RevisionQuery(), location="query")
    @blp.response(200, page_of(RevisionOut))
    def get(self, arguments: dict[str, Any]):
        """List every change, newest first

        Filter by table and row, by claim (its own changes, its links and
        its appearances; retracted claims included) or by editor.
        """
        db = get_db()
        with read_snapshot(db):
            found = revisions.listing(db, arguments, after=after_id(arguments), limit=arguments["limit"])
        return page(*found)


@blp.route("/claims/<id:claim_id>/revisions")
class ClaimRevisions(MethodView):
    @blp.arguments(PageQuery(), location="query")
    @blp.response(200, page_of(RevisionOut))
    def get(self, arguments: dict[str, Any], claim_id: int):
        """A claim's history, oldest first: its edits, links and appearances

        A retracted claim answers 404; its history stays at
        `/revisions?claim_id=`.
        """
        db = get_db()
        with read_snapshot(db):
            claims.live(db, claim_id)
            found = revisions.listing(
                db,
                {"claim_id": claim_id},
                after=after_id(arguments),
                limit=arguments["limit"],
                oldest_first=True,
            )
        return page(*found)
