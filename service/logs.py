"""Logs as JSON lines: one access line per request, and the service's own.

An access line names the method, path, status, duration and the token's
*name*; the token itself is never logged.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request

ACCESS = logging.getLogger("service.access")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        line.update(getattr(record, "fields", None) or {"message": record.getMessage()})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure(level: str) -> None:
    """Send the service's logs, and the HTTP server's (waitress), to stderr
    as JSON lines (once per process)."""
    for name, floor in (("service", level.upper()), ("waitress", "WARNING")):
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.getLevelName(floor), logging.getLevelName(level.upper())))
        if not any(isinstance(handler.formatter, JsonLines) for handler in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonLines())
            logger.addHandler(handler)
            logger.propagate = False
    # "Task queue depth is N" under a burst is load, not a fault.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def _start() -> None:
    g.started = time.perf_counter()


def _access(response: Response) -> Response:
    started = g.get("started")
    fields = {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
        "token": g.get("actor"),
    }
    ACCESS.info("request", extra={"fields": fields})
    return response


def init_app(app: Flask) -> None:
    configure(app.config["LOG_LEVEL"])
    app.before_request(_start)
    app.after_request(_access)
