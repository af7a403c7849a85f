"""Marshmallow schemas: what the API accepts, what it answers, its queries.

Input schemas reject unknown fields (marshmallow's default), so a typo in a
field name is an error, not a silently dropped value. Every string goes
through :class:`Text`, which refuses what SQLite or a reader cannot use.
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, fields, missing, validate
from marshmallow.decorators import POST_DUMP, PRE_DUMP

from .store.claims import matching
from .vocab import CLAIM_KINDS, LINK_RELATIONS, MAX_ALIASES, RATINGS, SOURCE_KINDS, SPEAKER_KINDS, spelled_out

MAX_ID = 2**63 - 1

# Each rule below is one regular expression, used both to validate requests
# and, as ``pattern``, in the OpenAPI document, so a request the document
# allows is a request the service accepts.

# Whitespace spelled out (Unicode's White_Space property), not ``\s``, whose
# meaning differs between Python, Rust and JavaScript regular expressions.
_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: What no text may hold: the C0 and C1 control characters (and DEL) other
#: than tab, newline and carriage return, and the two noncharacters XML also
#: refuses. An Atom feed, a CSV cell or a terminal cannot carry them safely.
CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
#: Text with at least one visible character and no control character.
VISIBLE_TEXT = rf"^[^{CONTROL}]*[^{CONTROL}{_SPACE}][^{CONTROL}]*$"
#: Text with no control character, possibly empty or blank.
ANY_TEXT = rf"^[^{CONTROL}]*$"
_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
#: A real calendar date, as precise as is known: 2020, 2020-01 or 2020-01-27.
PARTIAL_DATE = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
#: An absolute http(s) URL with an ASCII host (punycode for other scripts).
WEB_URL = rf"^[hH][tT][tT][pP][sS]?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{{1,5}})?(?:[/?#][^{CONTROL}{_SPACE}]*)?$"
WIKIDATA_ID = r"^Q[1-9][0-9]{0,11}$"
LANGUAGE_TAG = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
TAG = rf"^[^,{CONTROL}{_SPACE}]+(?: [^,{CONTROL}{_SPACE}]+)*$"
#: A calendar day: 2020-01-27.
FULL_DATE = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
#: A page position from ``next_cursor``: a claim id; for a search, after the
#: search window's first id and a rank.
CURSOR = r"^(?:(?:[1-9][0-9]{0,17}:)?-?[0-9]{1,20}(?:\.[0-9]{1,20})?(?:[eE][-+]?[0-9]{1,3})?:)?[1-9][0-9]{0,17}$"


_CONTROL_CHARACTER = re.compile(f"[{CONTROL}]")


def control_character_problem(text: str) -> str | None:
    """What is wrong with ``text`` if it holds a control character: the one
    check every text field, in a body or a query, goes through."""
    found = _CONTROL_CHARACTER.search(text)
    if found is None:
        return None
    return (
        f"Holds the control character U+{ord(found.group()):04X} at position {found.start()};"
        " only tab, newline and carriage return are allowed."
    )


class Text(fields.String):
    """A string that matches ``pattern`` (visible text by default), with a
    length limit. Lone surrogates, which no UTF-8 file can hold, and control
    characters, which break feeds and terminals, are refused."""

    def __init__(
        self, *, max_length: int = 1000, pattern: str = VISIBLE_TEXT, error: str | None = None, **kwargs: Any
    ) -> None:
        self.pattern = re.compile(pattern)
        self.max_length = max_length
        self.error = error or ("Needs a visible character." if pattern == VISIBLE_TEXT else "Invalid.")
        # The length is checked here rather than by a validate.Length: every
        # string of every request passes through, and so does a bulk load.
        metadata = kwargs.pop("metadata", {}) | {"pattern": pattern, "maxLength": max_length}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ValidationError("Must be valid Unicode (no lone surrogates).") from error
        problem = control_character_problem(text)
        if problem is not None:
            raise ValidationError(problem)
        if not self.pattern.search(text):
            raise ValidationError(self.error)
        if len(text) > self.max_length:
            raise ValidationError(f"Longer than maximum length {self.max_length}.")
        return text


def PartialDate(**kwargs: Any) -> Text:  # named like the field type it makes
    return Text(
        max_length=10,
        pattern=PARTIAL_DATE,
        error="Must be a real date as YYYY, YYYY-MM or YYYY-MM-DD.",
        **kwargs,
    )


class WholeNumber(fields.Integer):
    """A JSON integer: 3 or 3.0 (JSON Schema counts both as integers), but
    not "3", true or 3.5."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if type(value) is int:  # as JSON gives it (never a bool): nothing to check or convert
            return value
        return super()._deserialize(value, attr, data, **kwargs)


class QueryInteger(fields.Integer):
    """An integer in a query string. The OpenAPI document says ``integer``,
    and JSON Schema counts 34.0 and 3.4e1 as the integer 34, so a client
    that writes the number so is understood; 34.5 is still not an integer.
    Spellings other than plain digits are read only up to 24 characters and
    as far as MAX_ID, so no spelling can make a huge number."""

    DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, str) and len(value) <= 24 and not value.isdigit() and self.DECIMAL.fullmatch(value):
            number = decimal.Decimal(value)
            if number == number.to_integral_value() and abs(number) <= MAX_ID:
                value = str(int(number))
        return super()._deserialize(value, attr, data, **kwargs)


def Id(**kwargs: Any) -> fields.Integer:  # named like the field type it makes
    return WholeNumber(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class AnchorSchema(Schema):
    """Where a quote sits in its source's text (W3C TextQuoteSelector + offsets)."""

    exact = Text(required=True, max_length=10_000, metadata={"description": "The words, as in the source."})
    prefix = Text(max_length=200, allow_none=True, pattern=ANY_TEXT)
    suffix = Text(max_length=200, allow_none=True, pattern=ANY_TEXT)
    start = WholeNumber(allow_none=True, validate=validate.Range(min=0, max=10_000_000))
    end = WholeNumber(allow_none=True, validate=validate.Range(min=0, max=10_000_000))


# -- answers -----------------------------------------------------------------
# The store hands over answers already in their final types (str, int,
# float, bool, None, lists and dicts), so dumping one is mostly copying.
# marshmallow's dump does that through several calls per field and value;
# on a claim with its embeds that was as long as reading it from SQLite.
# Out does the same copying in one pass, and hands every value of any
# other type, and every field of any other kind, to marshmallow's own
# serializer, so the answer is the one marshmallow gives
# (tests/test_dump.py compares the two).

#: Turns one value of a field into its answer: (value, attribute, object).
Converter = Callable[[Any, str, Any], Any]


def _converter(field: fields.Field) -> Converter:
    serialize = type(field)._serialize
    if isinstance(field, fields.Nested):
        return lambda value, attr, obj: (
            None if value is None else _dump(field.schema, value, bool(field.schema.many or field.many))
        )
    if isinstance(field, fields.List) and serialize is fields.List._serialize:
        inner = _converter(field.inner)
        return lambda value, attr, obj: None if value is None else [inner(each, attr, obj) for each in value]
    native: type | None = None
    if serialize is fields.String._serialize:
        native = str
    elif isinstance(field, fields.Integer) and serialize is fields.Number._serialize and not field.as_string:
        native = int
    elif isinstance(field, fields.Float) and serialize is fields.Number._serialize and not field.as_string:
        native = float
    elif serialize is fields.Boolean._serialize:
        native = bool
    elif (
        isinstance(field, fields.Mapping)
        and serialize is fields.Mapping._serialize
        and field.key_field is None
        and field.value_field is None
    ):
        mapping_type = field.mapping_type
        return lambda value, attr, obj: None if value is None else mapping_type(value)
    if native is None:
        return lambda value, attr, obj: field._serialize(value, attr, obj)
    kind = native
    # type() is not isinstance(): a bool is an int, and int() would make it 1.
    return lambda value, attr, obj: (
        value if value is None or type(value) is kind else field._serialize(value, attr, obj)
    )


#: A schema's dump, field by field: (attribute, key in the answer, field, converter).
Plan = list[tuple[str, str, fields.Field, Converter]]


def _plan(schema: Schema) -> Plan | None:
    """How to dump with ``schema``, made once per schema object; None when
    marshmallow must do it (dump hooks, defaults, dotted or computed fields)."""
    cached = schema.__dict__.get("_answer_plan", False)
    if cached is not False:
        return cached
    plan: Plan | None = []
    if schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP] or schema.dict_class is not dict:
        plan = None
    for name, field in schema.dump_fields.items():
        attribute = field.attribute or name
        if plan is None or not field._CHECK_ATTRIBUTE or field.dump_default is not missing or "." in attribute:
            plan = None
            break
        plan.append((attribute, field.data_key or name, field, _converter(field)))
    schema.__dict__["_answer_plan"] = plan
    return plan


def _dump(schema: Schema, obj: Any, many: bool) -> Any:
    plan = _plan(schema)
    if plan is None or (many and obj is None):
        return Schema.dump(schema, obj, many=many)
    if many:
        return [_dump_one(schema, plan, each) for each in obj]
    return _dump_one(schema, plan, obj)


def _dump_one(schema: Schema, plan: Plan, obj: Any) -> dict[str, Any]:
    if type(obj) is not dict:
        return Schema._serialize(schema, obj)
    answer = {}
    for attribute, key, field, convert in plan:
        value = obj.get(attribute, missing)
        if value is missing:
            if attribute not in _DICT_ATTRIBUTES:
                continue  # left out, as marshmallow leaves out a missing value
            # marshmallow then answers the dict's own attribute (``items``).
            value = field.serialize(attribute, obj, accessor=schema.get_attribute)
            if value is not missing:
                answer[key] = value
            continue
        answer[key] = convert(value, attribute, obj)
    return answer


#: What marshmallow finds on any dict that lacks the key (it tries getattr).
_DICT_ATTRIBUTES = frozenset(dir(dict))


class Out(Schema):
    """A schema of answers: dumped as marshmallow would, in one pass."""

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        return _dump(self, obj, self.many if many is None else bool(many))


# -- speakers ----------------------------------------------------------------


class SpeakerIn(Schema):
    name = Text(required=True, max_length=300)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    description = Text(allow_none=True, max_length=1000, metadata={"description": "The role."})
    affiliation_id = Id(allow_none=True, metadata={"description": "The speaker this one belongs to."})
    wikidata_id = Text(allow_none=True, max_length=13, pattern=WIKIDATA_ID, error="Must be Q followed by digits.")
    aliases = fields.List(
        Text(max_length=300),
        validate=validate.Length(max=MAX_ALIASES),
        metadata={
            "description": "Other names and spellings. In a PATCH the list REPLACES the stored one; "
            "to add some without sending the rest, POST them to /speakers/{speaker_id}/aliases."
        },
    )


class SpeakerAliasesIn(Schema):
    aliases = fields.List(
        Text(max_length=300),
        required=True,
        validate=validate.Length(min=1, max=MAX_ALIASES),
        metadata={"description": "Added to the stored aliases; one spelled like the name or a kept alias is left out."},
    )


class SpeakerMergeIn(Schema):
    target_id = Id(
        required=True,
        metadata={
            "description": "The speaker to keep: it takes this one's claims, and its name and aliases as aliases."
        },
    )


class SpeakerSummary(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    description = fields.String(allow_none=True)


class SpeakerOut(Out, SpeakerIn):
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
    limit = QueryInteger(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(max_length=64, pattern=CURSOR, error="Not a cursor this API issued.")


# -- sources -----------------------------------------------------------------


class SourceIn(Schema):
    title = Text(required=True, max_length=1000)
    # Typed as any field: SourceOut answers a stored URL as a plain string.
    url: fields.Field = Text(allow_none=True, max_length=2000, pattern=WEB_URL, error="Must be an http(s) URL.")
    publisher = Text(allow_none=True, max_length=300)
    authors = fields.List(Text(max_length=300), validate=validate.Length(max=50))
    published_on = PartialDate(allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(SOURCE_KINDS))
    language = Text(
        allow_none=True, max_length=35, pattern=LANGUAGE_TAG, error="Must be a language tag such as en or ar."
    )
    # Fits, with room to spare, in the largest body accepted (CLAIMS_MAX_BODY_BYTES).
    text = Text(allow_none=True, max_length=200_000, metadata={"description": "The full text."})


class SourceSummary(Schema):
    id = fields.Integer()
    title = fields.String()
    url = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published_on = fields.String(allow_none=True)
    kind = fields.String()


class SourceOut(Out, SourceIn):
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
    limit = QueryInteger(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(max_length=64, pattern=CURSOR, error="Not a cursor this API issued.")


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
        Text(max_length=64, pattern=TAG, error="One tag: no commas, no leading or doubled spaces."),
        validate=[validate.Length(max=30), lambda tags: _no_repeats(tags)],
        metadata={"uniqueItems": True},
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


class LinkOut(Out):
    id = fields.Integer()
    claim_id = fields.Integer(metadata={"description": "The claim the link was made from."})
    target_id = fields.Integer(metadata={"description": "The claim the link points to."})
    relation = fields.String()
    direction = fields.String(metadata={"description": "outgoing: this claim → other; incoming: other → this."})
    note = fields.String(allow_none=True)
    created_at = fields.String()
    claim = fields.Nested(ClaimSummary)


class AppearanceIn(Schema):
    source_id = Id(required=True)
    quote = Text(allow_none=True, max_length=10_000, metadata={"description": "The wording used there."})
    anchor = fields.Nested(AnchorSchema, allow_none=True)


class AppearanceOut(Out):
    id = fields.Integer()
    claim_id = fields.Integer()
    source_id = fields.Integer()
    source = fields.Nested(SourceSummary)
    quote = fields.String(allow_none=True)
    anchor = fields.Nested(AnchorSchema, allow_none=True)
    created_at = fields.String()


class ReviewIn(Schema):
    rating = fields.String(
        required=True,
        validate=validate.OneOf(RATINGS),
        metadata={"description": f"{spelled_out(RATINGS)}."},
    )
    rating_label = Text(required=True, max_length=200, metadata={"description": "The reviewer's own wording."})
    summary = Text(required=True, max_length=10_000, metadata={"description": "The explanation of the verdict."})
    evidence = fields.List(
        Text(max_length=2000, pattern=WEB_URL, error="Must be an http(s) URL."),
        validate=validate.Length(max=50),
        metadata={"description": "Links to the evidence."},
    )
    reviewer = Text(required=True, max_length=300, metadata={"description": "Who reviewed the claim."})
    reviewed_on = Text(required=True, max_length=10, pattern=FULL_DATE, error="Must be a real date as YYYY-MM-DD.")


class ReviewOut(Out, ReviewIn):
    id = fields.Integer()
    claim_id = fields.Integer()
    version = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()


class VerdictOut(Out):
    """The latest review of a claim."""

    id = fields.Integer(metadata={"description": "The review's id."})
    rating = fields.String()
    rating_label = fields.String()
    summary = fields.String()
    evidence = fields.List(fields.String())
    reviewer = fields.String()
    reviewed_on = fields.String()


class ClaimOut(Out, ClaimIn):
    id = fields.Integer()
    said_on_precision = fields.String(allow_none=True, metadata={"description": "year, month or day"})
    url = fields.String(metadata={"description": "The public permalink."})
    speaker = fields.Nested(SpeakerSummary)
    source = fields.Nested(SourceSummary)
    counter_claims = fields.List(fields.Nested(ClaimSummary))
    counter_claim_count = fields.Integer()
    links = fields.List(fields.Nested(LinkOut))
    appearances = fields.List(fields.Nested(AppearanceOut))
    verdict = fields.Nested(VerdictOut, allow_none=True, metadata={"description": "The latest review, if any."})
    status = fields.String(metadata={"description": "contested (has a counter-claim), reviewed or unreviewed."})
    retracted = fields.Boolean()
    retracted_at = fields.String(allow_none=True)
    retraction_reason = fields.String(allow_none=True)
    version = fields.Integer()
    created_at = fields.String()
    updated_at = fields.String()


class ClaimQuery(Schema):
    q = Text(max_length=500, metadata={"description": "Full-text search in the claim's words and context."})
    speaker_id = QueryInteger(validate=validate.Range(min=1, max=MAX_ID))
    source_id = QueryInteger(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Claims first recorded in, or appearing in, this source."},
    )
    tag = Text(max_length=64)
    contested = fields.Boolean(metadata={"description": "true: only claims with a counter-claim; false: none."})
    said_after = PartialDate(metadata={"description": "Said on or after this (partial) date."})
    said_before = PartialDate(metadata={"description": "Said on or before this (partial) date."})
    publisher = Text(max_length=300, metadata={"description": "Claims in (or repeated by) this publisher's sources."})
    language = Text(max_length=35, pattern=LANGUAGE_TAG, error="Must be a language tag such as en or ar.")
    max_age_days = QueryInteger(
        validate=validate.Range(min=1, max=36500),
        metadata={"description": "Recorded, changed or reviewed in the last N days."},
    )
    rating = fields.String(validate=validate.OneOf(RATINGS), metadata={"description": "The latest verdict."})
    status = fields.String(validate=validate.OneOf(("contested", "reviewed", "unreviewed")))
    include_retracted = fields.Boolean(load_default=False)
    limit = QueryInteger(load_default=50, validate=validate.Range(min=1, max=200))
    cursor = Text(
        max_length=64,
        pattern=CURSOR,
        error="Not a cursor this API issued.",
        metadata={"description": "The next_cursor of the previous page."},
    )


class MatchIn(Schema):
    text = Text(required=True, max_length=10_000, metadata={"description": "The words to look for."})
    speaker_id = Id(allow_none=True, metadata={"description": "Only this speaker's claims."})
    said_by = Id(
        allow_none=True,
        metadata={
            "description": "The speaker of these words: a claim by anyone else is labelled"
            " `same_claim_other_speaker`. Without it (or `speaker_id`), speakers are not compared."
        },
    )
    min_score = fields.Float(
        load_default=matching.SAME_TOPIC,
        validate=validate.Range(min=0, max=1),
        metadata={
            "description": f"Leave out claims scoring less (default {matching.SAME_TOPIC}, where the same topic"
            " begins); lower it to see unrelated claims too."
        },
    )
    limit = WholeNumber(load_default=10, validate=validate.Range(min=1, max=50))


class MatchOut(Out):
    claim = fields.Nested(ClaimSummary)
    score = fields.Float(
        metadata={
            "description": f"1 for the same words; from {matching.SAME_CLAIM} the same claim; from"
            f" {matching.SAME_TOPIC} the same topic; below, unrelated."
        }
    )
    match = fields.String(metadata={"description": "exact (same words once normalised) or similar."})
    label = fields.String(
        metadata={
            "description": "same_claim, same_claim_other_speaker, same_topic, or unrelated (only below the"
            " default `min_score`).",
            "enum": list(matching.LABELS),
        }
    )
    counter_claim = fields.Boolean(
        metadata={
            "description": "Close in words, but one of the two is negated: it says the opposite, a candidate"
            " for a `contradicts` link (labelled same_topic, never same_claim)."
        }
    )


class MatchesOut(Out):
    matches = fields.List(fields.Nested(MatchOut))


class ChangeQuery(Schema):
    reason = Text(max_length=2000, metadata={"description": "Why: kept in the revision history."})


class RetractQuery(Schema):
    reason = Text(required=True, max_length=2000, metadata={"description": "Why the claim is retracted."})


class RevisionOut(Out):
    id = fields.Integer()
    table_name = fields.String(metadata={"description": "speakers, sources, claims, claim_links, appearances..."})
    row_id = fields.Integer()
    claim_id = fields.Integer(allow_none=True, metadata={"description": "The claim the changed row belongs to."})
    action = fields.String(metadata={"description": "create, update, delete or retract"})
    before = fields.Dict(allow_none=True, metadata={"description": "The changed fields before."})
    after = fields.Dict(allow_none=True, metadata={"description": "The changed fields after."})
    actor = fields.String(metadata={"description": "The name of the token that made the change."})
    reason = fields.String(allow_none=True)
    changed_at = fields.String()


class RevisionQuery(Schema):
    table_name = fields.String(
        validate=validate.OneOf(("speakers", "sources", "claims", "claim_links", "appearances", "reviews"))
    )
    row_id = QueryInteger(validate=validate.Range(min=1, max=MAX_ID))
    claim_id = QueryInteger(validate=validate.Range(min=1, max=MAX_ID))
    actor = Text(max_length=200)
    limit = QueryInteger(load_default=100, validate=validate.Range(min=1, max=500))
    cursor = Text(max_length=64, pattern=CURSOR, error="Not a cursor this API issued.")


class PageQuery(Schema):
    limit = QueryInteger(load_default=100, validate=validate.Range(min=1, max=500))
    cursor = Text(max_length=64, pattern=CURSOR, error="Not a cursor this API issued.")


@functools.cache
def page_of(item_schema: type[Schema], **extra: fields.Field) -> type[Schema]:
    """The envelope every list answers in (with ``extra`` fields, if any)."""
    return Out.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next_cursor": fields.String(allow_none=True),
            "next": fields.String(allow_none=True, metadata={"description": "URL of the next page."}),
            **extra,
        },
        name=f"{item_schema.__name__.removesuffix('Out')}Page",
    )


SpeakerPage = page_of(
    SpeakerOut,
    partial=fields.Boolean(
        metadata={
            "description": "With `q`: true when no speaker matched every word, and these match some of them"
            " (name, aliases, role, affiliation), best first."
        }
    ),
)


class FieldError(Schema):
    location = fields.String()
    field = fields.String(allow_none=True)
    message = fields.String()


class NearestPassage(Schema):
    start = fields.Integer(metadata={"description": "Where the passage starts in the source's text (code points)."})
    end = fields.Integer(metadata={"description": "Where it ends."})
    exact = fields.String(metadata={"description": "The passage, the source's own characters."})
    score = fields.Float(metadata={"description": "How alike the quote and the passage are, 0 to 1."})


class AnchorDifference(Schema):
    quote_start = fields.Integer(metadata={"description": "Where the difference starts in the quote."})
    quote_end = fields.Integer()
    quote = fields.String(metadata={"description": "The quote's characters there (empty: the quote lacks some)."})
    source_start = fields.Integer(metadata={"description": "Where it starts in the source's text."})
    source_end = fields.Integer()
    source = fields.String(metadata={"description": "The source's characters there (empty: the source lacks some)."})
    description = fields.String(metadata={"description": "The difference in words."})


class Problem(Schema):
    """RFC 9457 problem details, the shape of every error."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldError))
    existing_id = fields.Integer(metadata={"description": "On 409: the record that is already there."})
    claim_ids = fields.List(
        fields.Integer(), metadata={"description": "On 409 for a source's text: the claims whose quotes it would lose."}
    )
    nearest = fields.Nested(
        NearestPassage,
        metadata={"description": "On 409 for a quote its source does not hold: the source's nearest passage."},
    )
    differences = fields.List(
        fields.Nested(AnchorDifference),
        metadata={"description": "On 409 for a quote its source does not hold: what differs from `nearest`."},
    )
    current_version = fields.Integer(metadata={"description": "On 412: the record's version now."})
    retracted_at = fields.String(metadata={"description": "On 404 for a retracted claim: when it was retracted."})
    retraction_reason = fields.String(metadata={"description": "On 404 for a retracted claim: why."})
    history = fields.String(metadata={"description": "On 404 for a retracted claim: the URL of its revisions."})
    appearances = fields.String(
        metadata={"description": "On 409 for a claim already held: the URL to record an appearance of it at."}
    )
    merged_into = fields.Integer(
        metadata={"description": "On 404 for a speaker merged into another: the speaker it was merged into."}
    )


def _patch_of(schema: type[Schema]) -> type[Schema]:
    """The PATCH form of an input schema: every field optional, none nullable
    that is not nullable in the full form."""

    class Patch(schema):  # type: ignore[valid-type,misc]
        def __init__(self, **kwargs: Any) -> None:
            # Only the top-level fields are optional: a nested anchor, when
            # given, must still be whole.
            super().__init__(partial=tuple(schema._declared_fields), **kwargs)

    Patch.__name__ = schema.__name__.removesuffix("In") + "Patch"
    return Patch


SpeakerPatch = _patch_of(SpeakerIn)
ReviewPatch = _patch_of(ReviewIn)
SourcePatch = _patch_of(SourceIn)
ClaimPatch = _patch_of(ClaimIn)


# -- intake: drafts of the claims in an article, and recording an article ---


def _language_tag(description: str) -> Text:
    """The language an article is read in, for the extractor."""
    return Text(
        allow_none=True,
        max_length=35,
        pattern=LANGUAGE_TAG,
        error="Must be a language tag such as en or ar.",
        metadata={"description": description},
    )


class ExtractIn(Schema):
    text = Text(required=True, max_length=200_000, metadata={"description": "The article's text."})
    language = _language_tag("Found from the text when not given.")


class DraftsIn(Schema):
    language = _language_tag("The source's language when not given, else found from the text.")


class SpeakerCandidate(SpeakerSummary):
    score = fields.Float(metadata={"description": "How well the name matches, 0 to 1, as speaker search scores."})


class DraftSpeaker(Schema):
    name = fields.String(metadata={"description": "The fullest name the article gives."})
    start = fields.Integer()
    end = fields.Integer()
    speaker_id = fields.Integer(allow_none=True, metadata={"description": "The stored speaker this name stands for."})
    candidates = fields.List(fields.Nested(SpeakerCandidate), metadata={"description": "Up to 3, best first."})


class DraftOut(Schema):
    quote = fields.String(metadata={"description": "The words as in the text, without quotation marks."})
    start = fields.Integer(metadata={"description": "Offset in the text (code points)."})
    end = fields.Integer()
    kind = fields.String(metadata={"description": "quote or paraphrase."})
    fragment = fields.Boolean(metadata={"description": "A short quoted phrase inside a reported sentence."})
    continues = fields.Integer(allow_none=True, metadata={"description": "The index of the piece this one continues."})
    cue = fields.String(allow_none=True, metadata={"description": "The reporting verb or phrase."})
    speaker = fields.Nested(DraftSpeaker, allow_none=True)
    role = fields.String(allow_none=True, metadata={"description": "The title or role the article gives the speaker."})
    confidence = fields.Float(metadata={"description": "0 to 1."})
    existing_claim_id = fields.Integer(
        allow_none=True, metadata={"description": "A stored claim with the same or nearly the same words."}
    )


class SourceDraftOut(DraftOut):
    anchor = fields.Nested(
        AnchorSchema, allow_none=True, metadata={"description": "For a quote: the anchor POST /claims would store."}
    )


class DraftsOut(Schema):
    items = fields.List(fields.Nested(DraftOut))


class SourceDraftsOut(Schema):
    items = fields.List(fields.Nested(SourceDraftOut))


KEY = {"description": "Names the record within this document."}
MAX_KEY = 200


class KeyOrId(fields.Field):
    """A record named by its key in this document (a string), or a stored
    record by its id (an integer)."""

    def __init__(self, what: str, **kwargs: Any) -> None:
        self.key = Text(max_length=MAX_KEY)
        self.id = Id()
        one_of = [
            {"type": "string", "pattern": VISIBLE_TEXT, "maxLength": MAX_KEY, "description": f"A {what}'s key here."},
            {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": f"The id of a stored {what}."},
        ]
        super().__init__(metadata={"oneOf": one_of} | kwargs.pop("metadata", {}), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str | int:
        if isinstance(value, str):
            return self.key.deserialize(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.id.deserialize(value)
        raise ValidationError("Must be a key (a string) or a stored record's id (an integer).")


class ArticleSpeaker(SpeakerIn):
    class Meta:
        exclude = ("affiliation_id",)

    key = Text(required=True, max_length=MAX_KEY, metadata=KEY)
    affiliation = Text(
        allow_none=True, max_length=MAX_KEY, metadata={"description": "The key of the speaker above it, here."}
    )


class ArticleClaim(ClaimIn):
    class Meta:
        exclude = ("speaker_id", "source_id")

    key = Text(required=True, max_length=MAX_KEY, metadata=KEY)
    speaker = KeyOrId("speaker", required=True)


class ArticleLink(LinkIn):
    class Meta:
        exclude = ("target_id",)

    claim = KeyOrId("claim", required=True)
    target = KeyOrId("claim", required=True)


class ArticleAppearance(AppearanceIn):
    class Meta:
        exclude = ("source_id",)

    claim = KeyOrId("claim", required=True, metadata={"description": "A claim first recorded elsewhere."})


class ArticleIn(Schema):
    """One article and everything in it, in the shape of a fixture file:
    records name each other by ``key``, and stored records by id."""

    source = fields.Nested(SourceIn, required=True)
    speakers = fields.List(fields.Nested(ArticleSpeaker), validate=validate.Length(max=500))
    claims = fields.List(fields.Nested(ArticleClaim), validate=validate.Length(max=1000))
    links = fields.List(fields.Nested(ArticleLink), validate=validate.Length(max=2000))
    appearances = fields.List(
        fields.Nested(ArticleAppearance),
        validate=validate.Length(max=1000),
        metadata={"description": "Of claims first recorded elsewhere, in this article."},
    )


class RecordCounts(Schema):
    sources = fields.Integer()
    speakers = fields.Integer()
    claims = fields.Integer()
    links = fields.Integer()
    appearances = fields.Integer()


class KeyedSpeaker(Schema):
    key = fields.String()
    id = fields.Integer()


class KeyedClaim(Schema):
    key = fields.String()
    id = fields.Integer()
    url = fields.String(metadata={"description": "The public permalink."})


class ArticleOut(Schema):
    source_id = fields.Integer()
    speakers = fields.List(fields.Nested(KeyedSpeaker), metadata={"description": "The id of each speaker key."})
    claims = fields.List(fields.Nested(KeyedClaim), metadata={"description": "The id and permalink of each claim key."})
    created = fields.Nested(RecordCounts, metadata={"description": "How many records of each kind were stored."})
    existing = fields.Nested(RecordCounts, metadata={"description": "How many were already stored, and left alone."})
