"""What the generated OpenAPI document says beyond the schemas: the HTTP
rules every operation follows (errors, auth, If-Match, headers).

flask-smorest writes the document from the marshmallow schemas and view
docstrings; :class:`HttpRules`, an apispec plugin, adds to every operation,
as it is registered, the statuses it can answer and the headers it takes and
gives, from the same facts the views act on, and gives every error response
our media type.
"""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin

from ..errors import PROBLEM_MIMETYPE

# Documented as not required, although the service needs it: 428 is the
# answer for a missing precondition (RFC 6585), which OpenAPI cannot say of a
# required parameter, whose absence is expected to be a 400-class error.
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "Needed: the ETag of the version you read. Without it: 428. Stale: 412.",
    "schema": {"type": "string"},
}
HEADERS = {
    "ETag": {"description": "The record's version, for If-Match.", "schema": {"type": "string"}},
    "Location": {"description": "The URL of the new record.", "schema": {"type": "string"}},
    "Link": {"description": 'The next page, as <url>; rel="next".', "schema": {"type": "string"}},
}


def _operation_errors(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    parameters = operation.get("parameters", [])
    if "{" in path:
        errors["404"] = "NOT_FOUND"
    if any(parameter.get("in") == "query" for parameter in parameters) or "requestBody" in operation:
        errors["422"] = "UNPROCESSABLE_ENTITY"
    if "requestBody" in operation:
        errors.update({"400": "BAD_REQUEST", "413": "REQUEST_ENTITY_TOO_LARGE", "415": "UNSUPPORTED_MEDIA_TYPE"})
    if operation.get("security"):
        errors.update({"401": "UNAUTHORIZED", "403": "FORBIDDEN", "409": "CONFLICT"})
    if any(parameter.get("name") == "If-Match" for parameter in parameters):
        errors.update({"412": "PRECONDITION_FAILED", "428": "PRECONDITION_REQUIRED"})
    return errors


def _status(code: Any) -> str:
    """A response's key as the document spells it: "201", "default"."""
    try:
        return str(int(code))
    except (TypeError, ValueError):
        return str(code)


def _is_problem(content: dict[str, Any]) -> bool:
    schema = content.get("application/json", {}).get("schema")
    return isinstance(schema, dict) and schema.get("$ref", "").endswith("/Problem") and len(content) == 1


class HttpRules(BasePlugin):
    """An apispec plugin: the HTTP rules, filled in as each path is added.

    It is listed after flask-smorest's own plugins, so it sees operations
    with their schemas resolved and their query parameters spelled out.
    """

    def __init__(self, if_match_operations: set[tuple[str, str]]) -> None:
        #: (OpenAPI path, method) of every operation that needs If-Match.
        self.if_match_operations = if_match_operations

    def response_helper(self, response: dict[str, Any], **kwargs: Any) -> dict[str, Any] | None:
        """Error responses are problem+json (RFC 9457), not application/json."""
        content = response.get("content", {})
        if _is_problem(content):
            return {"content": {PROBLEM_MIMETYPE: content["application/json"]}}
        return None

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        assert path is not None
        for method, operation in (operations or {}).items():
            if (path, method) in self.if_match_operations:
                operation.setdefault("parameters", []).append(dict(IF_MATCH))
            responses = {_status(code): response for code, response in operation.setdefault("responses", {}).items()}
            for status, name in _operation_errors(path, method, operation).items():
                # A component's name: apispec makes it a reference, and
                # registers the component once something refers to it.
                responses.setdefault(status, name)
            for status, response in responses.items():
                if not isinstance(response, dict) or "$ref" in response or not status.startswith("2"):
                    continue
                headers = response.setdefault("headers", {})
                if status == "201":
                    headers["Location"] = HEADERS["Location"]
                if "{" in path and method in ("get", "patch") or status == "201":
                    headers["ETag"] = HEADERS["ETag"]
                if method == "get" and "items" in str(response.get("content", {})):
                    headers["Link"] = HEADERS["Link"]
                if not headers:
                    del response["headers"]
            operation["responses"] = responses
