"""Every line the servers write is a JSON line, in one format."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

from servers import seeded_database, start_datasette, start_gunicorn

from service import logs

ROOT = Path(__file__).resolve().parent.parent


def json_lines(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines, "nothing was written"
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise AssertionError(f"not a JSON line: {line!r}") from error
    for entry in parsed:
        assert tuple(entry)[: len(logs.KEYS)] == logs.KEYS, entry
        assert "message" in entry or "status" in entry, entry
    return parsed


def test_a_real_gunicorn_writes_only_json_lines(tmp_path):
    database = seeded_database(tmp_path / "claims.db")
    server = start_gunicorn(database, tmp_path / "instance", workers=1, CLAIMS_LOG_LEVEL="INFO")
    try:
        server.wait_until_up()
        with urllib.request.urlopen(server.base + "/api/v1/health", timeout=5) as response:
            assert response.status == 200
    finally:
        server.stop()
    lines = json_lines(server.log)
    by_logger = {entry["logger"] for entry in lines}
    assert {"gunicorn.error", "service.access"} <= by_logger
    messages = [entry.get("message", "") for entry in lines if entry["logger"] == "gunicorn.error"]
    assert any(message.startswith("Booting worker") for message in messages)
    assert any(message.startswith("Shutting down") or "Handling signal" in message for message in messages)
    health = [entry for entry in lines if entry.get("path") == "/api/v1/health"]
    assert health and health[0]["status"] == 200 and health[0]["level"] == "info"


def test_the_gunicorn_logging_config_names_the_one_formatter():
    config = logs.gunicorn_logging("info")
    assert config["formatters"] == {"json": {"()": "service.logs.JsonLines"}}
    assert set(config["loggers"]) == {"gunicorn.error", "gunicorn.access"}
    assert config["loggers"]["gunicorn.error"]["level"] == "INFO"


def test_a_real_datasette_writes_only_json_lines(tmp_path):
    database = seeded_database(tmp_path / "claims.db")
    server = start_datasette(database, CLAIMS_LOG_LEVEL="INFO")
    try:
        server.wait_until_up()
        with urllib.request.urlopen(server.base + "/claims/claims.json?_size=1", timeout=10) as response:
            assert response.status == 200
    finally:
        server.stop()
    lines = json_lines(server.log)
    assert {"uvicorn.error", "uvicorn.access"} <= {entry["logger"] for entry in lines}
    access = [entry["message"] for entry in lines if entry["logger"] == "uvicorn.access"]
    assert any('"GET /claims/claims.json?_size=1 HTTP/1.1" 200' in message for message in access)
    assert any(entry.get("message", "").startswith("Finished server process") for entry in lines)


def test_the_supervisors_own_lines_are_json_lines(tmp_path):
    # A snapshot that cannot be taken (no such database) is reported, with
    # its traceback, as a JSON line, in a process of its own.
    program = "\n".join(
        [
            "import threading, time",
            "from service import logs, serve",
            "logs.configure('INFO')",
            "stopping = threading.Event()",
            f"keeper = threading.Thread(target=serve.keep_snapshots, args=({str(tmp_path / 'none' / 'claims.db')!r},"
            " 0.001, stopping))",
            "keeper.start(); time.sleep(0.3); stopping.set(); keeper.join()",
        ]
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (tmp_path / "supervisor.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    lines = json_lines(tmp_path / "supervisor.log")
    assert lines[0]["logger"] == "service.serve" and lines[0]["level"] == "error"
    assert lines[0]["message"].startswith("snapshot of ") and "Traceback" in lines[0]["error"]
