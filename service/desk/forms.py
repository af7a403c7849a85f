"""From HTML forms to the API's values and back: the schemas judge, the
desk only translates.

A form posts strings; the API takes JSON. Here an empty optional field
becomes null, a list is one item per line, and a speaker is named as the
type-ahead offers it ("Name (#id)") or by a name the speaker search
resolves. The values then go through the API's own marshmallow schemas,
and any error comes back as the API's message, by field.
"""

from __future__ import annotations

import re
from typing import Any

import marshmallow
import sqlite_utils
from werkzeug.datastructures import MultiDict

from ..errors import DomainError, flatten_messages
from ..store import records, speakers

#: How the type-ahead names a stored speaker in a text field.
SPEAKER_REFERENCE = re.compile(r"\(#([1-9][0-9]{0,18})\)\s*$")


def speaker_label(speaker: dict[str, Any]) -> str:
    return f"{speaker['name']} (#{speaker['id']})"


def optional(form: MultiDict[str, str], name: str) -> str | None:
    """A text field, None when left blank."""
    value = form.get(name, "").strip()
    return value or None


def lines(form: MultiDict[str, str], name: str) -> list[str]:
    return [line.strip() for line in form.get(name, "").splitlines() if line.strip()]


def validate(schema: marshmallow.Schema, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``values`` loaded by the API's schema, or the errors by field."""
    try:
        return schema.load(values), {}
    except marshmallow.ValidationError as error:
        return {}, messages(error.messages)


def messages(raw: Any, rename: dict[str, str] | None = None) -> dict[str, str]:
    """marshmallow's messages, or a domain error's, as {field: message}; a
    message for no field is kept under ``""``."""
    found: dict[str, str] = {}
    for problem in flatten_messages(raw):
        field = (rename or {}).get(problem.field or "", problem.field or "")
        found.setdefault(field, problem.message)
    return found


def domain_messages(error: DomainError, rename: dict[str, str] | None = None) -> dict[str, str]:
    """The store's refusal, by field; the detail goes to the form as a whole."""
    found = {(rename or {}).get(problem.field or "", problem.field or ""): problem.message for problem in error.errors}
    found.setdefault("", error.detail)
    return found


def resolve_speaker(db: sqlite_utils.Database, value: str) -> int | None:
    """The stored speaker a speaker field names: "Name (#id)" as offered by
    the type-ahead, or a name or alias the speaker search is sure of (the
    same rule intake uses). None when it names none."""
    reference = SPEAKER_REFERENCE.search(value)
    if reference:
        speaker_id = int(reference.group(1))
        return speaker_id if records.fetch(db, "speakers", speaker_id) is not None else None
    name = value.strip()
    if not name:
        return None
    return speakers.same_speaker(speakers.candidates(db, [name])[name])


def expected(version: str | None) -> records.Expected:
    """The version the form was opened at, as an If-Match would name it."""
    if version and version.isascii() and version.isdigit():
        return records.Expected(sent=True, versions=frozenset({int(version)}))
    return records.Expected(sent=True, versions=frozenset())
