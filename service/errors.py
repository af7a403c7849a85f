"""The service's domain errors, and the one JSON shape every error is rendered in.

The store raises these; they know nothing of any web framework, so the
store can run under the API, the Datasette plugin and the fixtures loader
alike. Each carries its HTTP status as a plain number, and the API turns it
into an ``application/problem+json`` document (RFC 9457)::

    {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
     "detail": "The request has 2 invalid fields.",
     "errors": [{"location": "json", "field": "kind", "message": "..."}]}

``errors`` is always present, and empty when no single field is to blame.
Conflicts that point at an existing record add ``existing_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

PROBLEM_MIMETYPE = "application/problem+json"


@dataclass(frozen=True)
class FieldError:
    """One field of the record to blame, and what is wrong with it."""

    field: str | None
    message: str


class DomainError(Exception):
    """Base class: an error that carries its status, its field errors and
    any further members of the error document (``extra``)."""

    status: ClassVar[int] = 400
    default_detail: ClassVar[str] = "The request could not be processed."

    def __init__(self, detail: str | None = None, *, errors: list[FieldError] | None = None, **extra: Any) -> None:
        self.detail = detail or self.default_detail
        super().__init__(self.detail)
        self.errors = errors or []
        self.extra = extra

    @classmethod
    def on_field(cls, field: str, message: str, detail: str | None = None, **extra: Any) -> Self:
        """The error for one field, with a detail that names it."""
        return cls(detail or f"{field}: {message}", errors=[FieldError(field, message)], **extra)


def flatten_messages(messages: Any, prefix: str = "") -> list[FieldError]:
    """marshmallow's nested error messages, one field error each, the field
    named by its path (``claims.3.speaker``)."""
    flat: list[FieldError] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = prefix if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
            flat.extend(flatten_messages(value, name))
    elif isinstance(messages, list | tuple):
        for message in messages:
            if isinstance(message, dict | list | tuple):
                flat.extend(flatten_messages(message, prefix))
            else:
                flat.append(FieldError(prefix or None, str(message)))
    else:
        flat.append(FieldError(prefix or None, str(messages)))
    return flat


class InBatch(Exception):
    """An error in one record of a batch, with the record's place in it."""

    def __init__(self, index: int, error: DomainError) -> None:
        super().__init__(index, error)
        self.index = index
        self.error = error


class NotFound(DomainError):
    status = 404
    default_detail = "No such record."


class Retracted(NotFound):
    """A claim that was retracted: on record, but gone from the claim
    resources, as a deleted one would be."""

    def __init__(self, detail: str, *, claim_id: int, **extra: Any) -> None:
        super().__init__(detail, **extra)
        self.claim_id = claim_id


class Conflict(DomainError):
    """A request that is valid by the schema but conflicts with stored data:
    it names a record that does not exist, quotes words its source does not
    contain, would make a loop, or repeats a record already stored (whose id
    is then ``existing_id``). 422 is kept for schema violations."""

    status = 409
    default_detail = "The request conflicts with the stored data."


class DuplicateClaim(Conflict):
    """The same words by the same speaker as a claim already held: a repeat
    is an appearance of that claim, not a new one."""

    def __init__(self, detail: str, *, existing_id: int, **extra: Any) -> None:
        super().__init__(detail, existing_id=existing_id, **extra)
        self.existing_id = existing_id


class PreconditionFailed(DomainError):
    status = 412
    default_detail = "The record has changed since you read it; fetch it again."


class Invalid(DomainError):
    """Values the schema cannot judge alone, refused as invalid."""

    status = 422
    default_detail = "The request has invalid fields."


class PreconditionRequired(DomainError):
    status = 428
    default_detail = "Send If-Match with the ETag you last read."


def problem(status: int, title: str, detail: str, errors: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The one error document, as a dict."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors,
    }
    body.update(extra)
    return body
