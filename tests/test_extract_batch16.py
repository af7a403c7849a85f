"""The extractor on the constructions held-out batch 16 brought up (English)."""

from __future__ import annotations

from service.extract import extract


def _speakers(text: str, language: str | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (draft.kind, draft.quote, draft.speaker.name if draft.speaker else None) for draft in extract(text, language)
    ]


def test_the_first_of_two_family_names_alone_is_the_person_named_in_full():
    text = (
        "The union's leader, Lucía Ferreira Paz, spoke outside the plant. "
        '"We are not going anywhere," Ferreira said. "Not this week."'
    )
    assert [(kind, speaker) for kind, _, speaker in _speakers(text)] == [
        ("quote", "Lucía Ferreira Paz"),
        ("quote", "Lucía Ferreira Paz"),
    ]
