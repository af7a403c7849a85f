"""Defaults, overridden by environment variables, overridden by test config."""

from __future__ import annotations

import os
from typing import Any

#: Every environment variable the service reads, with its default and meaning.
#: The README's configuration table is checked against this by the tests.
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "CLAIMS_DB": ("claims.db", "Path of the public SQLite database."),
    "CLAIMS_INSTANCE_PATH": (
        "instance",
        "Flask instance folder; holds tokens.db (hashed editor tokens).",
    ),
    "CLAIMS_PUBLIC_URL": (
        "http://127.0.0.1:8001",
        "Base URL of the public (Datasette) site, used to build permalinks.",
    ),
    "CLAIMS_ORG_NAME": ("Claims desk", "The fact-checking organisation, author of ClaimReview exports."),
    "CLAIMS_ORG_URL": ("", "Its website; empty means CLAIMS_PUBLIC_URL."),
    "CLAIMS_API_PORT": ("5000", "Port of the editors' JSON API."),
    "CLAIMS_DATASETTE_PORT": ("8001", "Port of the public Datasette site."),
    "CLAIMS_HOST": ("127.0.0.1", "Interface both servers bind to."),
    "CLAIMS_API_WORKERS": ("2", "Processes serving the API (gunicorn workers)."),
    "CLAIMS_API_THREADS": ("4", "Threads per API process that run requests once they have arrived whole."),
    "CLAIMS_API_CLIENT_TIMEOUT": (
        "30",
        "Seconds an API connection may stay idle, mid-request or between requests, before it is closed.",
    ),
    "CLAIMS_DATASETTE_THREADS": ("3", "Threads Datasette runs SQL in (its num_sql_threads)."),
    "CLAIMS_LOAD_FIXTURES": ("1", "0 leaves a new database empty instead of loading the seed articles."),
    "CLAIMS_MAX_BODY_BYTES": ("4194304", "Largest request body accepted, in bytes."),
    "CLAIMS_BUSY_TIMEOUT_MS": ("5000", "How long a write waits for the lock."),
    "CLAIMS_SYNCHRONOUS": (
        "FULL",
        "SQLite's synchronous setting: FULL survives power loss; NORMAL survives a killed process and is faster.",
    ),
    "CLAIMS_LOG_LEVEL": ("INFO", "Log level of the API."),
    "CLAIMS_DESK_SESSION_HOURS": (
        "12",
        "Hours a desk sign-in lasts, however busy; its forms' CSRF tokens last no longer.",
    ),
    "CLAIMS_DESK_SECURE_COOKIE": (
        "0",
        "1 marks the desk's cookie Secure on every answer: set it behind a proxy that ends TLS. "
        "Otherwise it is Secure when the request arrived over https.",
    ),
    "CLAIMS_EXTRACT_COMPILED": (
        "1",
        "0 runs the extractor's plain source even when its compiled build (make build) is there and up to date.",
    ),
    "CLAIMS_SNAPSHOT_MINUTES": (
        "60",
        "Minutes between the snapshots of the database offered at /claims.db (one at start); 0 for none.",
    ),
}


def env(name: str) -> str:
    default, _ = ENVIRONMENT[name]
    return os.environ.get(name, default)


def from_environment() -> dict[str, Any]:
    return {
        "DATABASE": env("CLAIMS_DB"),
        "PUBLIC_URL": env("CLAIMS_PUBLIC_URL").rstrip("/"),
        "ORGANIZATION": organization(),
        "MAX_CONTENT_LENGTH": int(env("CLAIMS_MAX_BODY_BYTES")),
        "BUSY_TIMEOUT_MS": int(env("CLAIMS_BUSY_TIMEOUT_MS")),
        "SYNCHRONOUS": env("CLAIMS_SYNCHRONOUS").upper(),
        "LOG_LEVEL": env("CLAIMS_LOG_LEVEL"),
        "DESK_SESSION_HOURS": whole_hours("CLAIMS_DESK_SESSION_HOURS"),
        "DESK_SECURE_COOKIE": switch("CLAIMS_DESK_SECURE_COOKIE"),
    }


def whole_hours(name: str) -> int:
    value = env(name)
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name}: must be a positive whole number of hours, not {value!r}")
    return int(value)


def switch(name: str) -> bool:
    """A 0-or-1 setting: anything else is refused rather than read as off."""
    value = env(name)
    if value not in ("0", "1"):
        raise ValueError(f"{name}: must be 0 or 1, not {value!r}")
    return value == "1"


def organization() -> dict[str, str]:
    """The fact-checking organisation, as schema.org's ClaimReview names it."""
    url = env("CLAIMS_ORG_URL") or env("CLAIMS_PUBLIC_URL").rstrip("/")
    return {"@type": "Organization", "name": env("CLAIMS_ORG_NAME"), "url": url}
