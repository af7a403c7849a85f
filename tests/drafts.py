"""What the extractor's tests compare: each draft's kind, words and speaker (and, for Arabic, whether it is
a fragment), in text order."""

from __future__ import annotations

from service.extract import extract


def speakers(text: str, language: str | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, language)
    ]


def arabic_drafts(text: str) -> list[tuple[str, str, str | None, bool]]:
    return [
        (draft.kind, draft.quote, draft.speaker.name if draft.speaker else None, draft.fragment)
        for draft in extract(text, "ar")
    ]
