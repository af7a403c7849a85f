"""Speakers: HTTP in, schema, store, HTTP out."""

from __future__ import annotations

from typing import Any

from flask import redirect, url_for
from flask.views import MethodView
from sqlite_utils import Database

from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..errors import NotFound
from ..schemas import (
    ChangeQuery,
    SpeakerAliasesIn,
    SpeakerIn,
    SpeakerMergeIn,
    SpeakerOut,
    SpeakerPage,
    SpeakerPatch,
    SpeakerQuery,
)
from ..store import speakers
from .common import Blueprint, actor, after_id, etag, expected_version, needs_if_match, page

blp = Blueprint("speakers", __name__, description="People and organisations who make claims.")
needs_if_match("/api/v1/speakers/{speaker_id}", "patch", "delete")
needs_if_match("/api/v1/speakers/{speaker_id}/aliases", "post")
needs_if_match("/api/v1/speakers/{speaker_id}/merge", "post")
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
    @blp.alt_response(308, description="The speaker was merged into another: `Location` names it.")
    def get(self, speaker_id: int):
        """Get a speaker

        A speaker merged into another answers 308 Permanent Redirect to the
        one it was merged into, so links to its old address keep working.
        """
        db = get_db()
        with read_snapshot(db):
            try:
                speaker = speakers.get(db, speaker_id)
            except NotFound as missing:
                if "merged_into" not in missing.extra:
                    raise
                return redirect(url_for("speakers.SpeakerById", speaker_id=missing.extra["merged_into"]), 308)
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


@blp.route("/speakers/<id:speaker_id>/merge")
class SpeakerMerge(MethodView):
    @requires("editor")
    @blp.arguments(SpeakerMergeIn())
    @blp.arguments(ChangeQuery(), location="query")
    @blp.response(200, SpeakerOut)
    def post(self, data: dict[str, Any], query: dict[str, Any], speaker_id: int):
        """Merge this speaker into another (needs If-Match of this speaker)

        For two records of one person. Every claim of this speaker (and every
        speaker affiliated with it) moves to `target_id`, keeping its id and
        permalink; this speaker's name and aliases become the target's
        aliases; each change is versioned and recorded in the revisions.
        This speaker's record is then removed: `GET /speakers/<id>` answers
        308 to the target, and a write to it answers 404 with `merged_into`.
        Answers the target. Refused with 409, changing nothing, when the
        target is this speaker or does not exist, or when the two hold a
        claim with the same words.
        """
        version = expected_version(KIND, speaker_id)
        editor = actor()
        target_id = data["target_id"]

        def merge(db: Database) -> dict[str, Any]:
            speakers.merge(db, speaker_id, target_id, version, editor, query.get("reason"))
            return speakers.get(db, target_id)

        target = write(get_db(), merge)
        return target, 200, {"ETag": etag(KIND, target), "Content-Location": f"/api/v1/speakers/{target_id}"}
