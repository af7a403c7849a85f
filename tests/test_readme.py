"""The README is true: its editor's day runs, its settings and commands exist."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from servers import ROOT, datasette, free_port, gunicorn

from service import auth, cli, config, db, fixtures

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


@pytest.mark.slow
def test_the_editors_day_runs_as_written_against_a_real_server(tmp_path: Path):
    database_path, instance = tmp_path / "claims.db", tmp_path / "instance"
    database = db.connect(database_path)
    db.migrate(database)
    fixtures.load(database, ROOT / "fixtures")
    token = auth.create_token(instance, "readme-editor")
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    settings = {"CLAIMS_PUBLIC_URL": public}
    with gunicorn(database_path, instance, **settings) as base, datasette(database_path, port, **settings) as site:
        assert site == public
        script = "\n".join(shell_blocks(section("An editor's day")))
        script = (
            script.replace("http://127.0.0.1:5000", base)
            .replace("http%3A%2F%2F127.0.0.1%3A8001", quote(public, safe=""))
            .replace("http://127.0.0.1:8001", public)
            .replace("clm_paste_the_token_here", token)
        )
        # Any HTTP error in the walk-through fails the run.
        prelude = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n'
        result = subprocess.run(
            ["bash", "-c", prelude + script], capture_output=True, text=True, timeout=120, cwd=tmp_path
        )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    claim = next(database.query("SELECT * FROM claims WHERE text LIKE 'We had nothing to do%'"))
    assert claim["venue"] == "written statement"
    assert claim["anchor_start"] is not None
    counter = next(database.query("SELECT * FROM claims WHERE text LIKE 'The militia was responsible%'"))
    assert counter["retraction_reason"] == "entered twice"
    # Sent from a JSON file, and anchored at the passage that reports it.
    assert counter["anchor_exact"] == "US officials said the militia was responsible for the drone strike."
    assert counter["anchor_start"] is not None
    assert database["claim_links"].count_where("claim_id = ? AND target_id = ?", [counter["id"], claim["id"]]) == 1
    assert database["appearances"].count_where("claim_id = ?", [claim["id"]]) == 1
    assert database["reviews"].count_where("claim_id = ?", [claim["id"]]) == 1
    assert '"@type": "ClaimReview"' in result.stdout or '"@type":"ClaimReview"' in result.stdout
    assert '"type": "rich"' in result.stdout or '"type":"rich"' in result.stdout
    assert "We had nothing to do with the drone strike." in result.stdout
    database.close()


def test_every_setting_is_documented_with_its_default():
    table = section("Configuration")
    for name, (default, _) in config.ENVIRONMENT.items():
        assert f"| `{name}` | `{default}` |" in table, name


def test_every_command_is_documented():
    table = section("Commands")
    for command in cli.COMMANDS:
        assert f"| `{command.name}" in table, command.name


def test_every_link_relation_is_explained():
    from service import vocab

    rows = re.findall(r"^\| `(\w+)` \| .+ \| (.+) \|$", section("An editor's day"), flags=re.M)
    explained = dict(rows)
    assert set(explained) >= set(vocab.LINK_RELATIONS)
    for relation in vocab.LINK_RELATIONS:
        reads_both_ways = "both ways" in explained[relation]
        assert reads_both_ways == (relation in vocab.SYMMETRIC_RELATIONS), relation
