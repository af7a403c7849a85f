"""The service's errors, and the one JSON shape every error is rendered in.

Every error is an ``application/problem+json`` document (RFC 9457)::

    {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
     "detail": "The request has 2 invalid fields.",
     "errors": [{"location": "json", "field": "kind", "message": "..."}]}

``errors`` is always present, and empty when no single field is to blame.
Conflicts that point at an existing record add ``existing_id``.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import HTTPException

PROBLEM_MIMETYPE = "application/problem+json"


class ApiError(HTTPException):
    """Base class: an error that carries its HTTP status and its field errors."""

    code = 400
    description = "The request could not be processed."

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.description)
        self.errors = errors or []
        self.extra_headers = headers or {}
        self.extra = extra


class InBatch(Exception):
    """An error in one record of a batch, with the record's place in it."""

    def __init__(self, index: int, error: ApiError) -> None:
        super().__init__(index, error)
        self.index = index
        self.error = error


class BadRequest(ApiError):
    code = 400
    description = "The request is malformed."


class Unauthorized(ApiError):
    code = 401
    description = "A valid bearer token is required."

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="claims"'})
        super().__init__(detail, **kwargs)


class Forbidden(ApiError):
    code = 403
    description = "This token's role may not do that."


class NotFound(ApiError):
    code = 404
    description = "No such record."


class Conflict(ApiError):
    code = 409
    description = "The request conflicts with the stored data."


class PreconditionFailed(ApiError):
    code = 412
    description = "The record has changed since you read it; fetch it again."


class UnsupportedMediaType(ApiError):
    code = 415
    description = "Send the body as application/json."


class ValidationError(ApiError):
    code = 422
    description = "The request has invalid fields."


class PreconditionRequired(ApiError):
    code = 428
    description = "Send If-Match with the ETag you last read."


def conflicting_field(field: str, message: str, detail: str | None = None, **extra: Any) -> Conflict:
    """A request that is valid by the schema but conflicts with stored data:
    it names a record that does not exist, quotes words its source does not
    contain, or would make a loop. (422 is kept for schema violations.)"""
    return Conflict(
        detail or f"{field}: {message}",
        errors=[{"location": "json", "field": field, "message": message}],
        **extra,
    )


def field_errors(messages: Any, location: str = "json", prefix: str = "") -> list[dict[str, str]]:
    """Flatten marshmallow's nested error dict into a list of field errors."""
    flat: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            flat.extend(field_errors(value, location, name))
    elif isinstance(messages, list | tuple):
        for message in messages:
            if isinstance(message, dict | list | tuple):
                flat.extend(field_errors(message, location, prefix))
            else:
                flat.append({"location": location, "field": prefix or None, "message": str(message)})
    else:
        flat.append({"location": location, "field": prefix or None, "message": str(messages)})
    return flat


def problem(status: int, title: str, detail: str, errors: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors,
    }
    body.update(extra)
    return body
