"""Our Datasette plugin: permalinks, and the claim, speaker and source pages.

Loaded with ``--plugins-dir``. The pages are built by the same store
functions the API answers with, run on Datasette's read-only connection, so
the public page and the API's JSON cannot disagree.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

import sqlite_utils
from datasette import Response, hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import BadRequest
from markupsafe import Markup, escape

from service import claimreview, config
from service.errors import NotFound
from service.publish import DATABASE_NAME, passages, readable_date
from service.schemas import MAX_ID
from service.store import claims, records, reviews, sources, speakers
from service.vocab import COUNTED_FACETS

#: Columns of canned queries that hold a record's id, and the table it is in.
ID_COLUMNS = {"claim_id": "claims", "counter_claim_id": "claims", "speaker_id": "speakers"}

RELATION_LABELS = {
    ("supports", "outgoing"): "Supports",
    ("supports", "incoming"): "Supported by",
    ("responds_to", "outgoing"): "Responds to",
    ("responds_to", "incoming"): "Answered by",
    ("qualifies", "outgoing"): "Qualifies",
    ("qualifies", "incoming"): "Qualified by",
    ("repeats", "outgoing"): "Repeats",
    ("repeats", "incoming"): "Repeated by",
}


def public_url() -> str:
    return config.env("CLAIMS_PUBLIC_URL").rstrip("/")


def isolate(text: Any) -> str:
    """Text wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, for
    places markup cannot reach (a page's title, an attribute), so that an
    override inside it cannot reorder what follows."""
    return f"\u2068{text}\u2069"


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["readable_date"] = readable_date
    env.filters["isolate"] = isolate


@hookimpl
def startup(datasette: Any) -> None:
    if DATABASE_NAME not in datasette.databases:
        raise RuntimeError(f"the claims site needs a database named {DATABASE_NAME!r} ({DATABASE_NAME}.db)")
    if not public_url().startswith(("http://", "https://")):
        raise RuntimeError("CLAIMS_PUBLIC_URL must be an http(s) URL")


async def permalink(datasette: Any, request: Any) -> Response:
    """/c/<id>: the stable public URL of a claim. It redirects (302, so that
    the row page's address may change without breaking caches) to the page."""
    claim_id = claim_id_of(request.url_vars["claim_id"])
    database = datasette.get_database(DATABASE_NAME)
    found = claim_id is not None and (await database.execute("select id from claims where id = ?", [claim_id])).first()
    if not found:
        return Response.html("<h1>No such claim</h1>", status=404)
    return Response.redirect(datasette.urls.row(DATABASE_NAME, "claims", claim_id))


#: A claim's id as it is written in a URL: ASCII digits, no leading zero, at
#: most SQLite's largest integer. Any other spelling is no claim's URL (404),
#: so that one claim never has two addresses.
CLAIM_ID = r"(?P<claim_id>[1-9][0-9]{0,18})"


def claim_id_of(text: str) -> int | None:
    """The claim id ``text`` names canonically, or None."""
    if re.fullmatch(CLAIM_ID, text) and int(text) <= MAX_ID:
        return int(text)
    return None


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (rf"^/c/{CLAIM_ID}$", permalink),
        (rf"^/c/{CLAIM_ID}/embed$", embed),
        (r"^/oembed$", oembed),
    ]


@hookimpl
def register_magic_parameters() -> list[tuple[str, Any]]:
    """``:_claims_public_url`` and ``:_claims_organization`` for canned queries."""
    values = {"public_url": public_url, "organization": lambda: config.organization()["name"]}

    def magic(key: str, request: Any) -> str:
        return values[key]()

    return [("claims", magic)]


# -- embedding a claim in another article ----------------------------------

EMBED_WIDTH, EMBED_HEIGHT = 560, 260
MIN_WIDTH, MIN_HEIGHT = 200, 120
#: A claim's URL on this site: the permalink or the page it redirects to.
CLAIM_PATH = re.compile(rf"/(?:c|claims/claims)/{CLAIM_ID}/?")
#: oEmbed's maxwidth and maxheight, in pixels.
PIXELS = re.compile(r"[0-9]{1,6}")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _card(connection: Any, claim_id: int) -> dict[str, Any] | None:
    db = sqlite_utils.Database(connection, execute_plugins=False)
    try:
        claim = claims.get(db, claim_id, public_url(), retracted=True)
    except NotFound:
        return None
    return {"claim": claim, "said_on_text": readable_date(claim["said_on"])}


async def embed(datasette: Any, request: Any) -> Response:
    """/c/<id>/embed: a small self-contained card for another article's iframe."""
    claim_id = claim_id_of(request.url_vars["claim_id"])
    card = None
    if claim_id is not None:
        card = await datasette.get_database(DATABASE_NAME).execute_fn(lambda connection: _card(connection, claim_id))
    if card is None:
        return Response.html("<p>No such claim.</p>", status=404)
    html = await datasette.render_template("claim_embed.html", card, request=request)
    # Any page may frame the card; it runs no script and loads nothing else.
    return Response.html(
        html,
        headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
            "Cache-Control": "public, max-age=300",
        },
    )


def _origin(scheme: str, host: str | None, port: int | None) -> tuple[str, str, int | None]:
    scheme = scheme.lower()
    return scheme, (host or "").lower(), port or DEFAULT_PORTS.get(scheme)


def claim_in_url(url: str) -> int | None:
    """The claim a URL names, if it is a claim's URL on this very site.

    The URL is parsed, and its scheme, host and port must be CLAIMS_PUBLIC_URL's
    exactly (no user info), so ``http://127.0.0.1:8001.evil.com/c/34`` or
    ``http://127.0.0.1:8001@evil.com/c/34`` are not ours.
    """
    site = urlsplit(public_url())
    try:
        asked = urlsplit(url)
        asked_origin = _origin(asked.scheme, asked.hostname, asked.port)
    except ValueError:  # a port out of range or not a number
        return None
    if asked.username is not None or asked.password is not None:
        return None
    if asked_origin != _origin(site.scheme, site.hostname, site.port):
        return None
    base = site.path.rstrip("/")
    if not asked.path.startswith(base + "/"):
        return None
    match = CLAIM_PATH.fullmatch(asked.path[len(base) :])
    return claim_id_of(match["claim_id"]) if match else None


class BadSize(ValueError):
    pass


def _pixels(name: str, value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not PIXELS.fullmatch(value):
        raise BadSize(f"{name} must be a whole number of pixels, in ASCII digits.")
    return int(value)


async def oembed(datasette: Any, request: Any) -> Response:
    """/oembed?url=...&format=json: how a CMS turns a claim's URL into a card (oEmbed 1.0).

    A maxwidth or maxheight that is not a number (ASCII digits, at most six)
    is a malformed request: 400. A number smaller than the card can be drawn
    at gets the smallest card; a larger one, the card's own size.
    """
    if request.args.get("format", "json") != "json":
        return Response.text("Only format=json is offered.", status=501)
    try:
        max_width = _pixels("maxwidth", request.args.get("maxwidth"))
        max_height = _pixels("maxheight", request.args.get("maxheight"))
    except BadSize as error:
        return Response.json({"error": str(error)}, status=400)
    claim_id = claim_in_url(request.args.get("url", ""))
    if claim_id is None:
        return Response.json({"error": "Not the URL of a claim on this site."}, status=404)
    card = await datasette.get_database(DATABASE_NAME).execute_fn(lambda connection: _card(connection, claim_id))
    if card is None:
        return Response.json({"error": "No such claim."}, status=404)
    width, height = _fit(max_width, max_height)
    claim = card["claim"]
    src = f"{public_url()}/c/{claim['id']}/embed"
    return Response.json(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": config.organization()["name"],
            "provider_url": public_url(),
            "title": f"{claim['speaker']['name']}: {claim['text'][:150]}",
            "author_name": claim["speaker"]["name"],
            "author_url": f"{public_url()}{datasette.urls.row(DATABASE_NAME, 'speakers', claim['speaker']['id'])}",
            "html": (
                f'<iframe src="{escape(src)}" width="{width}" height="{height}" frameborder="0" '
                f'title="{escape(claim["speaker"]["name"])}: claim {claim["id"]}" loading="lazy"></iframe>'
            ),
            "width": width,
            "height": height,
            "cache_age": 300,
        }
    )


def _fit(max_width: int | None, max_height: int | None) -> tuple[int, int]:
    width, height = EMBED_WIDTH, EMBED_HEIGHT
    if max_width is not None:
        width = max(MIN_WIDTH, min(width, max_width))
    if max_height is not None:
        height = max(MIN_HEIGHT, min(height, max_height))
    return width, height


def _claim_page(connection: Any, claim_id: int) -> dict[str, Any]:
    db = sqlite_utils.Database(connection, execute_plugins=False)
    claim = claims.get(db, claim_id, public_url(), retracted=True)
    related = [
        {**link, "label": RELATION_LABELS[(link["relation"], link["direction"])]}
        for link in claim["links"]
        if link["relation"] != "contradicts"
    ]
    structured = claimreview.of_claim(db, claim, config.organization())
    said_on_text = readable_date(claim["said_on"])
    return {
        "claim": claim,
        # Each with its link's note, which either claim's page shows.
        "contradictions": [link for link in claim["links"] if link["relation"] == "contradicts"],
        "related": related,
        "said_on_text": said_on_text,
        "reviews": reviews.for_claim(db, claim_id),
        "appearance_spellings": _appearance_spellings(db, claim),
        "link_preview": link_preview(claim, said_on_text),
        # Safe inside <script>: "<" cannot end the element when escaped.
        "json_ld": Markup(json.dumps(structured, ensure_ascii=False).replace("<", "\\u003c")),
        "oembed_url": f"{public_url()}/oembed?" + urlencode({"url": claim["url"], "format": "json"}),
    }


def link_preview(claim: dict[str, Any], said_on_text: str | None) -> dict[str, str]:
    """What a social network or a chat shows for a shared claim (Open Graph,
    Twitter cards): who said it, when, and the verdict."""
    speaker = claim["speaker"]
    who = speaker["name"] + (f", {speaker['description']}" if speaker.get("description") else "")
    verdict = f"Verdict: {claim['verdict']['rating_label']}" if claim["verdict"] else "Not yet reviewed"
    counters = claim["counter_claim_count"]
    parts = [who, said_on_text, verdict]
    if counters:
        parts.append(f"contradicted by {counters} claim{'s' if counters != 1 else ''}")
    if claim["retracted"]:
        parts.insert(0, "Retracted")
    return {
        "title": claim["text"] if len(claim["text"]) <= 200 else claim["text"][:199] + "…",
        "description": " · ".join(part for part in parts if part),
        # Drawn by plugins/claim_picture.py.
        "image": f"{claim['url']}/card.png",
        "image_alt": f"{speaker['name']}: {claim['text'][:150]}",
    }


def _appearance_spellings(db: sqlite_utils.Database, claim: dict[str, Any]) -> dict[int, str]:
    """For each appearance (by id): the speaker's name as that source writes it."""
    if not claim["appearances"]:
        return {}
    names = [claim["speaker"]["name"]] + [
        row["alias"]
        for row in db.conn.execute(
            "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [claim["speaker"]["id"]]
        ).fetchall()
    ]
    where, params = records.among("id", [appearance["source_id"] for appearance in claim["appearances"]])
    texts = dict(db.conn.execute(f"SELECT id, text FROM sources WHERE {where}", params).fetchall())
    spellings = {}
    for appearance in claim["appearances"]:
        anchor = appearance["anchor"] or {}
        found = passages.spelling_in(texts.get(appearance["source_id"]), anchor.get("start"), anchor.get("end"), names)
        if found:
            spellings[appearance["id"]] = found
    return spellings


#: How many of a speaker's claims their page lists; the claims table has the rest.
SPEAKER_PAGE_CLAIMS = 50


def _speaker_page(connection: Any, speaker_id: int) -> dict[str, Any]:
    db = sqlite_utils.Database(connection, execute_plugins=False)
    speaker = speakers.get(db, speaker_id)
    said, more = claims.listing(
        db, {"speaker_id": speaker_id}, after=None, limit=SPEAKER_PAGE_CLAIMS, public_url=public_url()
    )
    # Kept by triggers, so a speaker of thousands of claims is counted at once.
    (published,) = db.conn.execute(
        "SELECT coalesce(sum(claims), 0) FROM claim_facet_counts WHERE facet = 'speaker_id' AND value = ?",
        [speaker_id],
    ).fetchone()
    members = list(
        records.rows(db, "select id, name, description from speakers where affiliation_id = ?", [speaker_id])
    )
    return {
        "speaker": speaker,
        "speaker_claims": said,
        "speaker_claim_count": published,
        "more_speaker_claims": more is not None,
        "members": members,
    }


def _source_page(connection: Any, source_id: int) -> dict[str, Any]:
    db = sqlite_utils.Database(connection, execute_plugins=False)
    source = sources.get(db, source_id)
    found, _ = claims.listing(db, {"source_id": source_id}, after=None, limit=500, public_url=public_url())
    found.sort(key=lambda claim: (claim["source_id"] != source_id, (claim["anchor"] or {}).get("start") or 0))
    return {"source": source, "source_claims": found}


PAGES = {"claims": _claim_page, "speakers": _speaker_page, "sources": _source_page}


@hookimpl
def extra_template_vars(view_name: str, database: str, table: str, request: Any, datasette: Any) -> Any:
    if view_name != "row" or database != DATABASE_NAME or table not in PAGES or request is None:
        return {}
    record_id = claim_id_of(request.url_vars.get("pks", ""))
    if record_id is None:
        return {}

    async def page_vars() -> dict[str, Any]:
        build = PAGES[table]
        try:
            found = await datasette.get_database(DATABASE_NAME).execute_fn(
                lambda connection: build(connection, record_id)
            )
        except NotFound:
            return {}  # Datasette renders its own 404
        return {**found, "site_title": datasette.metadata("title")}

    return page_vars


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """In canned query results, make id columns links to their pages."""
    if database != DATABASE_NAME or table is not None or column not in ID_COLUMNS:
        return None
    if not isinstance(value, int):
        return None
    url = datasette.urls.row(DATABASE_NAME, ID_COLUMNS[column], value)
    return Markup(f'<a href="{escape(url)}">{value}</a>')


# -- retracted claims: on record, but out of the default views ---------------

SHOW_RETRACTED = "_show_retracted"
PUBLISHED = "retracted_at is null"


@hookimpl
def filters_from_request(request: Any, database: str, table: str) -> FilterArguments | None:
    """Leave retracted claims out of the claims table unless asked for."""
    if database != DATABASE_NAME or table != "claims" or request.args.get(SHOW_RETRACTED):
        return None
    return FilterArguments(
        [PUBLISHED],
        human_descriptions=["retracted claims left out"],
    )


# -- the tags facet ----------------------------------------------------------


class CountedFacet(Facet):
    """A facet that, for the default view of the claims table (published
    claims, no other filter), reads counts that triggers keep, so it costs
    the same at a million claims as at a hundred. Any other view is counted
    from the rows it shows."""

    type = ""
    #: The query-string argument that selects a value: "{column}" for a column.
    argument = "{column}"

    async def suggest(self) -> list:
        return []

    async def _default_view(self) -> bool:
        """Whether this view shows every published claim, and no other row.

        Decided from the view's row count, which Datasette hands every facet,
        not from the SQL it generated: while retracted claims are left out,
        each view shows a subset of the published claims, so one as large as
        their kept total is all of them, whatever its filters say. (A view
        whose count timed out is counted from its rows.)
        """
        if self.table != "claims" or self.request.args.get(SHOW_RETRACTED) or self.row_count is None:
            return False
        published = await self.ds.execute(
            self.database, "select coalesce(sum(claims), 0) from claim_facet_counts where facet = 'kind'"
        )
        return self.row_count == published.first()[0]

    def kept_counts(self, column: str, limit: int) -> str | None:
        """SQL for the kept counts of ``column``, or None if there are none."""
        return None

    def counted(self, column: str, limit: int) -> str:
        raise NotImplementedError

    async def labels(self, column: str, values: list[Any]) -> dict[Any, str]:
        return {}

    async def facet_results(self) -> tuple[list, list]:
        results, timed_out = [], []
        size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        # The column is written into SQL: only a column of this table will do.
        columns = set(await self.ds.get_database(self.database).table_columns(self.table)) if self.table else set()
        default_view = await self._default_view()
        for configured in self.get_configs():
            config = configured["config"]
            column = config.get("column") or config["simple"]
            if not isinstance(column, str) or column not in columns:
                raise BadRequest(f"_facet_{self.type}: {column!r} is not a column of {self.table}")
            kept = self.kept_counts(column, size + 1) if default_view else None
            try:
                rows = await self.ds.execute(
                    self.database,
                    kept or self.counted(column, size + 1),
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            shown = rows.rows[:size]
            labels = await self.labels(column, [row["value"] for row in shown])
            argument = self.argument.format(column=column)
            values = []
            for row in shown:
                value = str(row["value"])
                selected = (argument, value) in pairs
                change = path_with_removed_args if selected else path_with_added_args
                values.append(
                    {
                        "value": row["value"],
                        "label": labels.get(row["value"], value),
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, change(self.request, {argument: value})),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "results": values,
                    "hideable": configured["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {f"_facet_{self.type}": column})
                    ),
                    "truncated": len(rows) > size,
                }
            )
        return results, timed_out


class PublishedFacet(CountedFacet):
    """A facet on a column of claims (speaker, source, kind, verdict), with
    speakers and sources shown by name."""

    type = "published"

    def kept_counts(self, column: str, limit: int) -> str | None:
        if column not in COUNTED_FACETS:
            return None
        return (
            f"select value, claims as count from claim_facet_counts where facet = '{column}'"
            f" order by count desc, value limit {limit}"
        )

    def counted(self, column: str, limit: int) -> str:
        return (
            f"select [{column}] as value, count(*) as count from ({self.sql}) where [{column}] is not null"
            f" group by [{column}] order by count desc, value limit {limit}"
        )

    async def labels(self, column: str, values: list[Any]) -> dict[Any, str]:
        expanded = await self.ds.expand_foreign_keys(self.database, self.table, column, values)
        return {value: label for (_, value), label in expanded.items()}


class TagFacet(CountedFacet):
    """A facet on a JSON list of distinct tags, such as ``claims.tags``."""

    type = "tag"
    argument = "{column}__arraycontains"

    def kept_counts(self, column: str, limit: int) -> str | None:
        if column != "tags":
            return None
        return f"select tag as value, claims as count from claim_tag_counts order by count desc, value limit {limit}"

    def counted(self, column: str, limit: int) -> str:
        return (
            f"select tag_values.value as value, count(*) as count from ({self.sql}) as faceted,"
            f" json_each(faceted.[{column}]) as tag_values"
            f" group by tag_values.value order by count desc, value limit {limit}"
        )


@hookimpl
def register_facet_classes() -> list[type[Facet]]:
    return [PublishedFacet, TagFacet]
