"""HTTP caching of the pages other sites load in every reader's browser.

An article that embeds a claim loads its card for each of its readers: the
card, the claim's page, oEmbed, the feed and the network pictures are the hot
paths. This ASGI wrapper gives each of them

- ``Cache-Control`` with the max-age in :data:`RULES` (the README's
  "Caching" section lists them);
- an ``ETag`` from the signature of what the response shows: for a claim,
  the versions of the claim, its speaker, its source, its reviews and every
  claim, speaker and link within two links (``service.network.claim_signature``,
  one indexed statement, the same key the network pictures are kept under);
  for the feed and the speakers' networks, the latest revision; and, in every
  tag, a digest of the site's templates, plugins and settings, so that a new
  release is a new tag;
- a 304 without a body when ``If-None-Match`` names the tag, decided before
  Datasette renders anything.

A response that does have to be sent is kept (an LRU in each process, at
most :data:`RESPONSES_KEPT` responses and :data:`BYTES_KEPT` bytes) under
its path, the query arguments its route reads and its tag, so a spike on one
card renders it once per change. A response to a query with any other
argument (``/network?x=1``), or one argument twice, is sent but not kept:
made-up query strings cannot fill the cache with copies of one page.

The signature is read before the page is rendered: a change made while
rendering leaves an older tag on a newer page, which the next request
corrects; the reverse, an old page under a new tag, cannot happen.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from datasette import hookimpl

from service import config, network
from service.lru import LRU
from service.publish import DATABASE_NAME, METADATA, PLUGINS, STATIC, TEMPLATES
from service.schemas import MAX_ID

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]
Signature = Callable[[sqlite3.Connection, re.Match, str], str | None]

ID = r"(?P<id>[1-9][0-9]{0,18})"
#: A claim's URL, as oEmbed's ``url`` names it (the host is checked by oEmbed itself).
CLAIM_URL_PATH = re.compile(rf"(?:.*)/(?:c|claims/claims)/{ID}/?")

#: Seconds. A claim's page may be a minute stale in a shared cache, a card
#: or a picture five minutes (a corrected verdict reaches an embedding
#: article's readers within five minutes); after that, caches revalidate,
#: which costs one 304.
PAGE_MAX_AGE = 60
EMBED_MAX_AGE = 300
FEED_MAX_AGE = 300
PICTURE_MAX_AGE = 300
#: How long a cache may serve a stale copy while it revalidates in the background.
STALE_WHILE_REVALIDATE = 3600
#: /c/<id> always leads to the same page.
PERMALINK_MAX_AGE = 3600

RESPONSES_KEPT = 1024
#: Larger responses are sent, not kept.
LARGEST_KEPT = 512 * 1024
#: All the kept responses of one site, bodies and headers, in bytes.
BYTES_KEPT = 32 * 1024 * 1024


def _claim(connection: sqlite3.Connection, match: re.Match, query: str) -> str | None:
    claim_id = int(match["id"])
    return network.claim_signature(connection, claim_id) if claim_id <= MAX_ID else None


def _oembed(connection: sqlite3.Connection, match: re.Match, query: str) -> str | None:
    urls = parse_qs(query).get("url")
    try:
        path = urlsplit(urls[0]).path if urls else ""
    except ValueError:
        return None
    named = CLAIM_URL_PATH.fullmatch(path)
    return _claim(connection, named, query) if named else None


def _record(connection: sqlite3.Connection, match: re.Match, query: str) -> str | None:
    return network.record_signature(connection)


def _control(max_age: int) -> str:
    return f"public, max-age={max_age}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"


class Rule(NamedTuple):
    # A NamedTuple, not a dataclass: Datasette loads this module outside sys.modules.
    path: re.Pattern
    cache_control: str
    #: None: Cache-Control only (no ETag, nothing kept).
    signature: Signature | None
    #: Whether the URL may carry a query string (any other is left to Datasette).
    query: bool = False
    #: The query arguments the route reads: a response is kept only for a
    #: query made of these, each at most once, and under them alone.
    reads: tuple[str, ...] = ()
    #: The status a response must have to be given these headers.
    status: int = 200


RULES = (
    Rule(re.compile(rf"/{DATABASE_NAME}/claims/{ID}"), _control(PAGE_MAX_AGE), _claim),
    Rule(re.compile(rf"/c/{ID}"), f"public, max-age={PERMALINK_MAX_AGE}", None, status=302),
    Rule(re.compile(rf"/c/{ID}/embed"), _control(EMBED_MAX_AGE), _claim),
    Rule(
        re.compile(r"/oembed"),
        _control(EMBED_MAX_AGE),
        _oembed,
        query=True,
        reads=("url", "format", "maxwidth", "maxheight"),
    ),
    Rule(re.compile(rf"/{DATABASE_NAME}/claims_feed\.atom"), _control(FEED_MAX_AGE), _record, query=True),
    Rule(re.compile(rf"/c/{ID}/network\.(svg|png)"), _control(PICTURE_MAX_AGE), _claim),
    Rule(re.compile(rf"/c/{ID}/card\.png"), _control(PICTURE_MAX_AGE), _claim),
    # A speaker's picture counts links over many claims: its tag is the
    # record's (one read of the latest revision), though most writes leave it as it is.
    Rule(re.compile(rf"/speakers/{ID}/network\.svg"), _control(PICTURE_MAX_AGE), _record),
    Rule(re.compile(r"/network(\.svg)?"), _control(PICTURE_MAX_AGE), _record, query=True, reads=("top",)),
)


def rule_for(path: str, query: str) -> tuple[Rule, re.Match] | None:
    for rule in RULES:
        match = rule.path.fullmatch(path)
        if match and (rule.query or not query):
            return rule, match
    return None


@lru_cache(maxsize=8)
def release(public_url: str, organization: str) -> str:
    """A digest of what every page is made with besides the data: templates,
    plugins, static files, metadata and the settings pages show."""
    digest = hashlib.blake2b(digest_size=6)
    digest.update(f"{public_url}\n{organization}\n".encode())
    files = sorted(path for folder in (TEMPLATES, PLUGINS, STATIC) for path in folder.rglob("*") if path.is_file())
    for path in [*files, Path(METADATA)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def entity_tag(signature: str) -> str:
    # Weak: the same data renders to the same page, not promised byte for byte.
    return f'W/"{release(config.env("CLAIMS_PUBLIC_URL"), config.organization()["name"])}-{signature}"'


def matches(if_none_match: str, tag: str) -> bool:
    """Whether If-None-Match names ``tag`` (weak comparison, RFC 9110 13.1.2)."""
    if if_none_match.strip() == "*":
        return True
    opaque = tag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(","))


def kept_as(rule: Rule, path: str, query: str) -> str | None:
    """The URL a response is kept under: the path and the arguments its route
    reads, in one order; None when the query has any other argument, or one twice."""
    arguments = parse_qsl(query, keep_blank_values=True)
    names = [name for name, _ in arguments]
    if len(set(names)) != len(names) or not set(names) <= set(rule.reads):
        return None
    return path + "?" + urlencode(sorted(arguments))


def _size(response: tuple[int, list, bytes]) -> int:
    _, headers, body = response
    return len(body) + sum(len(key) + len(value) for key, value in headers)


def kept_responses() -> LRU[tuple[int, list, bytes]]:
    return LRU(RESPONSES_KEPT, max_bytes=BYTES_KEPT, weigh=_size)


#: Headers this wrapper sets; any the page set itself are replaced.
OURS = {b"cache-control", b"etag"}


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def _send(send: Callable, status: int, headers: list, body: bytes, head: bool) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


async def _rendered(app: ASGIApp, scope: dict, receive: Callable) -> tuple[int, list, bytes]:
    """The app's whole response; these pages are small."""
    started: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def keep(message: dict) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    headers = [(bytes(key), bytes(value)) for key, value in started.get("headers", [])]
    return started["status"], headers, b"".join(chunks)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    # One per site: two sites in one process (as in the tests) share nothing.
    responses = kept_responses()

    def wrap(app: ASGIApp) -> ASGIApp:
        async def http_cache(scope: dict, receive: Callable, send: Callable) -> None:
            if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
                await app(scope, receive, send)
                return
            query = scope.get("query_string", b"").decode("latin-1")
            # The path as sent: /claims/claims/%31 is not claim 1's URL (front_door.py).
            path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1").partition("?")[0]
            found = rule_for(path, query)
            if found is None:
                await app(scope, receive, send)
                return
            rule, match = found
            url = kept_as(rule, path, query)
            tag = None
            if rule.signature is not None:
                signature = await datasette.get_database(DATABASE_NAME).execute_fn(
                    lambda connection: rule.signature(connection, match, query)
                )
                tag = entity_tag(signature) if signature is not None else None
            ours = [(b"cache-control", rule.cache_control.encode())]
            if tag is not None:
                ours.append((b"etag", tag.encode()))
                asked = _header(scope, b"if-none-match")
                if asked is not None and matches(asked, tag):
                    await _send(send, 304, ours, b"", head=True)
                    return
                kept = responses.get((url, tag)) if url is not None else None
                if kept is not None:
                    status, headers, body = kept
                    await _send(send, status, headers, body, head=scope["method"] == "HEAD")
                    return
            status, headers, body = await _rendered(app, scope, receive)
            if status == rule.status:
                headers = [(key, value) for key, value in headers if key.lower() not in OURS] + ours
                if tag is not None and url is not None and scope["method"] == "GET" and len(body) <= LARGEST_KEPT:
                    responses.put((url, tag), (status, headers, body))
            await _send(send, status, headers, body, head=False)

        return http_cache

    return wrap
