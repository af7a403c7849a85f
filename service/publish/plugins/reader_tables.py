"""The claims, speakers and sources tables as a reader sees them.

Datasette shows every column in the table's own order, ids beside names,
and each column's description above the first row. For these three tables
the rows come first, in a readable order with plain labels
(``_readers_table.html``); every column stays in the JSON and CSV, and
``?_columns=all`` shows Datasette's own table. The column descriptions move
into a collapsed block below the table's description, and onto /about.

One thing here leans on how Datasette builds a page: the ``metadata`` a
plugin's template variables return replaces the table's own for that page
(plugin variables are merged last), which is how the descriptions leave
Datasette's list above the rows. tests/test_reader_site.py fails if that
stops being so.
"""

from __future__ import annotations

import json
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

from service.publish import DATABASE_NAME

#: For each table: its columns in reading order, with their labels. The
#: first links to the row's page; "status" is worked out from two columns.
READER_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "claims": [
        ("text", "Claim"),
        ("speaker_id", "Speaker"),
        ("said_on", "Said"),
        ("verdict", "Verdict"),
        ("status", "Status"),
        ("kind", "Kind"),
        ("source_id", "Source"),
    ],
    "speakers": [
        ("name", "Name"),
        ("description", "Role"),
        ("kind", "Kind"),
        ("affiliation_id", "Part of"),
        ("aliases", "Also known as"),
    ],
    "sources": [
        ("title", "Title"),
        ("publisher", "Publisher"),
        ("published_on", "Published"),
        ("kind", "Kind"),
        ("language", "Language"),
    ],
}
#: The tables /about describes, column by column, in this order.
ABOUT_TABLES = ("claims", "speakers", "sources", "claim_links", "reviews", "appearances", "revisions")


def table_notes(datasette: Any) -> list[dict[str, Any]]:
    """Each public table's description and its columns', from the metadata."""
    notes = []
    for table in ABOUT_TABLES:
        metadata = datasette.table_metadata(DATABASE_NAME, table)
        notes.append(
            {"name": table, "description": metadata.get("description"), "columns": metadata.get("columns") or {}}
        )
    return notes


#: Columns a reader may sort by from the header: indexed, or in a small table.
SORTABLE = {"claims": {"said_on"}, "speakers": {"name", "kind"}, "sources": {"published_on", "publisher", "kind"}}
#: Foreign keys shown by their label alone, linked to the row they name.
LABELLED_KEYS = {("claims", "speaker_id"), ("claims", "source_id"), ("speakers", "affiliation_id")}


def by_column(cells: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A row of Datasette's table page, its cells by column name."""
    return {cell["column"]: cell for cell in cells}


def sort_toggle(column: str, sort: str | None, sort_desc: str | None) -> tuple[dict[str, str | None], str]:
    """What a sortable heading's link sets, and the arrow it shows.

    The link sorts by its column, or, when the rows are already in its
    ascending order, in its descending order; a new order starts from the
    first page. The arrow marks the order shown: ▼ ascending, ▲ descending,
    as on Datasette's own table."""
    if column == sort:
        return {"_sort": None, "_sort_desc": column, "_next": None}, "▼"
    return {"_sort": column, "_sort_desc": None, "_next": None}, "▲" if column == sort_desc else ""


def claim_status(counter_claims: Any, verdict: Any) -> str:
    """As the API says it (service.store.claims.claim_json), from the table's columns."""
    if counter_claims:
        return "contested"
    return "reviewed" if verdict else "unreviewed"


def from_json_list(value: Any) -> list[str]:
    """A JSON list column (aliases, authors) as its items; anything else as nothing."""
    try:
        items = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["by_column"] = by_column
    env.filters["from_json_list"] = from_json_list
    env.globals["claim_status"] = claim_status
    env.globals["sort_toggle"] = sort_toggle


@hookimpl
def extra_template_vars(view_name: str, database: str, table: str, request: Any, datasette: Any) -> dict[str, Any]:
    if view_name == "page" and request is not None and request.path == "/about":
        return {"table_notes": table_notes(datasette)}
    if view_name != "table" or database != DATABASE_NAME or table not in READER_COLUMNS:
        return {}
    metadata = datasette.table_metadata(database, table)
    every_column = request is not None and request.args.get("_columns") == "all"
    return {
        # Datasette lists the descriptions above the rows when the page's
        # metadata has them; the page shows them collapsed instead.
        "metadata": {key: value for key, value in metadata.items() if key != "columns"},
        "column_notes": metadata.get("columns") or {},
        "reader_columns": None if every_column else READER_COLUMNS[table],
        "reader_sortable": SORTABLE[table],
    }


#: Names for the controls of Datasette's filter form, which has no labels
#: of its own (selector, then name); set on every table page.
FILTER_CONTROL_NAMES = {
    "select[name^=_filter_column]": "Column to filter on",
    "select[name^=_filter_op]": "How to compare",
    "input.filter-value": "Value to compare with",
    "#sort_by": "Sort by",
}


@hookimpl
def extra_body_script(view_name: str) -> str | None:
    if view_name != "table":
        return None
    return (
        f"for (const [selector, name] of Object.entries({json.dumps(FILTER_CONTROL_NAMES)})) {{"
        " for (const control of document.querySelectorAll(selector)) {"
        " if (!control.labels || !control.labels.length) control.setAttribute('aria-label', name); } }"
    )


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """On the tables' pages: a verdict as a badge, a speaker or source by its name."""
    if database != DATABASE_NAME or table is None:
        return None
    if table == "claims" and column == "verdict" and value:
        label = row["verdict_label"] or str(value).replace("_", " ")
        return Markup(f'<span class="badge verdict-badge rating-{escape(value)}"><bdi>{escape(label)}</bdi></span>')
    if (table, column) in LABELLED_KEYS and isinstance(value, dict):
        other = "sources" if column == "source_id" else "speakers"
        url = datasette.urls.row(DATABASE_NAME, other, value["value"])
        return Markup(f'<a href="{escape(url)}"><bdi>{escape(value["label"])}</bdi></a>')
    return None
