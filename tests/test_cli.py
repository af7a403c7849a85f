"""The Flask commands the Makefile wraps."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from service import auth


def test_create_token_prints_the_token_alone_on_the_last_line(runner, app, client):
    result = runner.invoke(args=["create-token", "desk-editor"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("clm_") and " " not in token
    response = client.post(
        "/api/v1/speakers", json={"name": "A", "kind": "person"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201
    assert client.get(response.headers["Location"]).status_code == 200


def test_only_the_hash_of_a_token_is_kept(runner, app):
    token = runner.invoke(args=["create-token", "desk-editor"]).output.strip().splitlines()[-1]
    raw = Path(app.instance_path, "tokens.db").read_bytes()
    assert token.encode() not in raw
    stored = sqlite3.connect(Path(app.instance_path, "tokens.db")).execute("SELECT token_hash FROM tokens").fetchall()
    assert stored == [(hashlib.sha256(token.encode()).hexdigest(),)]


def test_a_second_active_token_with_the_same_name_is_refused(runner):
    assert runner.invoke(args=["create-token", "desk"]).exit_code == 0
    again = runner.invoke(args=["create-token", "desk"])
    assert again.exit_code != 0
    assert "revoke it first" in again.output


def test_revoke_token(runner, app, client):
    token = runner.invoke(args=["create-token", "leaver"]).output.strip().splitlines()[-1]
    result = runner.invoke(args=["revoke-token", "leaver"])
    assert result.exit_code == 0
    response = client.post(
        "/api/v1/speakers", json={"name": "A", "kind": "person"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401
    assert runner.invoke(args=["revoke-token", "leaver"]).exit_code != 0
    listed = runner.invoke(args=["list-tokens"]).output
    assert "leaver\teditor" in listed and "revoked" in listed
    assert token not in listed


def test_admin_tokens(runner, app):
    token = runner.invoke(args=["create-token", "chief", "--role", "admin"]).output.strip().splitlines()[-1]
    assert auth.authenticate(app.instance_path, f"Bearer {token}") == ("chief", "admin")


def test_bootstrap_builds_the_database_and_a_first_token_once(tmp_path, monkeypatch):
    from service import create_app

    app = create_app({"DATABASE": tmp_path / "new.db", "INSTANCE_PATH": tmp_path / "instance"})
    runner = app.test_cli_runner()
    first = runner.invoke(args=["bootstrap"])
    assert first.exit_code == 0, first.output
    assert "Built" in first.output and "33 claims" in first.output
    token = first.output.strip().splitlines()[-1]
    assert auth.authenticate(app.instance_path, f"Bearer {token}")[0] == "first-editor"
    second = runner.invoke(args=["bootstrap"])
    assert second.exit_code == 0
    assert "token" not in second.output.lower()


def test_init_db_reports_the_schema_version(runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "up to date" in result.output
