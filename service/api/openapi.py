"""What the generated OpenAPI document says beyond the schemas: the HTTP
rules every operation follows (errors, auth, If-Match, headers).

flask-smorest writes the document from the marshmallow schemas and view
docstrings; this adds, to every operation, the statuses it can answer and
the headers it takes and gives, from the same facts the views act on.
"""

from __future__ import annotations

import copy
from typing import Any

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


#: The error responses operations refer to, by status.
ERROR_RESPONSES = {
    "BAD_REQUEST",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "CONFLICT",
    "PRECONDITION_FAILED",
    "REQUEST_ENTITY_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "UNPROCESSABLE_ENTITY",
    "PRECONDITION_REQUIRED",
    "DEFAULT_ERROR",
}


def _ref(status: str) -> dict[str, str]:
    return {"$ref": f"#/components/responses/{status}"}


def _operation_errors(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    parameters = operation.get("parameters", [])
    if "{" in path:
        errors["404"] = "NOT_FOUND"
    if any(parameter["in"] == "query" for parameter in parameters) or "requestBody" in operation:
        errors["422"] = "UNPROCESSABLE_ENTITY"
    if "requestBody" in operation:
        errors.update({"400": "BAD_REQUEST", "413": "REQUEST_ENTITY_TOO_LARGE", "415": "UNSUPPORTED_MEDIA_TYPE"})
    if operation.get("security"):
        errors.update({"401": "UNAUTHORIZED", "403": "FORBIDDEN", "409": "CONFLICT"})
    if any(parameter["name"] == "If-Match" for parameter in parameters):
        errors.update({"412": "PRECONDITION_FAILED", "428": "PRECONDITION_REQUIRED"})
    return errors


def complete(document: dict[str, Any], if_match_operations: set[tuple[str, str]]) -> dict[str, Any]:
    """Return ``document`` with the HTTP rules filled in."""
    document = copy.deepcopy(document)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            if (path, method) in if_match_operations:
                operation.setdefault("parameters", []).append(dict(IF_MATCH))
            responses = operation.setdefault("responses", {})
            for status, name in _operation_errors(path, method, operation).items():
                responses.setdefault(status, _ref(name))
            for status, response in responses.items():
                if "$ref" in response or not status.startswith("2"):
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
    return document
