"""The editors' JSON API under /api/v1, built with flask-smorest."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import flask_smorest
import flask_swagger_ui
from flask import Flask, Response, json, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from .. import auth, errors
from ..schemas import Problem
from . import openapi
from .common import IF_MATCH_OPERATIONS, RecordId, record_id_schema, single_valued_arguments
from .problems import HttpProblem, UnprocessableRequest, UnsupportedMediaType

log = logging.getLogger(__name__)

BODY_METHODS = {"POST", "PUT", "PATCH"}
# Swagger UI's files, from the flask-swagger-ui package (Swagger UI 5,
# which reads OpenAPI 3.1); served from here so the docs need no other host.
SWAGGER_UI_FILES = Path(flask_swagger_ui.__file__).resolve().parent / "dist"


class ClaimsApi(flask_smorest.Api):
    """flask-smorest, with every error rendered, and documented, as problem+json."""

    ERROR_SCHEMA = Problem

    def handle_http_exception(self, error: HTTPException) -> Response:
        return render_problem(error)


def field_errors(messages: Any, location: str, prefix: str = "") -> list[dict[str, Any]]:
    """marshmallow's nested error messages as the error document's field errors."""
    return [
        {"location": location, "field": error.field, "message": error.message}
        for error in errors.flatten_messages(messages, prefix)
    ]


def _webargs_errors(data: dict[str, Any]) -> list[dict[str, Any]]:
    flat = []
    for location, messages in (data.get("messages") or {}).items():
        flat.extend(field_errors(messages, location=location))
    return flat


def _next_steps(error: errors.DomainError) -> dict[str, str]:
    """Links for the errors that point somewhere: the store names no routes."""
    if isinstance(error, errors.Retracted):
        return {"history": url_for("revisions.Revisions", claim_id=error.claim_id)}
    if isinstance(error, errors.DuplicateClaim):
        return {"appearances": url_for("claims.ClaimAppearances", claim_id=error.existing_id)}
    return {}


#: Where the fields of a domain error were: the store judges the record it
#: was given, which came in the request's JSON body.
DOMAIN_FIELD_LOCATION = "json"


def render_problem(error: HTTPException | errors.DomainError) -> Response:
    """Every error, as the one problem+json document: domain errors from the
    store, the API's own, and werkzeug's and webargs' HTTP errors."""
    headers: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if isinstance(error, errors.DomainError):
        status = error.status
        title = HTTP_STATUS_CODES[status]
        detail = error.detail
        field_errors = [
            {"location": DOMAIN_FIELD_LOCATION, "field": problem.field, "message": problem.message}
            for problem in error.errors
        ]
        extra = {**error.extra, **_next_steps(error)}
        return _problem_response(status, title, detail, field_errors, headers, extra)
    status = error.code or 500
    title = error.name
    if isinstance(error, HttpProblem):
        detail = error.description or ""
        field_errors = error.errors
        headers.update(error.extra_headers)
    else:
        detail = error.description or title
        field_errors = _webargs_errors(getattr(error, "data", None) or {})
        if status == 400 and field_errors:
            detail = "The body is not valid JSON."
        elif status == 422:
            count = len(field_errors)
            detail = f"The request has {count} invalid field{'s' if count != 1 else ''}."
    allowed = error.get_response().headers.get("Allow") if status == 405 else None
    if allowed:
        headers["Allow"] = allowed
    return _problem_response(status, title, detail, field_errors, headers, extra)


def _problem_response(
    status: int,
    title: str,
    detail: str,
    field_errors: list[dict[str, Any]],
    headers: dict[str, str],
    extra: dict[str, Any],
) -> Response:
    field_errors = sorted(field_errors, key=lambda e: (e["location"], e["field"] or "", e["message"]))
    body = errors.problem(status, title, detail, field_errors, **extra)
    # A field name the client sent may hold a lone surrogate (JSON allows
    # "\ud800"), which UTF-8 cannot encode: send it back escaped, as it came.
    text = json.dumps(body).encode("utf-8", "backslashreplace")
    return Response(text, status=status, headers=headers, mimetype=errors.PROBLEM_MIMETYPE)


def require_json_body() -> None:
    """422 for a missing body, 415 for one that is not JSON, before anything
    reads it. (Routes outside the API, and errors like 404/405, come first.)"""
    if request.method not in BODY_METHODS or request.url_rule is None or request.url_rule.endpoint == "static":
        return
    if request.blueprint == auth.DESK_BLUEPRINT:
        return  # the desk's forms post HTML form data
    has_body = (request.content_length or 0) > 0 or "chunked" in request.headers.get("Transfer-Encoding", "").lower()
    if not has_body:
        raise UnprocessableRequest(
            "This request needs a JSON body.", errors=[{"location": "json", "field": None, "message": "Missing body."}]
        )
    if not request.is_json:
        raise UnsupportedMediaType(f"Send the body as application/json, not {request.mimetype or 'no content type'}.")


def handle_unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return render_problem(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return render_problem(InternalServerError("Something went wrong on our side; it has been logged."))


def swagger_ui_asset(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI_FILES, filename, max_age=86400)


def init_app(app: Flask) -> ClaimsApi:
    from . import claims, health, index, intake, reviews, revisions, sources, speakers

    app.config.setdefault("API_TITLE", "Claims service")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", "docs")
    app.config.setdefault("OPENAPI_SWAGGER_UI_URL", "/api/v1/docs/assets/")
    api = ClaimsApi(
        app,
        spec_kwargs={
            "info": {
                "description": "Claims, their speakers and sources, and the links between them. "
                "Reads are public; writes need `Authorization: Bearer <token>`."
            },
            "extra_plugins": [openapi.HttpRules(IF_MATCH_OPERATIONS)],
        },
    )
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    app.url_map.converters["id"] = RecordId
    api.register_converter(RecordId, record_id_schema)
    for module in (index, speakers, sources, claims, reviews, revisions, intake, health):
        api.register_blueprint(module.blp, url_prefix="/api/v1")
    app.add_url_rule("/api/v1/docs/assets/<path:filename>", "swagger_ui_assets", swagger_ui_asset)
    index.init_app(app)
    app.before_request(auth.authenticate_writes)
    app.before_request(require_json_body)
    app.before_request(single_valued_arguments)
    app.register_error_handler(errors.DomainError, render_problem)
    app.register_error_handler(Exception, handle_unexpected)
    return api
