"""The API under hostile traffic, against the real server process: stalled
and malformed connections, over-long lines, numbers past Python's limits,
non-canonical ids, and If-Match lists read as RFC 9110 says."""

from __future__ import annotations

import json
import socket
import stat
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from servers import seeded_database, start_gunicorn

from bench.server import STALLS, closed_by_server, health_latencies, stall
from service import auth, create_app
from service.api.common import RecordId
from service.waitress_worker import MAX_REQUEST_HEAD, MAX_REQUEST_LINE

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CLIENT_TIMEOUT = 3
MAX_BODY = 100_000
DIGITS = "1" * 5000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One real server over the seed data, for the whole module."""
    folder = tmp_path_factory.mktemp("hostile")
    seeded_database(folder / "claims.db")
    token = auth.create_token(folder / "instance", "hostile-editor")
    server = start_gunicorn(
        folder / "claims.db",
        folder / "instance",
        CLAIMS_API_CLIENT_TIMEOUT=str(CLIENT_TIMEOUT),
        CLAIMS_MAX_BODY_BYTES=str(MAX_BODY),
    )
    try:
        server.wait_until_up()
        yield server.base, int(server.base.rsplit(":", 1)[1]), token
    finally:
        server.stop()


def raw(port: int, data: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are and read the answer. The sending goes on in the
    background: a server refusing a request answers before reading all of
    it, then closes, and what it left unread resets the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        threading.Thread(target=_send_until_refused, args=(connection, data), daemon=True).start()
        return _read_answer(connection)


def _read_answer(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
        if b"\r\n\r\n" in answer:
            status, headers, body = parse(answer)
            if len(body) >= int(headers.get("content-length", "0")):
                break
    return parse(answer)


def _send_until_refused(connection: socket.socket, data: bytes) -> None:
    try:
        connection.sendall(data)
    except OSError:
        pass


def parse(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, body


def problem(status: int, headers: dict[str, str], body: bytes) -> dict:
    assert headers["content-type"] == "application/problem+json", (status, headers, body)
    document = json.loads(body)
    assert document["status"] == status
    assert document["detail"]
    return document


def call(base: str, path: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


# -- slow clients -------------------------------------------------------------


def test_stalled_connections_of_every_kind_do_not_hold_the_api(served, capsys):
    base, port, _ = served
    stalled = [stall(port, kind) for kind in STALLS for _ in range(50)]
    opened = time.monotonic()
    latencies = health_latencies(base, 100, timeout=5)
    p99 = latencies[98]
    assert p99 < 1000, latencies[-5:]
    # Each is closed once idle for CLAIMS_API_CLIENT_TIMEOUT, give or take the
    # one-second sweep; without a word, as nothing was asked in full.
    assert not any(closed_by_server(connection) for connection in stalled[:: len(stalled) // 10])
    while time.monotonic() - opened < CLIENT_TIMEOUT + 3:
        if all(closed_by_server(connection) for connection in stalled):
            break
        time.sleep(0.2)
    closed_after = time.monotonic() - opened
    assert all(closed_by_server(connection) for connection in stalled)
    for connection in stalled:
        connection.close()
    with capsys.disabled():
        print(f"\n/health with 150 stalled connections: p99 {p99:.1f} ms; stalled closed after {closed_after:.1f} s")


# -- over-long request lines and heads ----------------------------------------


def test_a_20_mb_request_line_is_414_at_once(served, capsys):
    _, port, _ = served
    line = b"GET /api/v1/claims?q=" + b"a" * 20_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    started = time.perf_counter()
    status, headers, body = raw(port, line)
    elapsed = time.perf_counter() - started
    assert status == 414
    problem(414, headers, body)
    assert elapsed < 1
    with capsys.disabled():
        print(f"\n20 MB request line: 414 after {elapsed * 1000:.1f} ms")


def test_every_query_the_document_allows_fits_the_request_line(app):
    """A valid request is never a 414: each operation's longest query, every
    character a four-byte one percent-escaped (12 bytes), fits the limit."""
    document = app.test_client().get("/api/v1/openapi.json").json
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            query = [parameter for parameter in operation.get("parameters", []) if parameter["in"] == "query"]
            longest = sum(
                len(parameter["name"]) + 2 + 12 * parameter["schema"].get("maxLength", 20) for parameter in query
            )
            line = len(f"{method.upper()} {path} HTTP/1.1") + 20 + longest  # 20: a path id of 19 digits, and "?"
            assert line <= MAX_REQUEST_LINE, (method, path, line)


@pytest.mark.parametrize(("length", "status"), [(MAX_REQUEST_LINE - 100, 200), (MAX_REQUEST_LINE + 1, 414)])
def test_the_request_line_limit(served, length, status):
    _, port, _ = served
    # A repeated parameter is refused (422) only once a line gets to the app.
    target = "/api/v1/health?pad=" + "x" * (length - len("GET /api/v1/health?pad= HTTP/1.1"))
    line = f"GET {target} HTTP/1.1"
    assert len(line) == length
    got, headers, body = raw(port, f"{line}\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert got == status
    if status != 200:
        problem(status, headers, body)


def test_a_request_head_over_the_limit_is_431(served):
    _, port, _ = served
    headers = "".join(f"X-Padding-{number}: {'y' * 1000}\r\n" for number in range(MAX_REQUEST_HEAD // 1000 + 1))
    status, answer_headers, body = raw(port, f"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
    assert status == 431
    problem(431, answer_headers, body)


# -- bodies ------------------------------------------------------------------


def post(token: str, extra_headers: str, body: bytes) -> bytes:
    return (
        f"POST /api/v1/claims HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nConnection: close\r\n{extra_headers}\r\n"
    ).encode() + body


def test_a_malformed_chunk_size_is_400(served):
    _, port, token = served
    status, headers, body = raw(port, post(token, "Transfer-Encoding: chunked\r\n", b"zz\r\n{}\r\n0\r\n\r\n"))
    assert status == 400
    assert "chunk" in problem(400, headers, body)["detail"].lower()


def test_an_unknown_transfer_coding_is_501(served):
    _, port, token = served
    status, headers, body = raw(port, post(token, "Transfer-Encoding: gzip, chunked\r\n", b"0\r\n\r\n"))
    assert status == 501
    problem(501, headers, body)


@pytest.mark.parametrize("size", [MAX_BODY + 1, 4 * MAX_BODY])
def test_a_chunked_body_over_the_limit_is_413_as_a_plain_one(served, size):
    _, port, token = served
    payload = b'{"text": "' + b"a" * (size - 12) + b'"}'
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in _parts(payload, 8192)) + b"0\r\n\r\n"
    plain = (f"Content-Length: {len(payload)}\r\n", payload)
    for headers, body in (("Transfer-Encoding: chunked\r\n", chunked), plain):
        status, answer_headers, answer = raw(port, post(token, headers, body))
        assert status == 413, headers
        problem(413, answer_headers, answer)


def _parts(data: bytes, size: int) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def test_a_huge_content_length_is_413_before_the_body(served):
    _, port, token = served
    status, headers, body = raw(port, post(token, "Content-Length: 10000000000\r\n", b"{"))
    assert status == 413
    problem(413, headers, body)


def test_a_content_length_of_5000_digits_is_400(served):
    _, port, token = served
    status, headers, body = raw(port, post(token, f"Content-Length: {DIGITS}\r\n", b"{}"))
    assert status == 400
    problem(400, headers, body)


# -- numbers and names Python cannot take as they come --------------------------


def test_numbers_of_5000_digits_and_a_lone_surrogate_field_are_4xx(served):
    base, _, token = served
    write = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = f'{{"text": "Five thousand digits", "kind": "paraphrase", "speaker_id": {DIGITS}, "source_id": 1}}'
    status, headers, answer = call(base, "/api/v1/claims", "POST", body.encode(), write)
    assert status == 400
    problem(400, headers, answer)

    status, headers, answer = call(base, f"/api/v1/claims?limit={DIGITS}")
    assert status == 422
    assert [error["field"] for error in problem(422, headers, answer)["errors"]] == ["limit"]

    status, headers, answer = call(base, "/api/v1/claims", "POST", b'{"\\ud800": 1}', write)
    assert status == 422
    fields = [error["field"] for error in problem(422, headers, answer)["errors"]]
    assert "\ud800" in fields  # escaped in the JSON text, as it was sent

    status, headers, answer = call(base, f"/api/v1/claims/{DIGITS}")
    assert status == 404
    problem(404, headers, answer)

    status, headers, answer = call(
        base, "/api/v1/claims/1", "PATCH", b'{"venue": "x"}', {**write, "If-Match": f'"claim-1-v{DIGITS}"'}
    )
    assert status == 412
    problem(412, headers, answer)


# -- one URL per record ----------------------------------------------------------


def id_routes() -> list[tuple[str, tuple[str, ...]]]:
    """Every API route with a record id in its path, and its id arguments."""
    app = create_app({"TESTING": True, "DATABASE": ":memory:", "INSTANCE_PATH": "instance"})
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.arguments and rule.rule.startswith("/api/v1/") and rule.endpoint != "swagger_ui_assets":
            routes[rule.rule] = tuple(sorted(rule.arguments))
    return sorted(routes.items())


def test_every_id_in_a_path_is_read_by_the_record_id_converter():
    app = create_app({"TESTING": True, "DATABASE": ":memory:", "INSTANCE_PATH": "instance"})
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule in dict(id_routes())]
    assert len(rules) >= 11
    for rule in rules:
        converters = rule._converters  # werkzeug keeps a rule's converters here
        assert all(isinstance(converters[name], RecordId) for name in rule.arguments), rule.rule


@pytest.mark.parametrize("spelling", ["%EF%BC%91", "%D9%A1", "01", "034", "+1", "1.0", "0", "9223372036854775808"])
def test_only_one_spelling_of_an_id_names_a_record(served, spelling):
    base, _, _ = served
    for route, arguments in id_routes():
        for odd in arguments:
            path = route
            for name in arguments:
                path = path.replace(f"<{name}>", spelling if name == odd else "1")
            status, headers, answer = call(base, path)
            assert status == 404, (path, spelling)
            problem(404, headers, answer)


def test_the_canonical_id_reaches_the_record(served):
    base, _, _ = served
    assert call(base, "/api/v1/claims/1")[0] == 200
    assert call(base, "/api/v1/speakers/1")[0] == 200
    assert call(base, "/api/v1/sources/1")[0] == 200


# -- If-Match -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("if_match", "status"),
    [
        ('W/"claim-{id}-v{v}"', 412),
        ('"claim-{pid}-v{v}"', 412),
        ('"claim-{id}-v0{v}"', 412),
        ("claim-{id}-v{v}", 412),
        ('"claim-{id}-v{v}", "claim-{id}-v9999"', 200),
        ('"speaker-1-v1", "claim-{id}-v{v}"', 200),
        ('"claim-{id}-v{v}", "speaker-1-v1"', 200),
        ('W/"claim-{id}-v{v}", "claim-{id}-v{v}"', 200),
        ('"claim-{id}-v{v}"', 200),
        ("*", 200),
    ],
)
def test_if_match_compares_strongly(served, if_match, status):
    base, _, token = served
    write = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    text = f"If-Match probe {time.time_ns()}"
    body = json.dumps({"text": text, "kind": "paraphrase", "speaker_id": 1, "source_id": 1})
    created, headers, answer = call(base, "/api/v1/claims", "POST", body.encode(), write)
    assert created == 201, answer
    record = json.loads(answer)
    tag = if_match.format(id=record["id"], v=record["version"], pid=f"00{record['id']}")
    got, headers, answer = call(
        base, f"/api/v1/claims/{record['id']}", "PATCH", b'{"venue": "probe"}', {**write, "If-Match": tag}
    )
    assert got == status, (tag, answer)


def test_an_if_match_list_naming_two_versions_matches_the_current_one(served):
    base, _, token = served
    write = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps({"text": "Two versions probe", "kind": "paraphrase", "speaker_id": 1, "source_id": 1})
    record = json.loads(call(base, "/api/v1/claims", "POST", body.encode(), write)[2])
    stale_then_current = f'"claim-{record["id"]}-v9999", "claim-{record["id"]}-v{record["version"]}"'
    got, _, answer = call(
        base, f"/api/v1/claims/{record['id']}", "PATCH", b'{"venue": "x"}', {**write, "If-Match": stale_then_current}
    )
    assert got == 200, answer


# -- the instance folder ----------------------------------------------------------


def test_the_instance_folder_and_tokens_are_the_owners_alone(tmp_path):
    instance = tmp_path / "instance"
    auth.create_token(instance, "someone")
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert stat.S_IMODE((instance / "tokens.db").stat().st_mode) == 0o600
    # A folder made earlier, more open, is closed up too.
    instance.chmod(0o755)
    (instance / "tokens.db").chmod(0o644)
    auth.create_token(instance, "someone-else")
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert stat.S_IMODE((instance / "tokens.db").stat().st_mode) == 0o600
    for sidecar in instance.glob("tokens.db-*"):
        assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0, sidecar
