"""The public side: the same ``claims.db``, published with Datasette.

Everything Datasette is started with lives here, so ``make run``, the
container and the tests start the same site: the metadata, the templates,
the plugin (permalinks and the claim, speaker and source pages), the
static files and the settings.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.yaml"
TEMPLATES = HERE / "templates"
PLUGINS = HERE / "plugins"
STATIC = HERE / "static"
STATIC_MOUNT = "assets"
#: The public database is named after its file, so the file must be claims.db.
DATABASE_NAME = "claims"

SETTINGS: dict[str, Any] = {
    # Facet suggestions scan every column of a table: too slow for large ones.
    "suggest_facets": False,
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "max_returned_rows": 1000,
    # A streamed CSV is fetched a page at a time; this caps the whole stream.
    # The whole database is offered as a file instead (see plugins/snapshot.py).
    "max_csv_mb": 50,
}


PRECISION_FORMATS = {4: "%Y", 7: "%B %Y", 10: "%-d %B %Y"}


def readable_date(partial: str | None) -> str | None:
    """2020 -> "2020", 2020-01 -> "January 2020", 2020-01-27 -> "27 January 2020"."""
    if not partial:
        return None
    parts = [int(part) for part in partial.split("-")]
    day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return day.strftime(PRECISION_FORMATS.get(len(partial), PRECISION_FORMATS[10]))


def snapshot_path(database: str | Path) -> Path:
    """Where the latest consistent copy of ``database`` is kept for download
    (``/claims.db`` on the public site; made by ``service/serve.py``)."""
    return Path(database).parent / "snapshot" / f"{DATABASE_NAME}.db"


def metadata() -> dict[str, Any]:
    with METADATA.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_database_path(path: str | Path) -> None:
    if Path(path).stem != DATABASE_NAME:
        raise ValueError(
            f"the published database must be a file named {DATABASE_NAME}.db (got {path}); "
            "its name is part of every public URL"
        )


def datasette_kwargs(database: str | Path) -> dict[str, Any]:
    """Arguments for ``datasette.app.Datasette``, as the tests build it."""
    check_database_path(database)
    return {
        "files": [str(database)],
        "metadata": metadata(),
        "template_dir": str(TEMPLATES),
        "plugins_dir": str(PLUGINS),
        "static_mounts": [(STATIC_MOUNT, str(STATIC))],
        "settings": SETTINGS,
    }


def datasette_command(
    database: str | Path, host: str, port: int, threads: int = 3, inspect_file: str | Path | None = None
) -> list[str]:
    """The ``datasette serve`` command line for the public site.

    Mutable mode by default, because the API writes to the same file. With
    ``inspect_file``, the file is served immutable (``-i``), as a read
    replica of a snapshot, with its counts precomputed by ``datasette inspect``.
    """
    check_database_path(database)
    served = ["-i", str(database), "--inspect-file", str(inspect_file)] if inspect_file else [str(database)]
    command = [
        sys.executable, "-m", "datasette", "serve", *served,
        "--host", host, "--port", str(port),
        "--metadata", str(METADATA),
        "--template-dir", str(TEMPLATES),
        "--plugins-dir", str(PLUGINS),
        "--static", f"{STATIC_MOUNT}:{STATIC}",
    ]  # fmt: skip
    for name, value in {**SETTINGS, "num_sql_threads": threads}.items():
        command += ["--setting", name, str(value).lower() if isinstance(value, bool) else str(value)]
    return command
