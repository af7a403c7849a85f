"""Errors only HTTP can make: the request itself, not the data, is at fault.

They are werkzeug HTTP exceptions, so Flask and flask-smorest route them to
the one renderer (:func:`service.api.render_problem`), with the domain
errors of :mod:`service.errors` and werkzeug's own (404 for no route, 405,
413). Their field errors say where the field was: ``json``, ``query``.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import HTTPException


class HttpProblem(HTTPException):
    """Base class: a status, a detail, field errors and response headers."""

    code = 400
    description = "The request is malformed."

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.description)
        self.errors = errors or []
        self.extra_headers = headers or {}


class Unauthorized(HttpProblem):
    code = 401
    description = "A valid bearer token is required."

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="claims"'})


class Forbidden(HttpProblem):
    code = 403
    description = "This token's role may not do that."


class UnsupportedMediaType(HttpProblem):
    code = 415
    description = "Send the body as application/json."


class UnprocessableRequest(HttpProblem):
    """The request's form is wrong (no body, a query parameter twice);
    the schemas' own 422s come from webargs."""

    code = 422
    description = "The request has invalid fields."
