"""The public site's server lines (uvicorn's) as the service's JSON lines.

``datasette serve`` starts uvicorn with uvicorn's default logging document,
``uvicorn.config.LOGGING_CONFIG``, and offers no setting to replace it. The
default is that dictionary object itself, bound when ``uvicorn.run`` was
defined, so this plugin fills it in, in place, with the service's own
(:func:`service.logs.uvicorn_logging`) at Datasette's startup, which runs
before uvicorn is started. That dictionary is the one uvicorn internal this
touches; tests/test_logs.py runs a real ``datasette serve`` and fails if any
line it writes is not a JSON line.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from uvicorn import config as uvicorn_config

from service import config, logs


def use_json_lines() -> None:
    document = logs.uvicorn_logging(config.env("CLAIMS_LOG_LEVEL"))
    uvicorn_config.LOGGING_CONFIG.clear()
    uvicorn_config.LOGGING_CONFIG.update(document)


@hookimpl
def startup(datasette: Any) -> None:
    use_json_lines()
