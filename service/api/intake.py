"""Article intake: drafts of the claims in an article, and recording a whole
article at once. HTTP in, schema, extractor and store, HTTP out.

The extractor (``service.extract``) knows nothing of the store; here each
draft gets the stored speaker its speaker's name stands for, the stored
claim with its words, and, for a stored source, the anchor a claim would
keep. Nothing is stored until the editor posts the article.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils
from flask.views import MethodView

from .. import extract, fixtures
from ..auth import requires
from ..db import get_db, read_snapshot, write
from ..errors import Conflict, FieldError
from ..schemas import ArticleIn, ArticleOut, DraftsIn, DraftsOut, ExtractIn, SourceDraftsOut
from ..store import claims, sources, speakers
from .common import Blueprint, actor, public_url

blp = Blueprint("intake", __name__, description="Finding the claims in an article, and recording it at once.")

#: From this score, a stored claim is the draft's claim (see /claims/match):
#: the same words once normalised (1), or the draft's words all within it.
SAME_CLAIM_SCORE = 0.9


def find_drafts(db: sqlite_utils.Database, text: str, language: str | None) -> list[dict[str, Any]]:
    """The extractor's drafts, each with the stored speaker and claim it matches."""
    drafts = [draft.to_dict() for draft in extract.extract(text, language)]
    names = [draft["speaker"]["name"] for draft in drafts if draft["speaker"]]
    ranked = speakers.candidates(db, names)
    for draft in drafts:
        speaker = draft["speaker"]
        if speaker is not None:
            speaker["candidates"] = ranked[speaker["name"]]
            speaker["speaker_id"] = speakers.same_speaker(speaker["candidates"])
    # All drafts are matched at once: an article repeats words (a quote in the lead and
    # again in the body), and each distinct lookup is made once.
    queries = [
        claims.Query(draft["quote"], draft["speaker"]["speaker_id"] if draft["speaker"] else None) for draft in drafts
    ]
    found = claims.match_many(db, queries, limit=1, public_url=public_url())
    for draft, best in zip(drafts, found, strict=True):
        same = best and best[0]["score"] >= SAME_CLAIM_SCORE
        draft["existing_claim_id"] = best[0]["claim"]["id"] if same else None
    return drafts


@blp.route("/extract")
class Extract(MethodView):
    @requires("editor")
    @blp.arguments(ExtractIn())
    @blp.response(200, DraftsOut)
    def post(self, data: dict[str, Any]):
        """Propose the claims in an article's text, as drafts

        Every quotation and reported statement, in text order, with who said
        it (matched to stored speakers through aliases and transliterations)
        and the stored claim it repeats, if any. Nothing is stored.
        """
        db = get_db()
        with read_snapshot(db):
            return {"items": find_drafts(db, data["text"], data.get("language"))}


@blp.route("/sources/<id:source_id>/drafts")
class SourceDrafts(MethodView):
    @requires("editor")
    @blp.arguments(DraftsIn())
    @blp.response(200, SourceDraftsOut)
    def post(self, data: dict[str, Any], source_id: int):
        """Propose the claims in a stored source's text, as drafts

        As `POST /extract`, on the source's text; each quote also carries
        the anchor `POST /claims` would store for it, so a draft posted as a
        claim of this source (`text` the quote, with that `anchor`) is
        anchored at the very words found. Send `{}` for the source's own
        language. Nothing is stored.
        """
        db = get_db()
        with read_snapshot(db):
            source = sources.get(db, source_id)
            if not source["text"]:
                raise Conflict(
                    f"Source {source_id} has no text to find claims in; add it with PATCH /api/v1/sources/{source_id}.",
                    errors=[FieldError(None, "The source has no text.")],
                )
            drafts = find_drafts(db, source["text"], data.get("language") or source["language"])
        for draft in drafts:
            # The claim write path's own anchoring, at the offsets found, so a
            # quote the text holds twice is anchored at this occurrence.
            given = {"exact": draft["quote"], "start": draft["start"]}
            quoted = draft["kind"] == "quote"
            draft["anchor"] = claims.anchor_in_text(source["text"], None, given, required=True) if quoted else None
        return {"items": drafts}


@blp.route("/articles")
class Articles(MethodView):
    @requires("editor")
    @blp.arguments(ArticleIn())
    @blp.response(201, ArticleOut)
    @blp.alt_response(200, schema=ArticleOut, description="Everything in the article was already recorded.")
    def post(self, data: dict[str, Any]):
        """Record a whole article at once: its source, speakers, claims, appearances and links

        The document is a fixture file's, as JSON, and goes through the same
        loader: a record already stored (a speaker by name and kind, a source
        by URL or title and publisher, a claim by its words and speaker, a
        link by its ends, an appearance by claim and source) is used, not
        stored again, so posting the same article twice adds nothing (200).
        All or nothing: any error names the item (`claims.3.anchor`) and
        nothing is stored.
        """
        editor = actor()
        recorded = write(get_db(), lambda db: fixtures.load_article(db, data, editor))
        counts = recorded.counts
        kinds = ("sources", "speakers", "claims", "links", "appearances")
        created = {kind: counts[f"{kind} created"] for kind in kinds}
        body = {
            "source_id": recorded.source_id,
            "speakers": [{"key": key, "id": speaker_id} for key, speaker_id in recorded.speaker_ids.items()],
            "claims": [
                {"key": key, "id": claim_id, "url": claims.permalink(public_url(), claim_id)}
                for key, claim_id in recorded.claim_ids.items()
            ],
            "created": created,
            "existing": {kind: counts[f"{kind} existing"] for kind in kinds},
        }
        status = 201 if any(created.values()) else 200
        return body, status, {"Location": f"/api/v1/sources/{recorded.source_id}"}
