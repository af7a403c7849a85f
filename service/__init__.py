"""The claims service: an editors' JSON API over a published SQLite file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import compiled, config

# Before anything imports the extractor: its compiled build is used when it matches the sources.
compiled.install()

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Config is layered: defaults and environment, then the
    instance folder's ``config.py``, then ``test_config``.

    Flask is imported here, not at the top: the store, the fixtures loader
    and the Datasette plugin import this package and speak no HTTP."""
    from .flask_app import ServiceFlask

    instance_path = os.path.abspath(config.env("CLAIMS_INSTANCE_PATH"))
    if test_config and "INSTANCE_PATH" in test_config:
        instance_path = os.path.abspath(str(test_config["INSTANCE_PATH"]))
    app = ServiceFlask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(config.from_environment())
    app.config.from_pyfile("config.py", silent=True)
    if test_config:
        app.config.from_mapping(test_config)
    app.config["DATABASE"] = str(app.config["DATABASE"])
    from . import api, cli, db, desk, logs
    from .api.json_body import JSONProvider

    app.json = JSONProvider(app)

    logs.init_app(app)
    db.init_app(app)
    api.init_app(app)
    desk.init_app(app)
    cli.init_app(app)
    return app
