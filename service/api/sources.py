"""Sources: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from sqlite_utils import Database

from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..schemas import ChangeQuery, SourceIn, SourceOut, SourcePatch, SourceQuery, page_of
from ..store import sources
from .common import Blueprint, actor, after_id, etag, expected_version, needs_if_match, page

blp = Blueprint("sources", __name__, description="Articles, press conferences and posts where claims are made.")
needs_if_match("/api/v1/sources/{source_id}", "patch", "delete")
KIND = "source"


@blp.route("/sources")
class Sources(MethodView):
    @blp.arguments(SourceQuery(), location="query")
    @blp.response(200, page_of(SourceOut))
    def get(self, arguments: dict[str, Any]):
        """List sources (without their full text)"""
        db = get_db()
        with read_snapshot(db):
            found = sources.listing(
                db,
                q=arguments.get("q"),
                publisher=arguments.get("publisher"),
                kind=arguments.get("kind"),
                after=after_id(arguments),
                limit=arguments["limit"],
            )
        return page(*found)

    @requires("editor")
    @blp.arguments(SourceIn())
    @blp.response(201, SourceOut)
    def post(self, data: dict[str, Any]):
        """Add a source

        A URL that is already stored (after normalising case, fragment and
        trailing slash) answers 409 with the existing source's id.
        """
        editor = actor()

        def add(db: Database) -> tuple[int, dict[str, Any]]:
            source_id = sources.create(db, data, editor)
            return source_id, sources.get(db, source_id)

        source_id, source = write(get_db(), add)
        return source, 201, {"Location": f"/api/v1/sources/{source_id}", "ETag": etag(KIND, source)}


@blp.route("/sources/<id:source_id>")
class SourceById(MethodView):
    @blp.response(200, SourceOut)
    def get(self, source_id: int):
        """Get a source, with its full text"""
        db = get_db()
        with read_snapshot(db):
            source = sources.get(db, source_id)
        return source, 200, {"ETag": etag(KIND, source)}

    @requires("editor")
    @blp.arguments(SourcePatch())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, SourceOut)
    def patch(self, changes: dict[str, Any], query: dict[str, Any], source_id: int):
        """Change a source (needs If-Match)

        A new text must still contain every quote anchored in the source.
        """
        version = expected_version(KIND, source_id)
        editor = actor()

        def change(db: Database) -> dict[str, Any]:
            sources.update(db, source_id, changes, version, editor, query.get("reason"))
            return sources.get(db, source_id)

        source = write(get_db(), change)
        return source, 200, {"ETag": etag(KIND, source)}

    @requires("admin")
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(204)
    def delete(self, query: dict[str, Any], source_id: int):
        """Delete a source no claim cites (admins only; needs If-Match)"""
        version = expected_version(KIND, source_id)
        editor = actor()
        write(get_db(), lambda db: sources.delete(db, source_id, version, editor, query.get("reason")))
        return None
