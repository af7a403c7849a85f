"""A spike on embedded claims at 1,000,000 claims: ``python -m bench.spike``.

Side by side in one run, with wrk (the same connections and duration for
each, taking turns, best of the rounds), against one ``datasette`` process
serving the corpus of bench/corpora/:

- embed cards, ``/c/<id>/embed``: one card read by everyone (an article's
  readers), and cards of random linked claims (a spread of articles);
- 304 revalidations: the same cards asked with ``If-None-Match``;
- Datasette's own row JSON, ``/claims/claims/<id>.json``, random claims;
- a static file of the card's size served by ``python -m http.server``.

Targets: embed cards at 1x Datasette's row JSON or more; 304s at 3x or more.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.network import linked_claims
from bench.run import ROOT, corpus, free_port, machine, wait_for, wrk
from service import publish

CONNECTIONS = 4
ROUNDS = 2
#: Cards asked for in the "spread" measures: ids chosen among linked claims.
SPREAD = 2000
STATIC = "static file (python -m http.server)"

LUA_PATHS = """
local paths = {%s}
local tags = {%s}
local conditional = os.getenv("BENCH_CONDITIONAL") == "1"
local n = 0
function setup(thread)
  thread:set("offset", math.random(1, #paths))
end
function request()
  n = n + 1
  local i = (offset + n) %% #paths + 1
  if conditional then
    return wrk.format("GET", paths[i], {["If-None-Match"] = tags[i]})
  end
  return wrk.format("GET", paths[i])
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tagged(base: str, paths: list[str]) -> list[str]:
    """Each path's ETag, asked once (which also renders and keeps the card)."""
    found = []
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            found.append(response.headers["ETag"])
    return found


def script(folder: Path, name: str, paths: list[str], tags: list[str]) -> Path:
    path = folder / f"{name}.lua"
    path.write_text(LUA_PATHS % (", ".join(map(lua_string, paths)), ", ".join(map(lua_string, tags))), encoding="utf-8")
    return path


def run(url: str, script_path: Path, conditional: bool = False) -> dict[str, float]:
    # An absolute path: bench.run.wrk joins it to bench/wrk/, which keeps it as it is.
    return wrk(url, str(script_path), CONNECTIONS, {"BENCH_CONDITIONAL": "1" if conditional else "0"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = parser.parse_args()
    database, _ = corpus(arguments.size)
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    spread = linked_claims(connection, SPREAD)
    (max_id,) = connection.execute("SELECT max(id) FROM claims").fetchone()
    connection.close()

    port, static_port = free_port(), free_port()
    base, static_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{static_port}"
    env = {**os.environ, "CLAIMS_PUBLIC_URL": base, "CLAIMS_LOG_LEVEL": "WARNING"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        site = subprocess.Popen(publish.datasette_command(database, "127.0.0.1", port), cwd=ROOT, env=env, **quiet)
        static = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(static_port), "--bind", "127.0.0.1", "--directory", scratch],
            **quiet,
        )
        try:
            wait_for(base + "/-/versions.json", site)
            one = [f"/c/{spread[0]}/embed"]
            many = [f"/c/{claim}/embed" for claim in spread]
            with urllib.request.urlopen(base + one[0], timeout=30) as response:
                (folder / "card.html").write_bytes(response.read())
            wait_for(static_base + "/card.html", static)
            rows = [f"/claims/claims/{claim}.json" for claim in spread]
            scripts = {
                "one card": (script(folder, "one", one, tagged(base, one)), False),
                "cards of 2,000 claims": (script(folder, "many", many, tagged(base, many)), False),
                "304, one card": (script(folder, "one", one, tagged(base, one)), True),
                "304, cards of 2,000 claims": (script(folder, "many", many, tagged(base, many)), True),
                "Datasette row JSON, 2,000 claims": (script(folder, "rows", rows, [""] * len(rows)), False),
            }
            static_script = script(folder, "static", ["/card.html"], [""])
            best: dict[str, dict[str, float]] = {}
            load_before = os.getloadavg()
            for _ in range(arguments.rounds):
                for name, (path, conditional) in scripts.items():
                    result = run(base, path, conditional)
                    if name not in best or result["rps"] > best[name]["rps"]:
                        best[name] = result
                result = run(static_base, static_script)
                if STATIC not in best or result["rps"] > best[STATIC]["rps"]:
                    best[STATIC] = result
            load_after = os.getloadavg()
        finally:
            for process in (site, static):
                process.terminate()
                process.wait()

    reference = best["Datasette row JSON, 2,000 claims"]["rps"]
    print(f"# A spike on embedded claims at {arguments.size:,} claims ({machine()})")
    print(f"wrk: {CONNECTIONS} connections, 2 threads, best of {arguments.rounds} rounds taken in turn;")
    loads = [" ".join(f"{load:.2f}" for load in loads) for loads in (load_before, load_after)]
    print(f"load average before {loads[0]}, after {loads[1]}")
    print(f"largest claim id: {max_id}")
    print()
    print("| measure | req/s | p50 ms | p99 ms | errors | x Datasette row JSON |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, result in best.items():
        print(
            f"| {name} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {result['errors']:.0f}"
            f" | {result['rps'] / reference:.2f}x |"
        )


if __name__ == "__main__":
    main()
