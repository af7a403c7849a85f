"""Speakers: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from sqlite_utils import Database

from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..schemas import ChangeQuery, SpeakerAliasesIn, SpeakerIn, SpeakerOut, SpeakerPage, SpeakerPatch, SpeakerQuery
from ..store import speakers
from .common import Blueprint, actor, after_id, etag, expected_version, needs_if_match, page

blp = Blueprint("speakers", __name__, description="People and organisations who make claims.")
needs_if_match("/api/v1/speakers/{speaker_id}", "patch", "delete")
needs_if_match("/api/v1/speakers/{speaker_id}/aliases", "post")
KIND = "speaker"


@blp.route("/speakers")
class Speakers(MethodView):
    @blp.arguments(SpeakerQuery(), location="query")
    @blp.response(200, SpeakerPage)
    def get(self, arguments: dict[str, Any]):
        """List speakers, or find one by name, alias or a near spelling

        With `q`, the best match comes first and each speaker has a `score`.
        When no speaker matches every word of `q`, speakers matching some of
        them (name, aliases, role, affiliation) come instead, best first,
        and `partial` is true.
        """
        db = get_db()
        with read_snapshot(db):
            if arguments.get("q"):
                matches, partial = speakers.search(
                    db, arguments["q"], kind=arguments.get("kind"), limit=arguments["limit"]
                )
                body, status, headers = page(matches, None)
                return {**body, "partial": partial}, status, headers
            found = speakers.listing(
                db, kind=arguments.get("kind"), after=after_id(arguments), limit=arguments["limit"]
            )
        body, status, headers = page(*found)
        return {**body, "partial": False}, status, headers

    @requires("editor")
    @blp.arguments(SpeakerIn())
    @blp.response(201, SpeakerOut)
    def post(self, data: dict[str, Any]):
        """Add a speaker"""
        editor = actor()

        def add(db: Database) -> tuple[int, dict[str, Any]]:
            speaker_id = speakers.create(db, data, editor)
            return speaker_id, speakers.get(db, speaker_id)

        speaker_id, speaker = write(get_db(), add)
        return speaker, 201, {"Location": f"/api/v1/speakers/{speaker_id}", "ETag": etag(KIND, speaker)}


@blp.route("/speakers/<id:speaker_id>")
class SpeakerById(MethodView):
    @blp.response(200, SpeakerOut)
    def get(self, speaker_id: int):
        """Get a speaker"""
        db = get_db()
        with read_snapshot(db):
            speaker = speakers.get(db, speaker_id)
        return speaker, 200, {"ETag": etag(KIND, speaker)}

    @requires("editor")
    @blp.arguments(SpeakerPatch())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, SpeakerOut)
    def patch(self, changes: dict[str, Any], query: dict[str, Any], speaker_id: int):
        """Change a speaker (needs If-Match)"""
        version = expected_version(KIND, speaker_id)
        editor = actor()

        def change(db: Database) -> dict[str, Any]:
            speakers.update(db, speaker_id, changes, version, editor, query.get("reason"))
            return speakers.get(db, speaker_id)

        speaker = write(get_db(), change)
        return speaker, 200, {"ETag": etag(KIND, speaker)}

    @requires("admin")
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(204)
    def delete(self, query: dict[str, Any], speaker_id: int):
        """Delete a speaker who has no claims (admins only; needs If-Match)"""
        version = expected_version(KIND, speaker_id)
        editor = actor()
        write(get_db(), lambda db: speakers.delete(db, speaker_id, version, editor, query.get("reason")))
        return None


@blp.route("/speakers/<id:speaker_id>/aliases")
class SpeakerAliases(MethodView):
    @requires("editor")
    @blp.arguments(SpeakerAliasesIn())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, SpeakerOut)
    def post(self, data: dict[str, Any], query: dict[str, Any], speaker_id: int):
        """Add aliases to a speaker (needs If-Match)

        Keeps the stored aliases and adds these; one spelled like the name or
        a kept alias (ignoring case, accents and spacing) is left out. Answers
        the speaker. A PATCH with `aliases` replaces the list instead.
        """
        version = expected_version(KIND, speaker_id)
        editor = actor()

        def add(db: Database) -> dict[str, Any]:
            speakers.add_aliases(db, speaker_id, data["aliases"], version, editor, query.get("reason"))
            return speakers.get(db, speaker_id)

        speaker = write(get_db(), add)
        return speaker, 200, {"ETag": etag(KIND, speaker)}
