"""Logs as JSON lines: one access line per request, and the service's own.

An access line names the method, path, status, duration and the token's
*name*; the token itself is never logged. Every line has ``time``,
``level`` and ``logger``, then either the line's own fields (an access
line's) or ``message``, and ``error`` with the traceback when there is one.

The same formatter writes the HTTP servers' lines: waitress's (set up in
each API process by :func:`configure`), gunicorn's (``logconfig_dict`` in
service/gunicorn_conf.py, from :func:`gunicorn_logging`) and, on the
public site, uvicorn's (:func:`uvicorn_logging`).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask, Response

ACCESS = logging.getLogger("service.access")
#: One encoder for every line (json.dumps with an option builds one per call).
_encode = json.JSONEncoder(ensure_ascii=False).encode


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
        return _encode(line)


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


#: Every line's keys, before its own fields.
KEYS = ("time", "level", "logger")


def _stderr_config(loggers: dict[str, str], root_level: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` document: these loggers (name: level)
    and the root logger write JSON lines to stderr, and nowhere else."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonLines"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"level": root_level, "handlers": ["stderr"]},
        "loggers": {
            name: {"level": level, "handlers": ["stderr"], "propagate": False} for name, level in loggers.items()
        },
    }


def gunicorn_logging(level: str) -> dict[str, Any]:
    """gunicorn's ``logconfig_dict``: its error log (start, workers booted
    and stopped, failures) and its access log, as JSON lines on stderr.
    (The API's workers serve with waitress, so the access lines are the
    app's own, logger ``service.access``; gunicorn writes none.)"""
    return _stderr_config({"gunicorn.error": level.upper(), "gunicorn.access": "INFO"}, "WARNING")


def uvicorn_logging(level: str) -> dict[str, Any]:
    """uvicorn's ``log_config`` for the public site: its start and stop
    lines, its errors and its access lines, as JSON lines on stderr."""
    loggers = {"uvicorn": level.upper(), "uvicorn.error": level.upper(), "uvicorn.access": "INFO"}
    return _stderr_config(loggers, "WARNING")


def _start() -> None:
    from flask import g  # here, so the public site's plugin can use this module without Flask

    g.started = time.perf_counter()


def _access(response: Response) -> Response:
    from flask import g, request

    if not ACCESS.isEnabledFor(logging.INFO):
        return response
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
