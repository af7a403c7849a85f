"""The layers: the store, the fixtures loader and the public site speak no HTTP."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parent.parent / "service"
PLUGINS = sorted(path.stem for path in (SERVICE / "publish" / "plugins").glob("*.py"))
#: What only the API (and the CLI built on Flask) may import.
WEB_FRAMEWORKS = ("flask", "werkzeug", "flask_smorest", "webargs")


def test_every_plugin_is_checked():
    assert {"claims_site", "front_door", "snapshot", "sql_limits"} <= set(PLUGINS)


@pytest.mark.parametrize(
    "modules",
    [
        ["service.errors", "service.store", "service.store.claims", "service.fixtures"],
        ["service.publish", *(f"service.publish.plugins.{plugin}" for plugin in PLUGINS)],
    ],
    ids=["store and fixtures", "publish"],
)
def test_the_layers_below_the_api_import_no_web_framework(modules):
    # A fresh interpreter, so that nothing another test imported counts.
    program = "\n".join(
        [
            "import importlib, pkgutil, sys",
            *(f"importlib.import_module({module!r})" for module in modules),
            # Every module of the store's packages, not only what their
            # __init__ happens to import.
            "import service.store, service.store.claims",
            "for package in (service.store, service.store.claims):",
            "    for found in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):",
            "        importlib.import_module(found.name)",
            f"loaded = sorted({{m for m in sys.modules if m.split('.')[0] in {WEB_FRAMEWORKS!r}}})",
            "print(loaded)",
            "assert not loaded, loaded",
        ]
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.strip() == "[]"


def test_the_store_names_no_routes():
    for path in sorted((SERVICE / "store").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "/api/" not in text, path
        assert "werkzeug" not in text and "flask" not in text, path
