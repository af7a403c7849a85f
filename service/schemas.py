"""Marshmallow schemas: what the API accepts, what it answers, its queries.

Input schemas reject unknown fields (marshmallow's default), so a typo in a
field name is an error, not a silently dropped value. Every string goes
through :class:`Text`, which refuses what SQLite or a reader cannot use.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .migrations import CLAIM_KINDS, LINK_RELATIONS, SOURCE_KINDS, SPEAKER_KINDS

MAX_ID = 2**63 - 1
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Text(fields.String):
    """A string with no NUL bytes, no lone surrogates and a length limit."""

    def __init__(self, *, max_length: int = 1000, blank: bool = False, **kwargs: Any) -> None:
        self.max_length = max_length
        self.blank = blank
        validators = list(kwargs.pop("validate", []) or [])
        validators.append(validate.Length(max=max_length))
        super().__init__(validate=validators, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("Must not contain NUL characters.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValidationError("Must be valid Unicode (no lone surrogates).") from error
        if not self.blank and not text.strip():
            raise ValidationError("Must not be blank.")
        return text


class PartialDate(Text):
    """An ISO date as precise as is known: ``2020``, ``2020-01`` or ``2020-01-27``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {})["pattern"] = PARTIAL_DATE.pattern
        super().__init__(max_length=10, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        match = PARTIAL_DATE.match(text)
        if not match:
            raise ValidationError("Must be a date as YYYY, YYYY-MM or YYYY-MM-DD.")
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError as error:
            raise ValidationError(f"Not a real date: {error}.") from error
        return text


def Id(**kwargs: Any) -> fields.Integer:  # noqa: N802 - reads as a field type
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class AnchorSchema(Schema):
    """Where a quote sits in its source's text (W3C TextQuoteSelector + offsets)."""

    exact = Text(max_length=5000, metadata={"description": "The quoted words, as in the source."})
    prefix = Text(max_length=200, allow_none=True, blank=True)
    suffix = Text(max_length=200, allow_none=True, blank=True)
    start = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=10_000_000))
    end = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=10_000_000))

    @validates_schema
    def _ordered(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("start") is not None and data.get("end") is not None and data["end"] < data["start"]:
            raise ValidationError("end must not be before start.", "end")


# -- speakers ----------------------------------------------------------------


class SpeakerIn(Schema):
    name = Text(required=True, max_length=300)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    description = Text(allow_none=True, max_length=1000, metadata={"description": "The role."})
    affiliation_id = Id(allow_none=True, metadata={"description": "The speaker this one belongs to."})
    wikidata_id = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^Q[1-9][0-9]{0,11}$", error="Must be Q followed by digits."),
    )
    aliases = fields.List(Text(max_length=300), validate=validate.Length(max=100))


class SpeakerSummary(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    description = fields.String(allow_none=True)


class SpeakerOut(SpeakerIn):
    id = fields.Integer()
    affiliation = fields.Nested(SpeakerSummary, allow_none=True)
    claim_count = fields.Integer()
    version = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()
    score = fields.Float(metadata={"description": "Match quality, 0 to 1 (searches only)."})


class SpeakerQuery(Schema):
    q = Text(max_length=300, metadata={"description": "Name, alias or a near spelling of either."})
    kind = fields.String(validate=validate.OneOf(SPEAKER_KINDS))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(max_length=200)


# -- sources -----------------------------------------------------------------


class SourceIn(Schema):
    title = Text(required=True, max_length=1000)
    url = fields.URL(allow_none=True, schemes={"http", "https"}, validate=validate.Length(max=2000))
    publisher = Text(allow_none=True, max_length=300)
    authors = fields.List(Text(max_length=300), validate=validate.Length(max=50))
    published_on = PartialDate(allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(SOURCE_KINDS))
    language = fields.String(
        allow_none=True,
        validate=validate.Regexp(
            r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", error="Must be a language tag such as en or ar."
        ),
    )
    text = Text(allow_none=True, max_length=400_000, metadata={"description": "The full text."})


class SourceSummary(Schema):
    id = fields.Integer()
    title = fields.String()
    url = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published_on = fields.String(allow_none=True)
    kind = fields.String()


class SourceOut(SourceIn):
    id = fields.Integer()
    url = fields.String(allow_none=True)
    claim_count = fields.Integer()
    version = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()


class SourceQuery(Schema):
    q = Text(max_length=500, metadata={"description": "Words in the title or publisher."})
    publisher = Text(max_length=300)
    kind = fields.String(validate=validate.OneOf(SOURCE_KINDS))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(max_length=200)


# -- claims ------------------------------------------------------------------


class ClaimIn(Schema):
    text = Text(required=True, max_length=10_000, metadata={"description": "Exact words, or the paraphrase."})
    kind = fields.String(required=True, validate=validate.OneOf(CLAIM_KINDS))
    speaker_id = Id(required=True)
    source_id = Id(required=True, metadata={"description": "Where the claim was first recorded."})
    said_on = PartialDate(allow_none=True)
    venue = Text(allow_none=True, max_length=300)
    context = Text(allow_none=True, max_length=10_000)
    tags = fields.List(
        Text(max_length=64, validate=[validate.Regexp(r"^[^\s,]+( [^\s,]+)*$", error="One tag, no commas.")]),
        validate=[validate.Length(max=30), lambda tags: _no_repeats(tags)],
    )
    anchor = fields.Nested(AnchorSchema, allow_none=True)


def _no_repeats(values: list[str]) -> bool:
    if len(set(values)) != len(values):
        raise ValidationError("A tag may appear only once.")
    return True


class ClaimSummary(Schema):
    id = fields.Integer()
    text = fields.String()
    kind = fields.String()
    said_on = fields.String(allow_none=True)
    retracted = fields.Boolean()
    speaker = fields.Dict()
    source = fields.Dict()
    url = fields.String()


class LinkIn(Schema):
    target_id = Id(required=True)
    relation = fields.String(required=True, validate=validate.OneOf(LINK_RELATIONS))
    note = Text(allow_none=True, max_length=2000)


class LinkOut(Schema):
    id = fields.Integer()
    relation = fields.String()
    direction = fields.String(
        metadata={"description": "outgoing: this claim → other; incoming: other → this."}
    )
    note = fields.String(allow_none=True)
    created_at = fields.String()
    claim = fields.Nested(ClaimSummary)


class AppearanceIn(Schema):
    source_id = Id(required=True)
    quote = Text(allow_none=True, max_length=10_000, metadata={"description": "The wording used there."})
    anchor = fields.Nested(AnchorSchema, allow_none=True)


class AppearanceOut(Schema):
    id = fields.Integer()
    claim_id = fields.Integer()
    source_id = fields.Integer()
    source = fields.Nested(SourceSummary)
    quote = fields.String(allow_none=True)
    anchor = fields.Nested(AnchorSchema, allow_none=True)
    created_at = fields.String()


class AppearanceQuery(Schema):
    source_id = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_ID))


class ClaimOut(ClaimIn):
    id = fields.Integer()
    said_on_precision = fields.String(allow_none=True, metadata={"description": "year, month or day"})
    url = fields.String(metadata={"description": "The public permalink."})
    speaker = fields.Nested(SpeakerSummary)
    source = fields.Nested(SourceSummary)
    counter_claims = fields.List(fields.Nested(ClaimSummary))
    counter_claim_count = fields.Integer()
    links = fields.List(fields.Nested(LinkOut))
    appearances = fields.List(fields.Nested(AppearanceOut))
    retracted = fields.Boolean()
    retracted_at = fields.String(allow_none=True)
    retraction_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()


class ClaimQuery(Schema):
    q = Text(max_length=500, metadata={"description": "Full-text search in the claim's words and context."})
    speaker_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    source_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Claims first recorded in, or appearing in, this source."},
    )
    tag = Text(max_length=64)
    contested = fields.Boolean(
        metadata={"description": "true: only claims with a counter-claim; false: none."}
    )
    said_after = PartialDate(metadata={"description": "Said on or after this (partial) date."})
    said_before = PartialDate(metadata={"description": "Said on or before this (partial) date."})
    include_retracted = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(max_length=200, metadata={"description": "The next_cursor of the previous page."})


class ChangeQuery(Schema):
    reason = Text(max_length=2000, metadata={"description": "Why: kept in the revision history."})


class RetractQuery(Schema):
    reason = Text(required=True, max_length=2000, metadata={"description": "Why the claim is retracted."})


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The envelope every list answers in."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next_cursor": fields.String(allow_none=True),
            "next": fields.String(allow_none=True, metadata={"description": "URL of the next page."}),
        },
        name=f"{item_schema.__name__.removesuffix('Out')}Page",
    )


class FieldError(Schema):
    location = fields.String()
    field = fields.String(allow_none=True)
    message = fields.String()


class Problem(Schema):
    """RFC 9457 problem details, the shape of every error."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldError))
    existing_id = fields.Integer(metadata={"description": "On 409: the record that is already there."})


def _patch_of(schema: type[Schema]) -> type[Schema]:
    """The PATCH form of an input schema: every field optional, none nullable
    that is not nullable in the full form."""

    class Patch(schema):  # type: ignore[valid-type,misc]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(partial=True, **kwargs)

    Patch.__name__ = schema.__name__.removesuffix("In") + "Patch"
    return Patch


SpeakerPatch = _patch_of(SpeakerIn)
SourcePatch = _patch_of(SourceIn)
ClaimPatch = _patch_of(ClaimIn)
