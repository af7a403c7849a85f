"""Flask commands: ``flask --app service <command>``. The Makefile wraps them."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import auth, db, fixtures
from .extract.cli import extract_command

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _open() -> db.sqlite_utils.Database:
    return db.connect(current_app.config["DATABASE"], synchronous=current_app.config["SYNCHRONOUS"])


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the schema, or upgrade it to the latest version."""
    database = _open()
    try:
        applied = db.migrate(database)
        version = db.schema_version(database)
    finally:
        database.close()
    if applied:
        click.echo(f"Applied migrations {', '.join(map(str, applied))}; schema is at version {version}.")
    else:
        click.echo(f"Schema is up to date (version {version}).")


@click.command("load-fixtures")
@click.option(
    "--dir",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_FIXTURES,
    show_default=True,
    help="Folder of fixture YAML files.",
)
@with_appcontext
def load_fixtures_command(directory: Path) -> None:
    """Load the seed articles; running it again adds nothing."""
    database = _open()
    try:
        db.migrate(database)
        counts = fixtures.load(database, directory)
    except fixtures.FixtureError as error:
        raise click.ClickException(str(error)) from None
    finally:
        database.close()
    for name in sorted(counts):
        click.echo(f"{name}: {counts[name]}")


@click.command("create-token")
@click.argument("name")
@click.option("--role", type=click.Choice(auth.ROLES), default="editor", show_default=True)
@with_appcontext
def create_token_command(name: str, role: str) -> None:
    """Issue a token for NAME. The token is printed alone on the last line."""
    try:
        token = auth.create_token(current_app.instance_path, name, role)
    except auth.TokenError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {role} token {name!r}. It is shown once; only its hash is kept.")
    click.echo(token)


@click.command("revoke-token")
@click.argument("name")
@with_appcontext
def revoke_token_command(name: str) -> None:
    """Revoke the token called NAME; it stops working on the next request."""
    if not auth.revoke_token(current_app.instance_path, name):
        raise click.ClickException(f"no active token named {name!r}")
    click.echo(f"Revoked {name!r}.")


@click.command("list-tokens")
@with_appcontext
def list_tokens_command() -> None:
    """List tokens by name and role (never the tokens themselves)."""
    for token in auth.list_tokens(current_app.instance_path):
        state = f"revoked {token['revoked_at']}" if token["revoked_at"] else "active"
        click.echo(f"{token['name']}\t{token['role']}\t{token['created_at']}\t{state}")


@click.command("bootstrap")
@click.option("--fixtures/--no-fixtures", "with_fixtures", default=True, show_default=True)
@with_appcontext
def bootstrap_command(with_fixtures: bool) -> None:
    """First run: schema, fixtures if the database is new, and a first editor token."""
    first_run(current_app.config["DATABASE"], current_app.instance_path, with_fixtures=with_fixtures)


def first_run(database_path: str | Path, instance_path: str | Path, *, with_fixtures: bool) -> None:
    """Create or upgrade the schema; load the fixtures into a new database;
    print a first editor token if there is no live token yet. What `make
    run` and the container do before they serve."""
    path = Path(database_path)
    fresh = not path.exists()
    database = db.connect(path)
    try:
        db.migrate(database)
        if fresh and with_fixtures:
            counts = fixtures.load(database, DEFAULT_FIXTURES)
            click.echo(f"Built {path} from the fixtures: {counts['claims created']} claims.")
    finally:
        database.close()
    if auth.active_token_count(instance_path) == 0:
        token = auth.create_token(instance_path, "first-editor", "editor")
        click.echo("First editor token (shown once; export it as TOKEN for the README's examples):")
        click.echo(token)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the database to PATH, consistently, while the service keeps writing."""
    if path.resolve() == Path(current_app.config["DATABASE"]).resolve():
        raise click.ClickException("PATH must not be the database itself")
    copied = db.backup(current_app.config["DATABASE"], path)
    click.echo(f"Backed up {copied['claims']} claims (schema {copied['schema_version']}) to {path}.")


COMMANDS = [
    init_db_command,
    load_fixtures_command,
    create_token_command,
    revoke_token_command,
    list_tokens_command,
    bootstrap_command,
    backup_command,
    extract_command,
]


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
