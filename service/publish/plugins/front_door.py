"""What every request to the public site passes through before Datasette.

One ASGI wrapper, because Datasette 0.65 has no setting for any of this:

- **Methods.** The site is read-only, so anything but GET and HEAD gets
  405 with ``Allow: GET, HEAD`` (Datasette answers 500 to a POST on a
  canned query).
- **Numbers in the query string.** ``_timelimit`` must be ASCII digits:
  Datasette passes it to ``int()`` and answers 500 otherwise.
- **One URL per record.** A row of a table keyed by an integer is named by
  its id in ASCII digits without leading zeros. ``/claims/claims/034``,
  ``/claims/claims/~334`` or ``/claims/claims/%2034`` would otherwise reach
  claim 34 through SQLite's type affinity; they get 404, and so does a
  format no renderer offers (``/claims/revisions/34.0``).
- **Facets name columns.** ``_facet_published=`` and ``_facet_tag=`` are
  our own facets, which write the column into SQL; every ``_facet*``
  argument on a table must be one of its columns, or 400.
- **Sorts, joins and shapes Datasette would answer with 500.** ``_sort``
  and ``_sort_desc`` must name a column the table or view can be sorted
  by, and not both at once; ``_through`` must be a JSON object naming a
  table with a foreign key to this one, a column of it and a value; the
  database page (without ``sql``) has no CSV and no ``_shape=array`` or
  ``arrayfirst``, which need rows. Each gets 400 (404 for the CSV) with
  what was wrong.
- **Absolute links from CLAIMS_PUBLIC_URL.** Datasette builds facet links
  and other absolute URLs from the request's scheme and ``Host`` header,
  which a client can forge; the wrapper sets both from CLAIMS_PUBLIC_URL.

And one internal touched, here only: Datasette's default error handler
prints a ``rich`` traceback with every local variable, on the event loop,
for every error, when ``rich`` is installed (it is, with the dev tools).
That costs about a second per bad request, during which the whole site
waits, so anyone could stall it with a stream of bad requests. We switch it
off; tests/test_hostile_public.py fails if the attribute goes away.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from datasette import handle_exception as datasette_errors
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import tilde_decode
from datasette.utils.asgi import BadRequest

from service import config
from service.publish import DATABASE_NAME

ASGIApp = Callable[[dict, Callable, Callable], Awaitable[None]]

datasette_errors.rich = None

ALLOWED_METHODS = ("GET", "HEAD")
#: Query-string arguments Datasette turns into numbers without checking.
NUMERIC_ARGUMENTS = ("_timelimit",)
#: Arguments that start like a facet but name none.
NOT_FACETS = {"_facet_size"}
DIGITS = re.compile(r"[0-9]{1,9}")
#: A record's id, canonically written (SQLite's integers have 19 digits at most).
CANONICAL_ID = re.compile(r"0|[1-9][0-9]{0,18}")
#: The shape of Datasette's table route, on the raw (still encoded) path.
TABLE_PATH = re.compile(rf"^/{DATABASE_NAME}/(?P<table>[^/.]+)(\.\w+)?$")
#: The database page, in a format (a query when it has ``sql``).
DATABASE_PATH = re.compile(rf"^/{DATABASE_NAME}(\.(?P<format>\w+))?$")
#: Shapes that list rows, which the database page has none of.
ROW_SHAPES = ("array", "arrayfirst")
SORTS = ("_sort", "_sort_desc")
#: The shape of Datasette's row route.
ROW_PATH = re.compile(rf"^/{DATABASE_NAME}/(?P<table>[^/]+?)/(?P<pks>[^/]+?)(\.(?P<format>\w+))?$")


def public_origin() -> tuple[str, bytes]:
    """The scheme and host[:port] of CLAIMS_PUBLIC_URL."""
    parts = urlsplit(config.env("CLAIMS_PUBLIC_URL"))
    return parts.scheme, parts.netloc.encode("ascii")


async def refuse(
    send: Callable, as_json: bool, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Answer a refused request: in Datasette's own JSON error shape when a ``.json`` page was asked for."""
    if as_json:
        body = json.dumps({"ok": False, "error": text, "status": status, "title": None}).encode("utf-8")
        content_type = b"application/json; charset=utf-8"
    else:
        body = text.encode("utf-8")
        content_type = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def integer_keyed(datasette: Any, table: str) -> bool:
    """Whether rows of ``table`` are named by one integer (its id, or rowid)."""
    database = datasette.databases.get(DATABASE_NAME)
    if database is None or not await database.table_exists(table):
        return False
    keys = [column for column in await database.table_column_details(table) if column.is_pk]
    return not keys or (len(keys) == 1 and keys[0].type.upper() == "INTEGER")


def formats(datasette: Any) -> set[str]:
    """The formats a page can be had in: Datasette's and its plugins' (csv is built in).

    ``datasette.renderers`` is internal; Datasette serves an unknown format as
    HTML, so without this ``/claims/revisions/34.0`` is a second URL for 34.
    """
    return {"csv", *datasette.renderers}


async def columns_of(datasette: Any, table: str) -> set[str] | None:
    database = datasette.databases.get(DATABASE_NAME)
    if database is None or not await database.table_exists(table):
        return None
    return set(await database.table_columns(table))


async def sortable_columns(datasette: Any, name: str) -> set[str] | None:
    """What a table or a view can be sorted by, as Datasette decides it; None when there is no such one."""
    database = datasette.databases.get(DATABASE_NAME)
    if database is None:
        return None
    is_table = await database.table_exists(name)
    if not is_table and name not in await database.view_names():
        return None
    chosen = datasette.metadata("sortable_columns", database=DATABASE_NAME, table=name, fallback=False)
    columns = set(chosen) if chosen is not None else set(await database.table_columns(name))
    if is_table and not await database.primary_keys(name):
        columns.add("rowid")
    return columns


async def through_problem(datasette: Any, table: str, value: str) -> str | None:
    """What is wrong with one ``_through`` argument on ``table``'s page, if anything."""
    shape = '_through must be a JSON object: {"table": ..., "column": ..., "value": ...}'
    try:
        through = json.loads(value)
    except ValueError:
        return shape
    if not (
        isinstance(through, dict)
        and isinstance(through.get("table"), str)
        and isinstance(through.get("column"), str)
        and isinstance(through.get("value"), (str, int, float))
    ):
        return shape
    columns = await columns_of(datasette, through["table"])
    if columns is None:
        return f"_through: {through['table']!r} is not a table."
    if through["column"] not in columns:
        return f"_through: {through['column']!r} is not a column of {through['table']!r}."
    keys = await datasette.databases[DATABASE_NAME].foreign_keys_for_table(through["table"])
    if not any(key["other_table"] == table for key in keys):
        return f"_through: {through['table']!r} has no foreign key to {table!r}."
    return None


async def table_page_problem(datasette: Any, table: str, arguments: list[tuple[str, str]]) -> str | None:
    """What is wrong with a table or view page's sort and join arguments, if anything."""
    sorts = [(name, value) for name, value in arguments if name in SORTS and value]
    if {name for name, _ in sorts} == set(SORTS):
        return "Use _sort or _sort_desc, not both."
    if sorts:
        sortable = await sortable_columns(datasette, table)
        for name, value in sorts:
            if sortable is not None and value not in sortable:
                return f"{name}: {value!r} is not a column this table can be sorted by."
    for name, value in arguments:
        if name == "_through":
            problem = await through_problem(datasette, table, value)
            if problem:
                return problem
    return None


async def refusal(datasette: Any, scope: dict) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
    """Why Datasette should not see this request, as status, message and headers."""
    if scope["method"] not in ALLOWED_METHODS:
        return 405, "The public site is read-only.", [(b"allow", ", ".join(ALLOWED_METHODS).encode())]
    arguments = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    for name, value in arguments:
        if name in NUMERIC_ARGUMENTS and not DIGITS.fullmatch(value):
            return 400, f"{name} must be a whole number of milliseconds, in ASCII digits.", []
    raw_path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1").partition("?")[0]
    facets = [
        (name, value)
        for name, value in arguments
        if (name == "_facet" or name.startswith("_facet_")) and name not in NOT_FACETS
    ]
    table_page = TABLE_PATH.match(raw_path)
    if facets and table_page:
        columns = await columns_of(datasette, tilde_decode(table_page["table"]))
        for name, value in facets:
            if columns is not None and value not in columns:
                return 400, f"{name}: {value!r} is not a column of this table.", []
    if table_page:
        problem = await table_page_problem(datasette, tilde_decode(table_page["table"]), arguments)
        if problem:
            return 400, problem, []
    database_page = DATABASE_PATH.match(raw_path)
    if database_page and not dict(arguments).get("sql"):
        if database_page["format"] == "csv":
            return 404, "Not found: the database page has no CSV; a table, a view or a query has one.", []
        shape = dict(arguments).get("_shape")
        if shape in ROW_SHAPES:
            return 400, f"_shape={shape} lists rows: ask a table, a view or a query (sql=) for it.", []
    row = ROW_PATH.match(raw_path)
    if row and await integer_keyed(datasette, tilde_decode(row["table"])):
        if not CANONICAL_ID.fullmatch(row["pks"]):
            return 404, "Not found: a record is named by its number, in digits without leading zeros.", []
        if row["format"] and row["format"] not in formats(datasette):
            return 404, f"Not found: no format {row['format']!r}.", []
    return None


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    def wrap(app: ASGIApp) -> ASGIApp:
        async def front_door(scope: dict, receive: Callable, send: Callable) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            refused = await refusal(datasette, scope)
            if refused:
                await refuse(send, scope["path"].endswith(".json"), *refused)
                return
            scheme, host = public_origin()
            headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
            await app(dict(scope, scheme=scheme, headers=[(b"host", host), *headers]), receive, send)

        return front_door

    return wrap


@hookimpl(tryfirst=True)
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """A query stopped by a time limit is the reader's request, not our fault: 400."""
    if isinstance(exception, QueryInterrupted):
        stopped = BadRequest("The query took too long and was stopped; ask for less.")
        return datasette_errors.handle_exception(datasette, request, stopped)
    return None
