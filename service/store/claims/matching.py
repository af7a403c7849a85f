"""Finding a claim the service already holds: exact and fuzzy matches, on
a calibrated scale with three labels.

The labels follow ClaimsKG's claim-matching types:

* ``same_claim``: the same claim (the same words once case, punctuation,
  quotation marks and spacing are set aside, a shortened quote, or a
  rewording), by the same speaker or by a speaker not given;
* ``same_claim_other_speaker``: the same claim, by another speaker;
* ``same_topic``: a claim about the same thing that says something else.

A claim that says the opposite (one of the two is negated: "did not pose
an imminent threat" and "posed an imminent threat") is never the same
claim: it is labelled ``same_topic`` and flagged ``counter_claim``, a
candidate for a ``contradicts`` link.

The score is the label's scale: :data:`SAME_CLAIM` and above is the same
claim, :data:`SAME_TOPIC` up to it the same topic, below it unrelated (left
out unless the caller's ``min_score`` asks for it). The thresholds were set
on tests/data/match_pairs.json (``python -m bench.eval_match`` prints
precision and recall per label).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from ...normalize import text_key
from .. import records
from .read import summaries

#: How much of each text a match compares, so that one comparison costs the
#: same however long the claims are: two texts that open with the same
#: 1,000 characters are similar. (An exact match still compares whole keys.)
COMPARED_CHARS = 1000
#: Reading alike (edit distance, quadratic in length) looks at less: it is
#: for light edits of short quotes; long texts are judged by their words.
READS_ALIKE_CHARS = 500

#: Below this edit similarity two texts are not a light edit of each other:
#: unrelated sentences of one language read 0.3 to 0.5 alike.
READS_ALIKE_FLOOR = 0.75

#: From this score, the same claim.
SAME_CLAIM = 0.7
#: From this score up to :data:`SAME_CLAIM`, the same topic; below it,
#: unrelated, and left out by default.
SAME_TOPIC = 0.15

#: From this score, a pair in which one text is negated and the other not
#: is flagged as a counter-claim (and scored under :data:`SAME_CLAIM`).
COUNTER_CLAIM = 0.5

SAME_CLAIM_LABEL = "same_claim"
OTHER_SPEAKER_LABEL = "same_claim_other_speaker"
SAME_TOPIC_LABEL = "same_topic"
UNRELATED_LABEL = "unrelated"
LABELS = (SAME_CLAIM_LABEL, OTHER_SPEAKER_LABEL, SAME_TOPIC_LABEL, UNRELATED_LABEL)

#: Words that carry no topic: they are set aside when words are compared.
STOP_WORDS = frozenset(
    """a an the and or but if then than so as of in on at to for from by with about into over after before
    under between through during since until while this that these those it its it's is are was were be been
    being am has have had having do does did will would shall should can could may might must i we you he she
    they me us him her them my our your his their there here what which who whom whose when where why how
    said says say told also just very more most much many some any all each every other such only own same too
    again once up down out off""".split()
)
#: Words that negate what is said: a pair in which one text has one of them
#: and the other none says opposite things.
NEGATIONS = frozenset(
    """not no never nothing none nobody neither nor without cannot cant dont doesnt didnt isnt arent wasnt
    werent wont wouldnt hasnt havent hadnt shouldnt couldnt deny denies denied denying""".split()
)
#: A contraction ending in n't, as it stands in a key ("didn't" is
#: "didn t" once punctuation is set aside).
_CONTRACTED_NOT = re.compile(r"\wn t(?: |$)")
_SUFFIXES = ("ies", "es", "ed", "ing", "s", "e")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light English stem: plural and tense endings off, so "officials"
    and "official", "posed" and "pose" compare equal."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@dataclass(frozen=True)
class Profile:
    """What a text is compared by: its key, its topic words (stemmed), and
    whether it is negated."""

    key: str
    words: frozenset[str]
    negated: bool


def profile(text: str, key: str | None = None) -> Profile:
    """A text's profile, from its :func:`text_key` (``key``, when the caller
    has it), on its first :data:`COMPARED_CHARS` characters: the key is
    already folded, so a stored claim is profiled from its key alone."""
    key = (key if key is not None else text_key(text))[:COMPARED_CHARS]
    tokens = set(key.split())
    negated = not NEGATIONS.isdisjoint(tokens) or _CONTRACTED_NOT.search(key) is not None
    words = frozenset(map(_stem, tokens - STOP_WORDS - NEGATIONS))
    return Profile(key, words, negated)


def similarity(query: Profile, claim: Profile) -> float:
    """How close two texts are, from 0 to just under 1: the best of how many
    of the query's topic words the claim holds (a shortened quote), how many
    the two share (a rewording), and how alike they read (a light edit)."""
    if not query.words or not claim.words:
        return round(fuzz.ratio(query.key[:READS_ALIKE_CHARS], claim.key[:READS_ALIKE_CHARS]) / 100 * 0.5, 3)
    shared = len(query.words & claim.words)
    if not shared:
        return 0.0  # any two sentences share some letters: only a light edit of shared words counts
    contained = shared / len(query.words) if len(query.words) >= 2 else 0.0
    overlap = 2 * shared / (len(query.words) + len(claim.words))
    # Under the floor the edit similarity counts for nothing, so rapidfuzz may stop early (and answer 0).
    reads_alike = (
        fuzz.ratio(query.key[:READS_ALIKE_CHARS], claim.key[:READS_ALIKE_CHARS], score_cutoff=READS_ALIKE_FLOOR * 100)
        / 100
    )
    return round(min(0.99, max(0.9 * contained, overlap, reads_alike)), 3)


def assess(
    query: Profile, claim: Profile, *, same_speaker: bool | None, exact: bool = False
) -> tuple[float, str, bool]:
    """A stored claim's score, label and counter-claim flag for a query.
    ``same_speaker`` is None when the query's speaker is not known."""
    opposite = query.negated != claim.negated
    score = 1.0 if exact and not opposite else similarity(query, claim)
    # Close in words but one negated: a counter-claim candidate. Saying the
    # opposite is the same topic at most, whatever the words.
    counter_claim = opposite and score >= COUNTER_CLAIM
    if counter_claim:
        score = min(score, round(SAME_CLAIM - 0.01, 3))
    if score >= SAME_CLAIM:
        label = OTHER_SPEAKER_LABEL if same_speaker is False else SAME_CLAIM_LABEL
    elif score >= SAME_TOPIC:
        label = SAME_TOPIC_LABEL
    else:
        label = UNRELATED_LABEL
    return score, label, counter_claim


def _search_words(key: str) -> list[str]:
    """The words full-text search looks for: the topic words, as written."""
    written = [word for word in dict.fromkeys(key.split()) if len(word) > 2]
    topical = [word for word in written if word not in STOP_WORDS and word not in NEGATIONS]
    return (topical or written)[:32]


@dataclass(frozen=True)
class Query:
    """A text to match: ``speaker_id`` keeps to that speaker's claims;
    ``said_by`` names the text's speaker, so that a claim by someone else is
    labelled ``same_claim_other_speaker``."""

    text: str
    speaker_id: int | None = None
    said_by: int | None = None


#: How many full-text hits a query's claims are scored among, best ranked first.
FTS_CANDIDATES = 200


def match(
    db: sqlite_utils.Database,
    text: str,
    *,
    speaker_id: int | None,
    limit: int,
    public_url: str,
    said_by: int | None = None,
    min_score: float = SAME_TOPIC,
) -> list[dict[str, Any]]:
    """Existing claims like ``text``: :func:`match_many` for one query."""
    (found,) = match_many(
        db, [Query(text, speaker_id, said_by)], limit=limit, public_url=public_url, min_score=min_score
    )
    return found


def match_many(
    db: sqlite_utils.Database,
    queries: Sequence[Query],
    *,
    limit: int,
    public_url: str,
    min_score: float = SAME_TOPIC,
) -> list[list[dict[str, Any]]]:
    """For each query, existing claims like its text, best first, each with
    its score, label and counter-claim flag: the same words (score 1) once
    case, punctuation, quotation marks and spacing are set aside, then claims
    found by full-text search, scored by similarity. Claims scoring under
    ``min_score`` are left out.

    An article's drafts are matched at once: one read of the claims with the
    same words for every query, a full-text search per query, one read of
    the candidates' words, each claim profiled once, and one read of the
    summaries of every claim found.
    """
    distinct = list(dict.fromkeys(queries))
    keys = {query: text_key(query.text) for query in distinct}
    exact = _same_words(db, set(keys.values()))
    hits = {query: _full_text_hits(db, keys[query]) for query in distinct}
    candidates = _candidates(db, {claim_id for found in hits.values() for claim_id in found})
    profiles: dict[int, Profile] = {}
    best: dict[Query, list[tuple[int, tuple[float, str, str, bool]]]] = {}
    for query in distinct:
        key = keys[query]
        query_profile = profile(query.text, key)
        query_speaker = query.speaker_id if query.speaker_id is not None else query.said_by
        found: dict[int, tuple[str, int]] = {}  # id: kind, speaker
        for claim_id, claim_speaker in exact.get(key, ()):
            found[claim_id] = ("exact", claim_speaker)
        for claim_id in hits[query]:
            if claim_id in candidates:
                found.setdefault(claim_id, ("similar", candidates[claim_id][1]))
        scored: dict[int, tuple[float, str, str, bool]] = {}
        for claim_id, (kind, claim_speaker) in found.items():
            if query.speaker_id is not None and claim_speaker != query.speaker_id:
                continue
            if claim_id not in profiles:
                # A claim with the same words is compared by the query's key, which is its own.
                claim_key = candidates[claim_id][0] if claim_id in candidates else key[:COMPARED_CHARS]
                profiles[claim_id] = profile(claim_key, claim_key)
            same_speaker = None if query_speaker is None else claim_speaker == query_speaker
            score, label, counter_claim = assess(
                query_profile, profiles[claim_id], same_speaker=same_speaker, exact=kind == "exact"
            )
            if score >= min_score:
                scored[claim_id] = (score, kind, label, counter_claim)
        best[query] = sorted(scored.items(), key=lambda item: (-item[1][0], -item[0]))[:limit]
    claims = summaries(db, sorted({claim_id for ranked in best.values() for claim_id, _ in ranked}), public_url)
    return [
        [
            {"claim": dict(claims[claim_id]), "score": score, "match": kind, "label": label, "counter_claim": flag}
            for claim_id, (score, kind, label, flag) in best[query]
        ]
        for query in queries
    ]


def _same_words(db: sqlite_utils.Database, keys: set[str]) -> dict[str, list[tuple[int, int]]]:
    """The live claims with each of these keys, as (id, speaker) pairs."""
    found: dict[str, list[tuple[int, int]]] = {}
    if not keys:
        return found
    # CROSS JOIN keeps this order: each key is looked up in the text_key index.
    rows = db.conn.execute(
        "SELECT claims.text_key, claims.id, claims.speaker_id FROM json_each(?) AS wanted"
        " CROSS JOIN claims ON claims.text_key = wanted.value WHERE claims.retracted_at IS NULL",
        [json.dumps(sorted(keys), ensure_ascii=False)],
    )
    for key, claim_id, speaker_id in rows:
        found.setdefault(key, []).append((claim_id, speaker_id))
    return found


def _full_text_hits(db: sqlite_utils.Database, key: str) -> list[int]:
    """The ids of the :data:`FTS_CANDIDATES` claims full-text search ranks
    best for a key's topic words (retracted ones included: the caller's read
    leaves them out)."""
    words = _search_words(key[:COMPARED_CHARS])
    if not words:
        return []
    search = " OR ".join(f'"{word}"' for word in words)
    # Ranking costs more than finding: when the hits are few enough to be
    # scored all, which ones rank best does not matter, so they are not ranked.
    found = [
        rowid
        for (rowid,) in db.conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? LIMIT ?", [search, FTS_CANDIDATES + 1]
        )
    ]
    if len(found) <= FTS_CANDIDATES:
        return found
    ranked = db.conn.execute(
        "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", [search, FTS_CANDIDATES]
    )
    return [rowid for (rowid,) in ranked]


def _candidates(db: sqlite_utils.Database, claim_ids: set[int]) -> dict[int, tuple[str, int]]:
    """The compared key and speaker of each of these claims still live."""
    if not claim_ids:
        return {}
    where, params = records.among("claims.id", claim_ids)
    rows = db.conn.execute(
        f"SELECT id, substr(text_key, 1, {COMPARED_CHARS}), speaker_id FROM claims"
        f" WHERE {where} AND retracted_at IS NULL",
        params,
    )
    return {claim_id: (claim_key, speaker_id) for claim_id, claim_key, speaker_id in rows}
