"""The public site against hostile traffic: each attack, against a real ``datasette``."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from servers import seeded_database, start_datasette

pytestmark = pytest.mark.slow

MB = 1024 * 1024
#: What one request may add to Datasette's memory, and how long it may take.
MEMORY_CEILING = 256 * MB
TIME_CEILING = 3.0


def status_line(pid: int, field: str) -> int:
    """A memory figure of a process, in bytes, from /proc (psutil is not needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def reset_peak(pid: int) -> bool:
    """Start VmHWM (peak resident memory) afresh, where the kernel allows it."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Public:
    """A real public site with its process id, to measure what a request costs it."""

    def __init__(self, base: str, pid: int) -> None:
        self.base = base
        self.pid = pid

    def fetch(self, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, bytes, dict]:
        request = urllib.request.Request(self.base + path, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def measure(self, path: str) -> dict:
        """Fetch ``path``; return its status, size, seconds and the memory it added at its peak."""
        reset_peak(self.pid)
        before = status_line(self.pid, "VmRSS")
        started = time.monotonic()
        status, body, _ = self.fetch(path)
        seconds = time.monotonic() - started
        peak = status_line(self.pid, "VmHWM")
        return {"status": status, "bytes": len(body), "seconds": seconds, "growth": max(0, peak - before), "body": body}


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Iterator[Public]:
    folder = tmp_path_factory.mktemp("hostile") / "public"
    folder.mkdir()
    path = seeded_database(folder / "claims.db")
    server = start_datasette(path)
    try:
        server.wait_until_up()
        yield Public(server.base, server.process.pid)
    finally:
        server.stop()


def rows(count: int, value: str) -> str:
    return f"with recursive r(n) as (select 1 union all select n + 1 from r where n < {count}) select n, {value} from r"


HUGE_SQL = {
    "randomblob": "select randomblob(1000000000)",
    "zeroblob": "select zeroblob(1000000000)",
    "printf": "select printf('%.*c', 1000000000, 'x')",
    "replace-growth": "select replace(hex(zeroblob(4000000)), '0', '00000000')",
    "doubling": (
        "with recursive r(s, n) as (select 'x', 0 union all select replace(s, 'x', 'xx'), n + 1 from r where n < 40)"
        " select length(s), s from r"
    ),
    "group-concat": (
        "with recursive r(n) as (select 1 union all select n + 1 from r where n < 10000000)"
        " select group_concat(printf('%.1000c', 'x')) from r"
    ),
    "1000-text-rows-of-1MB": rows(1000, "printf('%.*c', 1000000, 'x')"),
    "1000-blob-rows-of-1MB": rows(1000, "randomblob(1000000)"),
    "1000-arabic-rows-of-1MB": rows(1000, "replace(printf('%.*c', 500000, 'x'), 'x', 'ش')"),
    "instr-quadratic": "select instr(printf('%.*c', 2000000, 'a'), printf('%.*c', 1000000, 'a') || 'b')",
    "replace-quadratic": "select replace(printf('%.*c', 2000000, 'a'), printf('%.*c', 1000000, 'a') || 'b', '')",
    "trim-quadratic": "select length(trim(printf('%.*c', 2000000, 'a'), printf('%.*c', 1000000, 'b') || 'a'))",
    "like-loop": (
        "with recursive r(n, s) as (select 1, printf('%.*c', 2000000, 'a') union all"
        " select n + 1, s from r where n < 100000) select count(s like '%' || printf('%.*c', 60, 'a') || 'b') from r"
    ),
    "upper-loop": (
        "with recursive r(n, s) as (select 1, printf('%.*c', 2000000, 'a') union all"
        " select n + 1, s from r where n < 100000) select count(upper(s)) from r"
    ),
    "json-expansion": "select json_group_array(json_object()) from (select 1 from pragma_table_info('claims'))",
}


@pytest.mark.parametrize("shape", [".json", ".csv", ""], ids=["json", "csv", "html"])
@pytest.mark.parametrize("attack", HUGE_SQL)
def test_no_sql_exhausts_memory_or_holds_a_response(public, attack, shape):
    figures = public.measure(f"/claims{shape}?" + urlencode({"sql": HUGE_SQL[attack]}))
    print(
        f"\n{attack} {shape or '.html'}: status {figures['status']}, {figures['bytes']} bytes,"
        f" {figures['seconds']:.2f} s, peak RSS +{figures['growth'] / MB:.1f} MB"
    )
    assert figures["status"] in (200, 400)
    assert figures["seconds"] < TIME_CEILING
    assert figures["growth"] < MEMORY_CEILING
    assert figures["bytes"] < 64 * MB


def test_a_stopped_query_leaves_no_interrupt_behind(public):
    """A query stopped mid-fetch leaves its cursor active until collected; an
    interrupt meant for a statement that has ended must not reach it, or
    every later statement on that connection would fail."""
    from service.publish.plugins.sql_limits import STATEMENT_SECONDS

    for attack in ("1000-text-rows-of-1MB", "like-loop", "upper-loop", "1000-blob-rows-of-1MB"):
        status, _, _ = public.fetch("/claims.json?" + urlencode({"sql": HUGE_SQL[attack]}))
        assert status == 400, attack
    time.sleep(STATEMENT_SECONDS + 0.5)
    for _ in range(12):  # more than the SQL threads, so every connection is used
        status, body, _ = public.fetch("/claims.json?" + urlencode({"sql": "select count(*) as n from claims"}))
        assert status == 200, body[:300]


def test_readers_keep_sql_json_and_csv(public):
    status, body, _ = public.fetch("/claims.json?" + urlencode({"sql": "select count(*) as n from claims"}))
    assert status == 200 and b'"n"' in body, body[:400]
    for table in ("claims", "speakers", "sources", "revisions", "claim_links", "appearances", "reviews"):
        for shape in (".json", ".csv"):
            status, _, _ = public.fetch(f"/claims/{table}{shape}?_size=max")
            assert status == 200, (table, shape, _[:300])
    status, body, _ = public.fetch("/claims/claims.csv?_stream=on&_size=max")
    assert status == 200 and body.count(b"\n") > 30


def test_a_bad_request_costs_the_site_no_traceback_rendering(public, site):
    """Datasette prints a rich traceback with locals for every error, on the
    event loop; the plugin turns that off (an internal: fail loudly if it moves)."""
    from datasette import handle_exception as datasette_errors

    assert "rich" in vars(datasette_errors) and datasette_errors.rich is None
    sql = "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r"
    for shape in (".json", ".csv", ""):
        figures = public.measure(f"/claims{shape}?" + urlencode({"sql": sql}))
        assert figures["status"] == 400, shape  # stopped by the time limit: the reader's doing, not a 500
        assert figures["seconds"] < 2


@pytest.mark.parametrize("path", ["/claims/contested_claims", "/claims/claims.json", "/claims", "/c/1", "/"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_the_read_only_site_refuses_other_methods_with_405(public, path, method):
    status, _, headers = public.fetch(path, method=method)
    assert status == 405
    assert headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("value", ["abc", "²", "١٠", "-5", "1e3", "9" * 5000, ""])
@pytest.mark.parametrize(
    "path", ["/claims/claims.json", "/claims.json?sql=select+1", "/claims/contested_claims.json", "/claims/claims"]
)
def test_timelimit_must_be_ascii_digits(public, path, value):
    separator = "&" if "?" in path else "?"
    status, body, _ = public.fetch(f"{path}{separator}" + urlencode({"_timelimit": value}))
    assert status == 400
    assert b"_timelimit" in body
    assert public.fetch(f"{path}{separator}_timelimit=50")[0] == 200


# -- 5: facet parameters name columns, nothing else --------------------------

INJECTED_FACETS = [
    ("_facet_published", "compile_options] as value, 1 as count from pragma_compile_options --"),
    ("_facet_tag", "tags]) as t, pragma_compile_options --"),
    ("_facet_published", "nonexistent"),
    ("_facet", "text]"),
    ("_facet_array", "speaker_id; --"),
]


@pytest.mark.parametrize(("argument", "value"), INJECTED_FACETS)
@pytest.mark.parametrize("shape", [".json", ""])
def test_facet_parameters_must_be_columns(public, argument, value, shape):
    status, body, _ = public.fetch(f"/claims/claims{shape}?" + urlencode({argument: value}))
    assert status == 400
    assert b"compile_options" not in body.replace(value.encode(), b"") or b"not a column" in body
    assert b"ENABLE_" not in body  # no compile option was read


async def test_facets_on_real_columns_still_work(site):
    response = await site.client.get("/claims/claims.json?_facet_published=kind&_facet_tag=tags&_facet_size=5")
    assert response.status_code == 200
    names = {facet["name"] for facet in response.json()["facet_results"].values()}
    assert {"kind", "tags"} <= names


# -- arguments Datasette itself would answer with 500 --------------------------


def through(**fields: object) -> str:
    return urlencode({"_through": json.dumps(fields)})


REFUSED_ARGUMENTS = [
    ("/claims/claims.json", "_sort=no_such_column", 400, "_sort"),
    ("/claims/claims.json", "_sort_desc=no_such_column", 400, "_sort_desc"),
    ("/claims/claims.csv", "_sort=no_such_column", 400, "_sort"),
    ("/claims/claims.json", "_sort=id&_sort_desc=id", 400, "_sort_desc"),
    ("/claims/claims.json", "_through=x", 400, "_through"),
    ("/claims/claims.json", through(), 400, "_through"),
    ("/claims/claims.json", through(table="nope", column="id", value=1), 400, "_through"),
    ("/claims/claims.json", through(table="appearances", column="nope", value=1), 400, "_through"),
    ("/claims/claims.json", through(table="appearances", column="source_id", value=[1]), 400, "_through"),
    ("/claims/claims.json", through(table="speaker_aliases", column="speaker_id", value=1), 400, "_through"),
    ("/claims.json", "_shape=array", 400, "_shape"),
    ("/claims.json", "_shape=arrayfirst&sql=", 400, "_shape"),
    ("/claims.csv", "", 404, "CSV"),
]


@pytest.mark.parametrize(("path", "query", "status", "named"), REFUSED_ARGUMENTS)
async def test_arguments_datasette_cannot_answer_are_refused_with_what_is_wrong(site, path, query, status, named):
    response = await site.client.get(f"{path}?{query}")
    assert response.status_code == status
    if path.endswith(".json"):
        error = response.json()
        assert error["ok"] is False and error["status"] == status
        assert named in error["error"]
    else:
        assert named in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/claims/claims.json?_sort=text",
        "/claims/claims.json?_sort_desc=id",
        "/claims/contested_claims.json?_sort=no_such_column",  # a canned query: Datasette ignores _sort
        "/claims/claims.json?" + through(table="appearances", column="source_id", value=1),
        "/claims.csv?sql=select+1",
        "/claims.json?sql=select+1&_shape=array",
        "/claims.json",
    ],
)
async def test_the_same_arguments_used_rightly_still_work(site, url):
    assert (await site.client.get(url)).status_code == 200


SWEPT_PATHS = ["/.json", "/claims", "/claims.json", "/claims.csv", "/claims/claims", "/claims/claims.json"]
SWEPT_PATHS += ["/claims/claims.csv", "/claims/claims/1.json", "/claims/contested_claims.json"]
SWEPT_PATHS += ["/claims/revisions.json"]
SWEPT_ARGUMENTS = ["_shape=array", "_shape=arrayfirst", "_shape=object", "_shape=objects", "_shape=bogus", "_nl=on"]
SWEPT_ARGUMENTS += ["_json=text", "_labels=on", "_extra=x", "_col=zzz", "_nocol=zzz", "_sort=zzz", "_sort_desc=zzz"]
SWEPT_ARGUMENTS += ["_size=-1", "_size=abc", "_size=max", "_next=zz", "_search=%22", "_where=1%3D", "_through=%7B%7D"]
SWEPT_ARGUMENTS += ["_facet_array=tags", "_facet_date=text", "_trace=1", "_stream=1", "_dl=1", "sql=&_shape=array"]


@pytest.mark.parametrize("path", SWEPT_PATHS)
async def test_no_argument_datasette_knows_gets_a_500(site, path):
    failures = []
    for argument in SWEPT_ARGUMENTS:
        response = await site.client.get(f"{path}?{argument}")
        if response.status_code >= 500:
            failures.append((argument, response.status_code))
    assert failures == []


# -- 6: oEmbed parses the URL and the sizes ----------------------------------

PUBLIC = "http://127.0.0.1:8001"  # the default CLAIMS_PUBLIC_URL


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8001.evil.com/c/1",
        "http://127.0.0.1:8001@evil.com/c/1",
        "http://user@127.0.0.1:8001/c/1",
        "http://127.0.0.1:80019/c/1",
        "http://127.0.0.1:99999/c/1",
        "http://127.0.0.1:8002/c/1",
        "https://127.0.0.1:8001/c/1",
        "http://127.0.0.1/c/1",
        "http://127.0.0.1:8001/c/01",
        "http://127.0.0.1:8001/c/\u0661",
        "http://127.0.0.1:8001/x/c/1",
        "http://127.0.0.1:8001/c/1/embed",
        "http://127.0.0.1:x/c/1",
    ],
)
async def test_oembed_takes_only_this_sites_claim_urls(site, url):
    response = await site.client.get("/oembed", params={"url": url, "format": "json"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url", [f"{PUBLIC}/c/1", f"{PUBLIC}/claims/claims/1", "HTTP://127.0.0.1:8001/c/1?x=1#y", f"{PUBLIC}/c/1/"]
)
async def test_oembed_takes_this_sites_claim_urls(site, url):
    response = await site.client.get("/oembed", params={"url": url})
    assert response.status_code == 200 and response.json()["type"] == "rich"


@pytest.mark.parametrize("size", ["²", "³", "\u0664\u0660\u0660", "9" * 5000, "-1", "1.5", "0x10", " 400"])
@pytest.mark.parametrize("argument", ["maxwidth", "maxheight"])
async def test_oembed_refuses_sizes_that_are_not_ascii_numbers(site, argument, size):
    response = await site.client.get("/oembed", params={"url": f"{PUBLIC}/c/1", argument: size})
    assert response.status_code == 400
    assert argument in response.json()["error"]


async def test_oembed_fits_large_and_small_sizes(site):
    body = (await site.client.get("/oembed", params={"url": f"{PUBLIC}/c/1", "maxwidth": "999999"})).json()
    assert body["width"] == 560
    body = (await site.client.get("/oembed", params={"url": f"{PUBLIC}/c/1", "maxheight": "0"})).json()
    assert body["height"] == 120


# -- 8: one URL per record -----------------------------------------------------

NON_CANONICAL = ["034", "0034", "000000000000000034", "~334", "%2034", "34.0", "+34", "3~34", "%EF%BC%93%EF%BC%94"]


@pytest.mark.parametrize("spelling", NON_CANONICAL)
@pytest.mark.parametrize("table", ["claims", "speakers", "sources", "revisions"])
def test_a_record_has_one_url(public, table, spelling):
    status, body, _ = public.fetch(f"/claims/{table}/{spelling}")
    assert status == 404, body[:200]
    assert public.fetch(f"/claims/{table}/{spelling}.json")[0] == 404
    assert public.fetch(f"/claims/{table}/1")[0] == 200


@pytest.mark.parametrize("spelling", NON_CANONICAL + ["%D9%A3%D9%A4", "99999999999999999999", "9223372036854775808"])
def test_a_permalink_has_one_spelling(public, spelling):
    assert public.fetch(f"/c/{spelling}")[0] == 404
    assert public.fetch(f"/c/{spelling}/embed")[0] == 404
    assert public.fetch("/c/1/embed")[0] == 200


# -- 15: absolute links from CLAIMS_PUBLIC_URL -------------------------------


def test_absolute_links_ignore_a_forged_host(public):
    _, body, _ = public.fetch("/claims/claims", headers={"Host": "evil.example"})
    assert b"evil.example" not in body
    assert f"{PUBLIC}/claims/claims?".encode() in body  # facet links
    _, body, _ = public.fetch("/claims/claims.json?_facet=kind", headers={"Host": "evil.example"})
    assert b"evil.example" not in body and b"toggle_url" in body


@pytest.mark.parametrize("suffix", [".0", ".xyz", ".1"])
def test_a_record_has_no_second_url_through_an_unknown_format(public, suffix):
    """Datasette serves an unknown format as HTML; the front door reads its
    renderers (an internal) to refuse those."""
    assert public.fetch(f"/claims/revisions/1{suffix}")[0] == 404
    assert public.fetch("/claims/revisions/1.json")[0] == 200
    assert public.fetch("/claims/revisions/1.csv")[0] == 200


# -- 4: no stored character breaks the feed -----------------------------------


@pytest.mark.parametrize("character", ["\u0001", "\u0008", "\u001b", "\u000b", "\u0000", "\u0085", "\ufffe"])
async def test_a_control_character_stored_in_a_claim_does_not_break_the_feed(site, seeded_file, character):
    """Rows written before the API refused such characters, straight into the file."""
    import sqlite3
    from xml.etree import ElementTree

    connection = sqlite3.connect(seeded_file)
    with connection:
        connection.execute(
            "update claims set text = ?, updated_at = '2999-01-01T00:00:00Z' where id = 1",
            [f"Before{character}after"],
        )
        connection.execute("update speakers set name = name || ? where id = 1", [character])
    connection.close()
    response = await site.client.get("/claims/claims_feed.atom")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    entry = feed.find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}link").get("href").endswith("/c/1")
    title = entry.find("{http://www.w3.org/2005/Atom}title").text
    # SQLite's text functions stop at a NUL; any other character is dropped.
    assert "Beforeafter" in title or (character == "\u0000" and title.endswith("Before"))


# -- 14: the whole database, as a file ----------------------------------------


async def test_the_database_downloads_from_its_latest_snapshot(site, seeded_file, tmp_path):
    import sqlite3

    from service import publish, serve

    response = await site.client.get("/claims.db")
    assert response.status_code == 404 and b"snapshot" in response.content
    serve.take_snapshot(seeded_file)  # what the supervisor does at start
    snapshot = publish.snapshot_path(seeded_file)
    assert snapshot.exists()

    response = await site.client.get("/claims.db")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.sqlite3"
    assert int(response.headers["content-length"]) == len(response.content) == snapshot.stat().st_size
    assert response.headers["last-modified"].endswith("GMT")
    assert 'filename="claims-' in response.headers["content-disposition"]
    downloaded = tmp_path / "downloaded.db"
    downloaded.write_bytes(response.content)
    connection = sqlite3.connect(downloaded)
    assert connection.execute("select count(*) from claims").fetchone()[0] == 33
    connection.close()
    head = await site.client.head("/claims.db")
    assert head.status_code == 200 and head.content == b""


def test_the_supervisor_keeps_a_snapshot_a_real_datasette_serves(tmp_path):
    import threading

    from servers import datasette

    from service import publish, serve

    folder = tmp_path / "data"
    folder.mkdir()
    path = seeded_database(folder / "claims.db")
    stopping = threading.Event()
    keeper = threading.Thread(target=serve.keep_snapshots, args=(path, 60, stopping))
    keeper.start()
    deadline = time.monotonic() + 30
    while not publish.snapshot_path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    stopping.set()
    keeper.join(timeout=30)
    assert not keeper.is_alive()
    with datasette(path) as base:
        with urllib.request.urlopen(base + "/claims.db", timeout=30) as response:
            body = response.read()
    assert body[:16] == b"SQLite format 3\x00"
    assert len(body) == publish.snapshot_path(path).stat().st_size


@pytest.mark.parametrize(("value", "minutes"), [("60", 60), ("0", 0), ("abc", None), ("1.5", None), ("\u0665", None)])
def test_the_snapshot_interval_is_whole_minutes(monkeypatch, value, minutes):
    from service import serve

    monkeypatch.setenv("CLAIMS_SNAPSHOT_MINUTES", value)
    assert serve.snapshot_minutes() == minutes
