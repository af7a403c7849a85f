"""Claims, the links between them, and their appearances in other sources.

One module per concern: ``read`` (presentation, permalinks, the live
claim), ``search`` (pages of claims and full-text search), ``write``
(checks, create, update, retract), ``links``, ``further_sources`` (a
claim's appearances in other sources) and ``matching`` (finding a claim
already held). The names other modules use are all here.
"""

from .further_sources import add_appearance, add_appearances, appearance, appeared, remove_appearance
from .links import SYMMETRIC, add_link, add_links, linked, remove_link
from .matching import Query, match, match_many
from .read import (
    LABEL,
    LATEST_FIRST,
    appearances,
    claim_json,
    get,
    get_json,
    last_day,
    live,
    permalink,
    precision,
    present,
    present_many,
    summaries,
)
from .search import SEARCH_WINDOW, listing
from .write import anchor_in_text, create, derive, existing, referenced, retract, update

__all__ = [
    "LABEL",
    "LATEST_FIRST",
    "Query",
    "SEARCH_WINDOW",
    "SYMMETRIC",
    "add_appearance",
    "add_appearances",
    "add_link",
    "add_links",
    "anchor_in_text",
    "appearance",
    "appearances",
    "claim_json",
    "appeared",
    "create",
    "derive",
    "existing",
    "get",
    "get_json",
    "last_day",
    "linked",
    "listing",
    "live",
    "match",
    "match_many",
    "permalink",
    "precision",
    "present",
    "present_many",
    "referenced",
    "remove_appearance",
    "remove_link",
    "retract",
    "summaries",
    "update",
]
