"""Loading the seed articles in ``fixtures/`` into the database.

Each YAML file holds one source article: the source with its full text, its
speakers, its claims and the links between them. Records refer to each
other by ``key``; a speaker in two files is one record (its aliases are
merged). Everything goes through the same schemas and store functions as
the API, so a fixture cannot hold what an editor could not enter, and a
quote whose anchor does not match its source is refused by name.

Loading is idempotent: a record that is already stored is found by its
natural key (a speaker's name, a source's URL or title and publisher, a
claim's normalised words and speaker, a link's ends and relation) and left
alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import marshmallow
import sqlite_utils
import yaml

from . import schemas
from .db import transaction
from .errors import Conflict, DomainError, FieldError, InBatch, Invalid, flatten_messages
from .normalize import normalize_url, text_key
from .store import claims, records, sources, speakers
from .vocab import SYMMETRIC_RELATIONS

ACTOR = "fixtures"
#: A source's natural key: ("url", normalised URL) or ("title", title, publisher or None).
SourceKey = tuple[str | None, ...]


class FixtureError(ValueError):
    """A fixture file that cannot be loaded, with the record to blame.

    ``where`` names the record as the message does, and ``cause`` is the
    schema's or the store's own error, when one of them refused it.
    """

    def __init__(self, message: str, *, where: str | None = None, cause: Exception | None = None) -> None:
        super().__init__(message)
        self.where = where
        self.cause = cause


# Made once: a marshmallow schema is reusable, and costly to build.
SPEAKER, SOURCE, CLAIM, LINK, APPEARANCE = (
    schemas.SpeakerIn(),
    schemas.SourceIn(),
    schemas.ClaimIn(),
    schemas.LinkIn(),
    schemas.AppearanceIn(),
)


def _validated(schema: marshmallow.Schema, values: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        return schema.load(values)
    except marshmallow.ValidationError as error:
        raise FixtureError(f"{where}: {error.messages}", where=where, cause=error) from None


def _store_error(error: DomainError, where: str) -> FixtureError:
    detail = "; ".join(f"{e.field}: {e.message}" for e in error.errors) or error.detail
    return FixtureError(f"{where}: {detail}", where=where, cause=error)


def read(directory: str | Path) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(Path(directory).glob("*.yaml"))
    if not files:
        raise FixtureError(f"no fixture files (*.yaml) in {directory}")
    loaded = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            loaded.append((path.name, yaml.safe_load(handle)))
    return loaded


def _merged_speakers(documents: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for filename, document in documents:
        for entry in document.get("speakers", []):
            key = entry["key"]
            if key in merged:
                known = merged[key]
                for field in ("name", "kind", "description", "affiliation", "wikidata_id"):
                    if known.get(field) != entry.get(field):
                        raise FixtureError(f"{filename}: speaker {key}: {field} differs from its other definition")
                known["aliases"] += [a for a in entry.get("aliases", []) if a not in known["aliases"]]
            else:
                merged[key] = {**entry, "aliases": list(entry.get("aliases", []))}
    return merged


def _load_speakers(
    db: sqlite_utils.Database, definitions: dict[str, dict[str, Any]], counts: Counter, actor: str = ACTOR
) -> dict[str, int]:
    ids: dict[str, int] = {}

    def load(key: str, chain: SourceKey = ()) -> int:
        if key in ids:
            return ids[key]
        if key not in definitions:
            raise FixtureError(f"speaker {chain[-1] if chain else key}: unknown speaker key {key!r}")
        if key in chain:
            raise FixtureError(f"speaker {key}: affiliations form a loop")
        entry = definitions[key]
        affiliation = entry.get("affiliation")
        values = {
            "name": entry["name"],
            "kind": entry["kind"],
            "description": entry.get("description"),
            "affiliation_id": load(affiliation, (*chain, key)) if affiliation else None,
            "wikidata_id": entry.get("wikidata_id"),
            "aliases": entry["aliases"],
        }
        values = _validated(SPEAKER, values, f"speaker {key}")
        existing = db.conn.execute(
            "SELECT id, aliases FROM speakers WHERE name = ? AND kind = ?", [values["name"], values["kind"]]
        ).fetchone()
        if existing:
            ids[key] = existing[0]
            stored = set(records.decode({"aliases": existing[1]})["aliases"])
            if not set(values["aliases"]) <= stored:
                speakers.update(db, existing[0], {"aliases": sorted(stored | set(values["aliases"]))}, None, actor)
            counts["speakers existing"] += 1
        else:
            ids[key] = speakers.create(db, values, actor)
            counts["speakers created"] += 1
        return ids[key]

    for key in definitions:
        load(key)
    return ids


def _load_sources(
    db: sqlite_utils.Database, documents: list[tuple[str, dict[str, Any]]], counts: Counter, actor: str = ACTOR
) -> dict[str, int]:
    """Each document's source id, by file name; sources are stored in one batch.

    A source is already stored when its URL is (once normalised), or, for a
    source without one, its title and publisher are. Two documents about one
    source share its record.
    """
    natural: dict[str, SourceKey] = {}
    wanted: dict[SourceKey, dict[str, Any]] = {}
    wheres: dict[SourceKey, str] = {}
    titled: dict[tuple[str, str | None], SourceKey] = {}
    for filename, document in documents:
        values = _validated(SOURCE, document["source"], f"{filename}: source")
        title = (values["title"], values.get("publisher"))
        if values.get("url"):
            key: SourceKey = ("url", normalize_url(values["url"]))
        else:
            # Without a URL, an earlier document's source of the same title
            # and publisher is this one, whether or not that one has a URL.
            key = titled.get(title, ("title", *title))
        titled.setdefault(title, key)
        natural[filename] = key
        wanted.setdefault(key, values)
        wheres.setdefault(key, f"{filename}: source")
    url_keys = [url for kind, url, *_ in wanted if kind == "url" and url is not None]
    stored: dict[SourceKey, int] = {
        ("url", url): source_id for url, source_id in sources.with_urls(db, url_keys).items()
    }
    for key in wanted:
        if key[0] == "title":
            found = db.conn.execute(
                "SELECT id FROM sources WHERE title = ? AND publisher IS ?", [key[1], key[2]]
            ).fetchone()
            if found:
                stored[key] = found[0]
    new = [key for key in wanted if key not in stored]
    try:
        stored.update(zip(new, sources.create_many(db, [wanted[key] for key in new], actor), strict=True))
    except InBatch as failure:
        raise _store_error(failure.error, wheres[new[failure.index]]) from None
    counts["sources created"] += len(new)
    counts["sources existing"] += len(documents) - len(new)
    return {filename: stored[key] for filename, key in natural.items()}


def _load_claims(
    db: sqlite_utils.Database,
    documents: list[tuple[str, dict[str, Any]]],
    source_ids: dict[str, int],
    speaker_ids: dict[str, int],
    claim_ids: dict[str, int],
    counts: Counter,
    actor: str = ACTOR,
) -> None:
    """Every document's claims, checked together and stored in one batch.

    A claim already stored (the same words by the same speaker), or given
    twice in the batch, is one record: its keys all name it.
    """
    keys, entries = [], []
    seen: set[str] = set()
    for filename, document in documents:
        for entry in document.get("claims", []):
            key = entry.get("key")
            where = f"{filename}: claim {key}"
            if key in claim_ids or key in seen:
                raise FixtureError(f"{where}: key used twice")
            if entry.get("speaker") not in speaker_ids:
                raise FixtureError(f"{where}: unknown speaker key {entry.get('speaker')!r}")
            values = {name: value for name, value in entry.items() if name not in ("key", "speaker")}
            values.update(speaker_id=speaker_ids[entry["speaker"]], source_id=source_ids[filename])
            entries.append((where, _validated(CLAIM, values, where)))
            keys.append(key)
            seen.add(key)
    try:
        texts = claims.referenced(db, [values for _, values in entries])
    except InBatch as failure:
        raise _store_error(failure.error, entries[failure.index][0]) from None
    # A claim already stored, or given earlier in the batch, is found by its
    # words and speaker alone, before its anchor is checked against this
    # document's text: a later article need not hold the words verbatim.
    pairs = [(text_key(values["text"]), values["speaker_id"]) for _, values in entries]
    stored = claims.existing(db, pairs)
    new: dict[tuple[str, int], dict[str, Any]] = {}
    for pair, (where, values) in zip(pairs, entries, strict=True):
        if pair in stored or pair in new:
            continue
        try:
            new[pair] = claims.derive(values, texts[values["source_id"]], pair[0])
        except DomainError as error:
            raise _store_error(error, where) from None
    stored.update(zip(new, records.insert_many(db, "claims", list(new.values()), actor), strict=True))
    for key, pair in zip(keys, pairs, strict=True):
        claim_ids[key] = stored[pair]
    counts["claims created"] += len(new)
    counts["claims existing"] += len(pairs) - len(new)


def _load_links(
    db: sqlite_utils.Database,
    documents: list[tuple[str, dict[str, Any]]],
    claim_ids: dict[str, int],
    counts: Counter,
    actor: str = ACTOR,
) -> None:
    """Every document's links, checked together and stored in one batch.

    A link already made (either way round, for a symmetric relation), or
    given twice, is left as it is.
    """
    wheres, batch, ends = [], [], []
    for filename, document in documents:
        for number, entry in enumerate(document.get("links", []), 1):
            where = f"{filename}: link {number}"
            for end in ("claim", "target"):
                if entry.get(end) not in claim_ids:
                    raise FixtureError(f"{where}: unknown claim key {entry.get(end)!r}")
            claim_id = claim_ids[entry["claim"]]
            values = _validated(
                LINK,
                {"target_id": claim_ids[entry["target"]], "relation": entry.get("relation"), "note": entry.get("note")},
                where,
            )
            wheres.append(where)
            batch.append((claim_id, values))
            ends.append((claim_id, values["target_id"], values["relation"]))
    made = claims.linked(db, ends)
    new, new_wheres = [], []
    for where, link, (claim_id, target_id, relation) in zip(wheres, batch, ends, strict=True):
        if (claim_id, target_id, relation) in made:
            counts["links existing"] += 1
            continue
        made[(claim_id, target_id, relation)] = 0
        if relation in SYMMETRIC_RELATIONS:
            made[(target_id, claim_id, relation)] = 0
        new.append(link)
        new_wheres.append(where)
    try:
        claims.add_links(db, new, actor)
    except InBatch as failure:
        raise _store_error(failure.error, new_wheres[failure.index]) from None
    counts["links created"] += len(new)


def _load_appearances(
    db: sqlite_utils.Database,
    documents: list[tuple[str, dict[str, Any]]],
    source_ids: dict[str, int],
    claim_ids: dict[str, int],
    counts: Counter,
    actor: str = ACTOR,
) -> None:
    """Every document's appearances (of claims first recorded elsewhere, in
    this document's source), checked together and stored in one batch. An
    appearance already recorded, or given twice, is left as it is."""
    wheres, batch = [], []
    for filename, document in documents:
        for number, entry in enumerate(document.get("appearances", []), 1):
            where = f"{filename}: appearance {number}"
            if entry.get("claim") not in claim_ids:
                raise FixtureError(f"{where}: unknown claim key {entry.get('claim')!r}")
            values = {key: value for key, value in entry.items() if key != "claim"}
            values = _validated(APPEARANCE, {"source_id": source_ids[filename], **values}, where)
            wheres.append(where)
            batch.append((claim_ids[entry["claim"]], values))
    recorded = set(claims.appeared(db, [(claim_id, values["source_id"]) for claim_id, values in batch]))
    new, new_wheres = [], []
    for where, (claim_id, values) in zip(wheres, batch, strict=True):
        if (claim_id, values["source_id"]) in recorded:
            counts["appearances existing"] += 1
            continue
        recorded.add((claim_id, values["source_id"]))
        new.append((claim_id, values))
        new_wheres.append(where)
    try:
        claims.add_appearances(db, new, actor)
    except InBatch as failure:
        raise _store_error(failure.error, new_wheres[failure.index]) from None
    counts["appearances created"] += len(new)


def load(db: sqlite_utils.Database, directory: str | Path) -> Counter:
    """Load every fixture file in ``directory`` in one transaction."""
    return load_documents(db, read(directory))


@dataclass
class Keys:
    """The ids the keys of loaded records stand for, carried between batches."""

    speakers: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)


def load_documents(
    db: sqlite_utils.Database,
    documents: list[tuple[str, dict[str, Any]]],
    keys: Keys | None = None,
) -> Counter:
    """Load parsed fixture documents, each named, in one transaction.

    This is also the bulk path: generated corpora go through it in batches
    (passing the same ``keys``), so they meet the same validation as the
    seed articles and the API.
    """
    keys = keys or Keys()
    counts: Counter = Counter()
    with transaction(db):
        _load_all(db, documents, keys, counts, ACTOR)
    return +counts  # without the kinds of record that none were


def _load_all(
    db: sqlite_utils.Database,
    documents: list[tuple[str, dict[str, Any]]],
    keys: Keys,
    counts: Counter,
    actor: str,
) -> dict[str, int]:
    """Load the documents in the caller's transaction; each one's source id, by name."""
    keys.speakers.update(_load_speakers(db, _merged_speakers(documents), counts, actor))
    source_ids = _load_sources(db, documents, counts, actor)
    _load_claims(db, documents, source_ids, keys.speakers, keys.claims, counts, actor)
    _load_links(db, documents, keys.claims, counts, actor)
    _load_appearances(db, documents, source_ids, keys.claims, counts, actor)
    return source_ids


#: The name an article posted to the API goes by in the loader's messages.
ARTICLE = "article"


@dataclass
class Recorded:
    """What :func:`load_article` recorded, or found already recorded."""

    source_id: int
    speaker_ids: dict[str, int]
    claim_ids: dict[str, int]
    counts: Counter


def load_article(db: sqlite_utils.Database, document: dict[str, Any], actor: str) -> Recorded:
    """Load one article's document, in the shape of a fixture file, in the
    caller's transaction (the API's write), as ``actor``.

    ``document`` has been loaded by :class:`schemas.ArticleIn`, which checks
    each item. Besides keys, a claim's speaker, and a link's or an
    appearance's claims, may be stored records' ids. A refusal is raised as
    the API's own error, its field naming the item (``claims.3.speaker``):
    409 for a key or an id that names no record, or anything the store
    refuses, such as words the article does not hold.
    """
    _check_keys(document)
    keys = Keys()
    document = _with_stored_records(db, document, keys)
    counts: Counter = Counter()
    try:
        source_ids = _load_all(db, [(ARTICLE, document)], keys, counts, actor)
    except FixtureError as failure:
        raise _article_error(failure, _places(document)) from None
    return Recorded(
        source_id=source_ids[ARTICLE],
        speaker_ids={entry["key"]: keys.speakers[entry["key"]] for entry in document.get("speakers", [])},
        claim_ids={entry["key"]: keys.claims[entry["key"]] for entry in document.get("claims", [])},
        counts=+counts,
    )


#: Where a document names other records: (section, field, kind of record).
REFERENCES = (
    ("speakers", "affiliation", "speaker"),
    ("claims", "speaker", "speaker"),
    ("links", "claim", "claim"),
    ("links", "target", "claim"),
    ("appearances", "claim", "claim"),
)


def _check_keys(document: dict[str, Any]) -> None:
    """Every key is defined once, every key used is defined, and affiliations
    make no loop; 409 naming every item that fails."""
    problems: list[FieldError] = []

    def refuse(field: str, message: str) -> None:
        problems.append(FieldError(field, message))

    defined: dict[str, set[str]] = {"speaker": set(), "claim": set()}
    for kind, known in defined.items():
        for number, entry in enumerate(document.get(f"{kind}s", [])):
            if entry["key"] in known:
                refuse(f"{kind}s.{number}.key", f"The key {entry['key']!r} is used twice.")
            known.add(entry["key"])
    for section, name, kind in REFERENCES:
        for number, entry in enumerate(document.get(section, [])):
            key = entry.get(name)
            if isinstance(key, str) and key not in defined[kind]:
                refuse(f"{section}.{number}.{name}", f"No {kind} has the key {key!r} in this document.")
    above = {entry["key"]: entry.get("affiliation") for entry in document.get("speakers", [])}
    for number, entry in enumerate(document.get("speakers", [])):
        seen, current = {entry["key"]}, above.get(entry["key"])
        while current is not None and current not in seen:
            seen.add(current)
            current = above.get(current)
        if current is not None:
            refuse(f"speakers.{number}.affiliation", "Affiliations may not form a loop.")
    if problems:
        raise Conflict(f"{problems[0].field}: {problems[0].message}", errors=problems)


def _with_stored_records(db: sqlite_utils.Database, document: dict[str, Any], keys: Keys) -> dict[str, Any]:
    """The document with its ids of stored speakers and claims turned into
    keys the loader knows (tuples, which no JSON key can be); 409 for an id
    that names no record, or a retracted claim."""
    references = [
        (f"{section}.{number}.{name}", kind, entry[name])
        for section, name, kind in REFERENCES[1:]
        for number, entry in enumerate(document.get(section, []))
        if isinstance(entry[name], int)
    ]
    speaker_ids = [record_id for _, kind, record_id in references if kind == "speaker"]
    claim_ids = [record_id for _, kind, record_id in references if kind == "claim"]
    stored = {("speaker", speaker_id) for speaker_id in speakers.summaries(db, speaker_ids)}
    stored |= {
        ("claim", claim_id)
        for claim_id, summary in claims.summaries(db, claim_ids, "").items()
        if not summary["retracted"]
    }
    missing = [
        FieldError(field, f"No {kind} with id {record_id}.")
        for field, kind, record_id in references
        if (kind, record_id) not in stored
    ]
    if missing:
        raise Conflict(f"{missing[0].field}: {missing[0].message}", errors=missing)
    keys.speakers.update({("speaker", speaker_id): speaker_id for speaker_id in speaker_ids})
    keys.claims.update({("claim", claim_id): claim_id for claim_id in claim_ids})

    def named(entry: dict[str, Any], names: tuple[str, ...], kind: str) -> dict[str, Any]:
        return {
            name: (kind, value) if name in names and isinstance(value, int) else value for name, value in entry.items()
        }

    return {
        **document,
        "claims": [named(entry, ("speaker",), "speaker") for entry in document.get("claims", [])],
        "links": [named(entry, ("claim", "target"), "claim") for entry in document.get("links", [])],
        "appearances": [named(entry, ("claim",), "claim") for entry in document.get("appearances", [])],
    }


def _places(document: dict[str, Any]) -> dict[str, str]:
    """Each item's name in the loader's messages, and its place in the document."""
    places = {f"{ARTICLE}: source": "source"}
    places.update({f"speaker {e['key']}": f"speakers.{n}" for n, e in enumerate(document.get("speakers", []))})
    places.update({f"{ARTICLE}: claim {e['key']}": f"claims.{n}" for n, e in enumerate(document.get("claims", []))})
    for section, label in (("links", "link"), ("appearances", "appearance")):
        places.update({f"{ARTICLE}: {label} {n + 1}": f"{section}.{n}" for n in range(len(document.get(section, [])))})
    return places


def _article_error(failure: FixtureError, places: dict[str, str]) -> DomainError:
    """The loader's error as the API's: 422 for an item the schemas refuse,
    409 for one the stored data refuses, its fields named by the item's place."""
    place = places.get(failure.where or "")
    detail = str(failure).replace(f"{failure.where}: ", f"{place}: ", 1) if place else str(failure)
    cause = failure.cause
    if isinstance(cause, marshmallow.ValidationError):
        return Invalid(detail, errors=flatten_messages(cause.messages, prefix=place or ""))
    if isinstance(cause, DomainError) and cause.errors:
        named = [FieldError(".".join(filter(None, (place, error.field))), error.message) for error in cause.errors]
        return Conflict(detail, errors=named, **cause.extra)
    return Conflict(detail, errors=[FieldError(place, detail)])
