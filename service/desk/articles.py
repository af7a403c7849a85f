"""The new-article page's drafts: kept in the form between steps, never in
the database, until "Save article" records them through POST
/api/v1/articles' own code path (``fixtures.load_article``).

Each draft travels as a few hidden and visible fields named ``d<N>-...``;
the article's text travels once, in a hidden field. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils
from werkzeug.datastructures import MultiDict

from ..store import claims
from ..vocab import CLAIM_KINDS
from . import forms

#: The most drafts one form carries (POST /articles takes 1,000 claims).
MAX_DRAFTS = 1000
STATES = ("pending", "accepted", "rejected")
SOURCE_FIELDS = ("title", "url", "publisher", "published_on")


@dataclass
class Draft:
    """One proposed claim as the editor is shaping it."""

    words: str
    kind: str = "quote"
    speaker: str = ""
    role: str = ""
    state: str = "pending"
    start: int | None = None
    end: int | None = None
    existing_claim_id: int | None = None
    existing_text: str = ""
    appearance: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)


def from_extractor(db: sqlite_utils.Database, found: list[dict[str, Any]]) -> list[Draft]:
    """The extractor's drafts (with their stored speakers and claims, as
    POST /extract answers them) as the desk's."""
    existing_ids = [item["existing_claim_id"] for item in found if item["existing_claim_id"]]
    existing = claims.summaries(db, existing_ids, "") if existing_ids else {}
    drafts = []
    for item in found:
        speaker = item["speaker"] or {}
        candidates = speaker.get("candidates") or []
        chosen = next((candidate for candidate in candidates if candidate["id"] == speaker.get("speaker_id")), None)
        existing_id = item["existing_claim_id"]
        drafts.append(
            Draft(
                words=item["quote"],
                kind=item["kind"],
                speaker=forms.speaker_label(chosen) if chosen else speaker.get("name", ""),
                role=(chosen or {}).get("description") or item.get("role") or "",
                start=item["start"],
                end=item["end"],
                existing_claim_id=existing_id,
                existing_text=existing[existing_id]["text"] if existing_id in existing else "",
                appearance=existing_id is not None,
                candidates=candidates,
            )
        )
    return drafts


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def from_form(form: MultiDict[str, str]) -> list[Draft]:
    count = min(_number(form.get("draft_count")) or 0, MAX_DRAFTS)
    drafts = []
    for number in range(count):
        name = f"d{number}-"
        kind = form.get(name + "kind", "quote")
        state = form.get(name + "state", "pending")
        drafts.append(
            Draft(
                words=form.get(name + "words", "").strip(),
                kind=kind if kind in CLAIM_KINDS else "quote",
                speaker=form.get(name + "speaker", "").strip(),
                role=form.get(name + "role", "").strip(),
                state=state if state in STATES else "pending",
                start=_number(form.get(name + "start")),
                existing_claim_id=_number(form.get(name + "existing")),
                existing_text=form.get(name + "existing_text", ""),
                appearance=bool(form.get(name + "appearance")),
            )
        )
    return drafts


def locate(text: str, words: str, near: int | None) -> tuple[int, int] | None:
    """Where ``words`` are in ``text``: the occurrence nearest ``near``, so
    that the highlight follows a correction."""
    if not words:
        return None
    found, position = [], text.find(words)
    while position != -1:
        found.append(position)
        position = text.find(words, position + 1)
    if not found:
        return None
    start = min(found, key=lambda at: abs(at - (near or 0)))
    return start, start + len(words)


def place(text: str, drafts: list[Draft]) -> None:
    """Find each draft's words in the text again (they may have been corrected)."""
    for draft in drafts:
        span = locate(text, draft.words, draft.start)
        draft.start, draft.end = span if span else (draft.start, None)


def segments(text: str, drafts: list[Draft]) -> list[tuple[str, int | None]]:
    """The text cut into pieces, each piece either plain (None) or the words
    of one draft (its number), for highlighting every draft in place."""
    spans = sorted(
        (draft.start, draft.end, number)
        for number, draft in enumerate(drafts)
        if draft.start is not None and draft.end is not None and draft.state != "rejected"
    )
    pieces: list[tuple[str, int | None]] = []
    at = 0
    for start, end, number in spans:
        if start < at:
            continue  # overlaps the one before: listed, not highlighted twice
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], number))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


@dataclass
class Document:
    """An article as POST /api/v1/articles takes it, and where each of its
    items came from, to put an error back beside the right field."""

    body: dict[str, Any]
    places: dict[str, str]  # "claims.0" -> "d3", "speakers.1" -> "d4", "source" -> ""


def document(db: sqlite_utils.Database, source: dict[str, Any], drafts: list[Draft]) -> tuple[Document, dict[str, str]]:
    """The article document for the accepted drafts, and the errors of
    speakers that could not be resolved."""
    body: dict[str, Any] = {"source": source, "speakers": [], "claims": [], "appearances": []}
    places: dict[str, str] = {}
    new_speakers: dict[str, str] = {}
    problems: dict[str, str] = {}
    for number, draft in enumerate(drafts):
        if draft.state != "accepted":
            continue
        name = f"d{number}"
        if draft.appearance and draft.existing_claim_id:
            places[f"appearances.{len(body['appearances'])}"] = name
            body["appearances"].append({"claim": draft.existing_claim_id, "quote": draft.words})
            continue
        speaker: int | str | None = forms.resolve_speaker(db, draft.speaker)
        if speaker is None:
            if forms.SPEAKER_REFERENCE.search(draft.speaker):
                problems[f"{name}-speaker"] = "No stored speaker has that number."
                continue
            if not draft.speaker:
                problems[f"{name}-speaker"] = "Name who said it."
                continue
            key = new_speakers.get(draft.speaker)
            if key is None:
                key = new_speakers[draft.speaker] = f"speaker-{len(new_speakers) + 1}"
                places[f"speakers.{len(body['speakers'])}"] = name
                body["speakers"].append(
                    {"key": key, "name": draft.speaker, "kind": "person", "description": draft.role or None}
                )
            speaker = key
        claim: dict[str, Any] = {
            "key": name,
            "kind": draft.kind,
            "text": draft.words,
            "speaker": speaker,
            "said_on": source.get("published_on"),
        }
        if draft.start is not None and draft.end is not None:
            claim["anchor"] = {"exact": draft.words, "start": draft.start}
        places[f"claims.{len(body['claims'])}"] = name
        body["claims"].append(claim)
    return Document(body, places), problems


#: An item's field in the document, as the draft's field in the form.
DRAFT_FIELDS = {
    "text": "words",
    "anchor": "words",
    "quote": "words",
    "claim": "words",
    "kind": "kind",
    "speaker": "speaker",
    "name": "speaker",
    "description": "role",
    "said_on": "published_on",
}


def form_field(article: Document, field_path: str) -> str:
    """The form field an error of the document names (``claims.2.anchor``
    is the words of the draft that became the third claim)."""
    parts = field_path.split(".")
    if parts[0] == "source":
        return "text" if parts[-1] in ("text", "source") else parts[-1]
    if len(parts) >= 2 and f"{parts[0]}.{parts[1]}" in article.places:
        draft = article.places[f"{parts[0]}.{parts[1]}"]
        mapped = DRAFT_FIELDS.get(parts[2] if len(parts) > 2 else "", "words")
        return mapped if mapped == "published_on" else f"{draft}-{mapped}"
    return ""
