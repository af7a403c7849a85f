"""Fixtures: a fresh database file per test, the real app, real tokens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from servers import seeded_database

from service import auth, create_app, db, fixtures

# The browser and page fixtures (Debian's Chromium under Playwright).
pytest_plugins = ["chromium"]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    database = db.connect(tmp_path / "claims.db")
    db.migrate(database)
    database.close()
    return create_app(
        {
            "TESTING": True,
            "DATABASE": tmp_path / "claims.db",
            "INSTANCE_PATH": tmp_path / "instance",
            "PUBLIC_URL": "https://claims.example.org",
        }
    )


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@pytest.fixture
def editor_token(app: Flask) -> str:
    return auth.create_token(app.instance_path, "test-editor", "editor")


@pytest.fixture
def admin_token(app: Flask) -> str:
    return auth.create_token(app.instance_path, "test-admin", "admin")


@pytest.fixture
def editor(editor_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {editor_token}"}


@pytest.fixture
def admin(admin_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token}"}


@pytest.fixture
def seeded(app: Flask) -> Flask:
    """The app, with the seed articles loaded."""
    database = db.connect(app.config["DATABASE"])
    fixtures.load(database, FIXTURES)
    database.close()
    return app


@pytest.fixture
def database(app: Flask) -> Iterator[db.sqlite_utils.Database]:
    """A second connection to the test's file, for looking behind the API."""
    connection = db.connect(app.config["DATABASE"])
    yield connection
    connection.close()


def snapshot(connection: db.sqlite_utils.Database) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a rejected request changed nothing."""
    tables = [
        row[0]
        for row in connection.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '%_fts%' ORDER BY name"
        )
    ]
    # Sorted, because some tables have no rowid to order by.
    return {table: sorted(connection.conn.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr) for table in tables}


@pytest.fixture
def unchanged(database: db.sqlite_utils.Database):  # type: ignore[no-untyped-def]
    """``with unchanged(): ...`` fails if the block changed any stored row."""
    from contextlib import contextmanager

    @contextmanager
    def check() -> Iterator[None]:
        before = snapshot(database)
        yield
        assert snapshot(database) == before

    return check


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    """A claims.db built by the fixtures loader, in a temp dir."""
    path = tmp_path / "public" / "claims.db"
    path.parent.mkdir()
    return seeded_database(path)


@pytest.fixture
async def site(seeded_file: Path):
    """The public Datasette site over the seeded file, with Datasette's own client."""
    from datasette.app import Datasette

    from service import publish

    datasette = Datasette(**publish.datasette_kwargs(seeded_file))
    await datasette.invoke_startup()
    return datasette


@pytest.fixture
def runner_for(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A CLI runner for the app over a given database file."""

    def make(database: Path):  # type: ignore[no-untyped-def]
        app = create_app({"DATABASE": database, "INSTANCE_PATH": tmp_path / "cli-instance"})
        return app.test_cli_runner()

    return make


@pytest.fixture(autouse=True)
def _close_kept_connections():
    """The app keeps a connection per thread between requests; each test's
    files are closed when the test ends."""
    yield
    db.close_cached_connections()
    db.close_writer_queues()
