"""Speakers: the people and organisations claims are attributed to."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

import sqlite_utils

from ..errors import Conflict, FieldError, NotFound
from ..normalize import fold, folded_key, name_key, word_skeleton, words
from ..vocab import MAX_ALIASES
from . import records

LABEL = "speaker"
#: A speaker as shown inside another record (a claim, a member's
#: affiliation, a ClaimReview's author): the one query that reads it.
SUMMARY_COLUMNS = ("id", "name", "kind", "description", "wikidata_id")


def summaries(db: sqlite_utils.Database, speaker_ids: Iterable[int | None]) -> dict[int, dict[str, Any]]:
    """The summaries of these speakers, by id, read at once."""
    wanted = sorted({speaker_id for speaker_id in speaker_ids if speaker_id is not None})
    if not wanted:
        return {}
    where, params = records.among("id", wanted)
    rows = db.conn.execute(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM speakers WHERE {where}", params)
    return {row[0]: dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in rows}


def present_many(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Speakers as the API answers them, their affiliations and claim counts
    read for all of ``rows`` at once."""
    affiliations = summaries(db, (row["affiliation_id"] for row in rows))
    claim_counts = records.counts(db, "claims", "speaker_id", [row["id"] for row in rows])
    speakers = []
    for row in rows:
        speaker = records.decode(row)
        speaker.pop("name_key", None)
        speaker["affiliation"] = affiliations.get(speaker["affiliation_id"])
        speaker["claim_count"] = claim_counts.get(speaker["id"], 0)
        speakers.append(speaker)
    return speakers


def _fetch_or_404(db: sqlite_utils.Database, speaker_id: int) -> dict[str, Any]:
    """The stored row, or 404; for a speaker merged into another, the 404
    names that one as ``merged_into``."""
    row = records.fetch(db, "speakers", speaker_id)
    if row is not None:
        return row
    target = merged_into(db, speaker_id)
    if target is not None:
        raise NotFound(f"Speaker {speaker_id} was merged into speaker {target}.", merged_into=target)
    raise NotFound(f"No {LABEL} with id {speaker_id}.")


def get(db: sqlite_utils.Database, speaker_id: int) -> dict[str, Any]:
    return present_many(db, [_fetch_or_404(db, speaker_id)])[0]


def _check_affiliation(db: sqlite_utils.Database, speaker_id: int | None, affiliation_id: int | None) -> None:
    if affiliation_id is None:
        return
    seen = {speaker_id}
    current: int | None = affiliation_id
    while current is not None:
        if current in seen:
            raise Conflict.on_field("affiliation_id", "Affiliations may not form a loop.")
        row = records.fetch(db, "speakers", current)
        if row is None:
            raise Conflict.on_field("affiliation_id", f"No speaker with id {current}.")
        seen.add(current)
        current = row["affiliation_id"]


def _set_aliases(db: sqlite_utils.Database, speaker_id: int, aliases: list[str]) -> None:
    wanted = list(dict.fromkeys(alias.strip() for alias in aliases if alias.strip()))
    db.conn.execute(
        "DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias NOT IN (SELECT value FROM json_each(?))",
        [speaker_id, records.encode({"aliases": wanted})["aliases"]],
    )
    db.table("speaker_aliases").insert_all(
        ({"speaker_id": speaker_id, "alias": alias, "alias_key": name_key(alias)} for alias in wanted),
        ignore=True,
    )


def create(db: sqlite_utils.Database, data: dict[str, Any], actor: str) -> int:
    values = dict(data)
    aliases = values.pop("aliases", [])
    _check_affiliation(db, None, values.get("affiliation_id"))
    values["name_key"] = name_key(values["name"])
    speaker_id = records.insert(db, "speakers", values, actor)
    if aliases:
        _set_aliases(db, speaker_id, aliases)
    return speaker_id


def update(
    db: sqlite_utils.Database,
    speaker_id: int,
    changes: dict[str, Any],
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = _fetch_or_404(db, speaker_id)
    records.check_version(before, expected_version, LABEL)
    values = dict(changes)
    aliases = values.pop("aliases", None)
    if "affiliation_id" in values:
        _check_affiliation(db, speaker_id, values["affiliation_id"])
    if "name" in values:
        values["name_key"] = name_key(values["name"])
    if aliases is not None:
        _set_aliases(db, speaker_id, aliases)
        # The aliases column is kept by triggers; the revision shows the change.
        values["aliases"] = _fetch_or_404(db, speaker_id)["aliases"]
    records.update(db, "speakers", before, values, actor, reason)


def add_aliases(
    db: sqlite_utils.Database,
    speaker_id: int,
    aliases: list[str],
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    """Add ``aliases`` to the speaker's, through :func:`update` so the
    version check and the revision are the same as a PATCH's. An alias
    spelled like the name or a kept alias, but for case, accents and
    spacing, is left out (not by :func:`name_key`, whose skeletons make
    Mohammed Mohi and Mohammad Mohie one: such variants are what aliases
    are for). When nothing is left to add, nothing is written."""
    before = _fetch_or_404(db, speaker_id)
    records.check_version(before, expected_version, LABEL)
    kept, added = _new_aliases(before, aliases, "aliases")
    if not added:
        return
    update(db, speaker_id, {"aliases": kept + added}, expected_version, actor, reason)


def _new_aliases(speaker: dict[str, Any], aliases: Iterable[str], field: str) -> tuple[list[str], list[str]]:
    """The speaker's stored aliases, and those of ``aliases`` it lacks.

    Refused with 409 on ``field`` when together they would be more than
    :data:`MAX_ALIASES`, the most a PUT could send back."""
    kept: list[str] = records.decode(speaker)["aliases"]
    known = {folded_key(speaker["name"])} | {folded_key(alias) for alias in kept}
    added = []
    for alias in (alias.strip() for alias in aliases):
        key = folded_key(alias)
        if alias and key not in known:
            known.add(key)
            added.append(alias)
    if len(kept) + len(added) > MAX_ALIASES:
        raise Conflict.on_field(
            field,
            f"Speaker {speaker['id']} would have {len(kept) + len(added)} aliases; at most {MAX_ALIASES} are kept. "
            "Remove some first.",
        )
    return kept, added


def delete(
    db: sqlite_utils.Database,
    speaker_id: int,
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    before = _fetch_or_404(db, speaker_id)
    records.check_version(before, expected_version, LABEL)
    claims = records.count(db, "SELECT count(*) FROM claims WHERE speaker_id = ?", [speaker_id])
    if claims:
        raise Conflict(f"Speaker {speaker_id} still has {claims} claim(s); reattribute them first.")
    members = records.count(db, "SELECT count(*) FROM speakers WHERE affiliation_id = ?", [speaker_id])
    if members:
        raise Conflict(f"{members} other speaker(s) are affiliated with speaker {speaker_id}.")
    records.delete(db, "speakers", before, actor, reason)


def listing(db: sqlite_utils.Database, *, kind: str | None, after: int | None, limit: int) -> records.Page:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if after is not None:
        where.append("id > ?")
        params.append(after)
    sql = f"SELECT * FROM speakers WHERE {' AND '.join(where)} ORDER BY id"
    return records.page(db, sql, params, limit, present=lambda rows: present_many(db, rows))


def _scores(db: sqlite_utils.Database, q: str, *, fts: bool = True) -> dict[int, float]:
    """Every speaker whose name or alias matches ``q``, with its score (see
    :func:`search`); with ``fts`` False, by names and aliases alone."""
    query_words = words(q)
    if not query_words:
        return {}
    keys = [word_skeleton(word) for word in query_words]
    key_match = " AND ".join("(' ' || key || ' ') LIKE ?" for _ in keys)
    patterns = [f"% {key}%" for key in keys]
    names_sql = f"""
        SELECT speaker_id, name, is_alias FROM (
            SELECT id AS speaker_id, name, name_key AS key, 0 AS is_alias FROM speakers
            UNION ALL
            SELECT speaker_id, alias, alias_key, 1 FROM speaker_aliases
        ) WHERE {key_match}
        UNION ALL
        SELECT rowid, NULL, 2 FROM speakers_fts WHERE ? AND speakers_fts MATCH ?
    """
    fts_query = " ".join(records.fts_phrase(word, prefix=True) for word in query_words)
    folded_query = " ".join(query_words)
    scores: dict[int, float] = {}
    for speaker_id, name, is_alias in db.conn.execute(names_sql, [*patterns, fts, fts_query]):
        if is_alias == 2:
            score = 0.3
        else:
            folded_name = " ".join(words(name))
            if folded_name == folded_query:
                score = 0.95 if is_alias else 1.0
            else:
                similarity = SequenceMatcher(None, folded_query, folded_name).ratio()
                score = 0.5 + 0.4 * similarity
        scores[speaker_id] = max(score, scores.get(speaker_id, 0.0))
    return scores


#: Words a description of a speaker carries that name no one ("a top
#: official", "officials of the ministry").
PARTIAL_STOP_WORDS = frozenset("a an the of and or for in on at to from with by top senior".split())
#: What one query word found counts for in a partial match, by where it
#: was found: the name or an alias, the affiliation's name or alias, the
#: role (full-text search of name, aliases and description).
PARTIAL_WEIGHTS = {"name": 1.0, "affiliation": 0.7, "role": 0.6}
#: A partial match scores at most this, under any full match.
PARTIAL_CEILING = 0.5


def _singular(word: str) -> str:
    """ "officials" as "official": a plural's skeleton would not start the
    singular's, so the name search would miss it."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _partial_scores(db: sqlite_utils.Database, q: str) -> dict[int, float]:
    """Speakers matching some of the words of ``q``: for each word, the
    best of where it was found (:data:`PARTIAL_WEIGHTS`), averaged over the
    words, up to :data:`PARTIAL_CEILING`."""
    query_words = list(dict.fromkeys(_singular(word) for word in words(q) if word not in PARTIAL_STOP_WORDS))
    if len(query_words) < 2:
        return {}  # one word: the full search already tried it
    found: dict[int, dict[str, float]] = {}
    for word in query_words:
        by_name = set(_scores(db, word, fts=False))
        by_role = set(_scores(db, word))
        by_affiliation = {
            member
            for (member,) in db.conn.execute(
                "SELECT id FROM speakers WHERE affiliation_id IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(by_name))],
            )
        }
        for where, hits in (("role", by_role), ("affiliation", by_affiliation), ("name", by_name)):
            for speaker_id in hits:
                weights = found.setdefault(speaker_id, {})
                weights[word] = max(weights.get(word, 0.0), PARTIAL_WEIGHTS[where])
    return {
        speaker_id: PARTIAL_CEILING * sum(weights.values()) / len(query_words) for speaker_id, weights in found.items()
    }


def search(
    db: sqlite_utils.Database, q: str, *, kind: str | None = None, limit: int = 20
) -> tuple[list[dict[str, Any]], bool]:
    """Speakers whose name or alias matches ``q``, closest spelling first,
    and whether the match is partial.

    A speaker matches when every word of ``q`` starts a word of one of its
    names once both are reduced to transliteration skeletons (so "Qasem"
    finds "Qassem"), or when the words are found in its name, aliases or
    role by full-text search. The score is 1 for the exact name, 0.95 for
    an exact alias, and otherwise grows with spelling similarity.

    When no speaker matches every word, speakers matching some of them (in
    a name or alias, an affiliation's name or alias, or the role) are
    ranked instead, best first, scoring at most :data:`PARTIAL_CEILING`,
    and the answer is partial. Words that name no one ("a", "the", "top")
    are left out, and a plural is read as its singular.
    """
    scores, partial = _scores(db, q), False
    matching = _of_kind(db, scores, kind)
    if not matching:
        scores, partial = _partial_scores(db, q), True
        matching = _of_kind(db, scores, kind)
    if not matching:
        return [], False
    found = present_many(db, matching)
    for speaker in found:
        speaker["score"] = round(scores[speaker["id"]], 3)
    # Among equals, the body the others found belong to ("US officials":
    # the government, whose departments and officials matched "US" too),
    # then the speaker with more claims.
    members = Counter(speaker["affiliation"]["id"] for speaker in found if speaker["affiliation"])
    found.sort(
        key=lambda speaker: (
            -speaker["score"],
            -members[speaker["id"]],
            -speaker["claim_count"],
            fold(speaker["name"]),
            speaker["id"],
        )
    )
    return found[:limit], partial


def _of_kind(db: sqlite_utils.Database, scores: dict[int, float], kind: str | None) -> list[dict[str, Any]]:
    if not scores:
        return []
    rows = records.rows(
        db, "SELECT * FROM speakers WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(scores))]
    )
    return [row for row in rows if not kind or row["kind"] == kind]


#: The score from which a speaker search's best candidate is taken to be the
#: speaker named: an exact name or alias, or a spelling close enough to be a
#: transliteration of it ("Mohamed Mohie" for "Mohammad Mohie").
SAME_SPEAKER_SCORE = 0.85


def candidates(db: sqlite_utils.Database, names: Iterable[str], limit: int = 3) -> dict[str, list[dict[str, Any]]]:
    """For each of ``names``, the stored speakers it may be (their summaries
    and :func:`search` scores), best first: one search per distinct name,
    and the summaries of every candidate read at once."""
    scored = {name: _scores(db, name) for name in dict.fromkeys(names)}
    best = {
        name: sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit] for name, scores in scored.items()
    }
    found = summaries(db, (speaker_id for ranked in best.values() for speaker_id, _ in ranked))
    return {
        name: [{**found[speaker_id], "score": round(score, 3)} for speaker_id, score in ranked if speaker_id in found]
        for name, ranked in best.items()
    }


def same_speaker(ranked: list[dict[str, Any]]) -> int | None:
    """The id of the speaker a name stands for, among its ranked candidates:
    the best one, when it scores :data:`SAME_SPEAKER_SCORE` or more and no
    other candidate scores as well."""
    if not ranked or ranked[0]["score"] < SAME_SPEAKER_SCORE:
        return None
    if len(ranked) > 1 and ranked[1]["score"] >= ranked[0]["score"]:
        return None
    return ranked[0]["id"]


def merged_into(db: sqlite_utils.Database, speaker_id: int) -> int | None:
    """The speaker a merged speaker's record now lives in (following merges
    of merges), or None for a speaker that was never merged away.

    A merge is recorded in the merged speaker's history as the change of
    ``merged_into`` from null to the target's id: the revision is the
    record, so no table is needed for it."""
    found: int | None = None
    current, seen = speaker_id, {speaker_id}
    while True:
        row = db.conn.execute(
            "SELECT json_extract(after, '$.merged_into') FROM revisions"
            " WHERE table_name = 'speakers' AND row_id = ? AND json_extract(after, '$.merged_into') IS NOT NULL"
            " ORDER BY id DESC LIMIT 1",
            [current],
        ).fetchone()
        if row is None or row[0] in seen:
            return found
        found = current = row[0]
        seen.add(current)


def merge(
    db: sqlite_utils.Database,
    speaker_id: int,
    target_id: int,
    expected_version: records.Expected | None,
    actor: str,
    reason: str | None = None,
) -> None:
    """Merge the speaker ``speaker_id`` into ``target_id``: two records of one person.

    Every claim of the speaker, and every speaker affiliated with it, moves
    to the target, each change versioned and recorded; the claims keep their
    ids, so their permalinks do not change. The speaker's name and aliases
    become aliases of the target. The merged record is then deleted, its
    last revision naming the target (see :func:`merged_into`).

    Refused with 409, changing nothing, when the target is the speaker
    itself or does not exist, when the two hold a claim with the same
    words (one of them is a duplicate to retract first), or when the
    target would be left with more than :data:`MAX_ALIASES` aliases.
    """
    before = _fetch_or_404(db, speaker_id)
    records.check_version(before, expected_version, LABEL)
    if target_id == speaker_id:
        raise Conflict(
            "A speaker cannot be merged into itself.", errors=[FieldError("target_id", "Same as the speaker.")]
        )
    target = records.fetch(db, "speakers", target_id)
    if target is None:
        raise Conflict.on_field("target_id", f"No speaker with id {target_id}.")
    moving = list(
        records.rows(db, "SELECT * FROM claims WHERE speaker_id = ? AND retracted_at IS NULL ORDER BY id", [speaker_id])
    )
    from .claims import existing  # the claims store reads speakers: imported here, not at the top

    twins = existing(db, [(claim["text_key"], target_id) for claim in moving])
    pairs = [
        f"{claim['id']} and {twins[(claim['text_key'], target_id)]}"
        for claim in moving
        if (claim["text_key"], target_id) in twins
    ]
    if pairs:
        named = ", ".join(pairs)
        raise Conflict(
            f"Both speakers hold claims with the same words ({named}); retract the duplicate before merging.",
            errors=[FieldError("target_id", f"Claims {named} would be duplicates.")],
        )
    members = list(records.rows(db, "SELECT * FROM speakers WHERE affiliation_id = ? ORDER BY id", [speaker_id]))
    for member in members:
        if member["id"] != target_id:
            try:
                _check_affiliation(db, member["id"], target_id)
            except Conflict:
                raise Conflict.on_field(
                    "target_id", f"Speaker {member['id']} belongs to this speaker and above the target: a loop."
                ) from None
    names = [before["name"], *records.decode(before)["aliases"]]
    _new_aliases(target, names, "target_id")  # refused before anything is written
    why = reason or f"Merged speaker {speaker_id} ({before['name']}) into speaker {target_id}."
    for claim in records.rows(db, "SELECT * FROM claims WHERE speaker_id = ? ORDER BY id", [speaker_id]):
        records.update(db, "claims", claim, {"speaker_id": target_id}, actor, why)
    for member in members:
        new_affiliation: int | None = target_id
        if member["id"] == target_id:
            # The target belonged to the speaker: it takes the speaker's own
            # affiliation instead, unless that is the target itself.
            inherited = before["affiliation_id"]
            new_affiliation = inherited if inherited != target_id else None
        records.update(db, "speakers", member, {"affiliation_id": new_affiliation}, actor, why)
    add_aliases(db, target_id, names, None, actor, why)
    records.record_revision(
        db, "speakers", speaker_id, "update", {"merged_into": None}, {"merged_into": target_id}, actor, why
    )
    records.delete(db, "speakers", _fetch_or_404(db, speaker_id), actor, why)
