"""Schemathesis against the OpenAPI document, every operation, default checks.

It runs as a real client against a real gunicorn, authenticated with an
admin token (so every write is reachable), for a bounded time. Any failure
of any default check fails the test; the report is kept in artifacts/.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from servers import ROOT, gunicorn

from service import auth

pytestmark = pytest.mark.slow

FUZZ_SECONDS = os.environ.get("CLAIMS_FUZZ_SECONDS", "120")
REPORT = ROOT / "artifacts" / "schemathesis.txt"


def test_schemathesis_finds_no_failures(seeded_file: Path):
    instance = seeded_file.parent / "instance"
    token = auth.create_token(instance, "fuzzer", "admin")
    with gunicorn(seeded_file, instance) as api:
        result = subprocess.run(
            [
                str(Path(sys.executable).with_name("st")),
                "--config-file",
                str(ROOT / "tests" / "fuzz" / "schemathesis.toml"),
                "run",
                f"{api}/api/v1/openapi.json",
                "--max-time",
                FUZZ_SECONDS,
            ],  # fmt: skip
            cwd=ROOT,
            env={
                **os.environ,
                "CLAIMS_FUZZ_TOKEN": token,
                "CLAIMS_FUZZ_CACHE": str(seeded_file.parent / "schemathesis-cache"),
                "SCHEMATHESIS_HOOKS": "tests.fuzz.hooks",
            },
            capture_output=True,
            text=True,
            timeout=int(FUZZ_SECONDS) + 300,
        )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(result.stdout + result.stderr, encoding="utf-8")
    summary = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert result.returncode == 0, result.stdout[-4000:]
    assert summary, result.stdout[-2000:]
    generated, passed = map(int, summary.groups())
    assert generated == passed > 1000
    selected, total = map(int, re.search(r"Selected: (\d+)/(\d+)", result.stdout).groups())
    assert selected == total >= 30  # every operation in the document
    print(f"schemathesis: {total} operations, {generated} cases, all passed")
