"""Quality of ``POST /claims/match``'s labels on tests/data/match_pairs.json.

    .venv/bin/python -m bench.eval_match

Every pair's stored claim goes into one database, each pair with a speaker
of its own; each pair's query is then matched against the whole database,
as the API does (full-text search, then scoring), with ``said_by`` the
pair's speaker or, for the pairs by another speaker, someone else. The
label the pair's claim gets is compared with the pair's label (a claim left
out is ``unrelated``). Prints precision and recall per label, the
counter-claim flag's, and the pairs labelled wrongly.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from service import db
from service.store import claims, records, sources, speakers
from service.store.claims.matching import LABELS

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "data" / "match_pairs.json"


def load_pairs() -> list[dict[str, Any]]:
    return json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]


def predict(database: db.sqlite_utils.Database, pairs: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """Each pair's label and counter-claim flag, through the store."""
    with db.transaction(database):
        source_id = sources.create(database, {"title": "Match pairs", "kind": "article"}, "eval")
        someone_else = speakers.create(database, {"name": "Someone else", "kind": "person"}, "eval")
        stored = []
        for number, pair in enumerate(pairs):
            speaker_id = speakers.create(database, {"name": f"Speaker {number}", "kind": "person"}, "eval")
            values = {"text": pair["claim"], "kind": "paraphrase", "speaker_id": speaker_id, "source_id": source_id}
            claim_id = records.insert(database, "claims", claims.derive(values, None), "eval")
            stored.append((claim_id, speaker_id))
    predicted = []
    for pair, (claim_id, speaker_id) in zip(pairs, stored, strict=True):
        said_by = speaker_id if pair["same_speaker"] else someone_else
        found = claims.match(database, pair["query"], speaker_id=None, said_by=said_by, limit=50, public_url="")
        mine = [item for item in found if item["claim"]["id"] == claim_id]
        predicted.append((mine[0]["label"], mine[0]["counter_claim"]) if mine else ("unrelated", False))
    return predicted


def report(pairs: list[dict[str, Any]], predicted: list[tuple[str, bool]]) -> dict[str, tuple[float, float]]:
    """Print precision and recall per label; answer them too."""
    figures: dict[str, tuple[float, float]] = {}
    truth = [pair["label"] for pair in pairs]
    labels = [label for label, _ in predicted]
    print(f"{'label':28} {'pairs':>5} {'precision':>9} {'recall':>7}")
    for label in LABELS:
        chosen = sum(1 for got in labels if got == label)
        relevant = sum(1 for want in truth if want == label)
        right = sum(1 for want, got in zip(truth, labels, strict=True) if want == got == label)
        precision = right / chosen if chosen else 1.0
        recall = right / relevant if relevant else 1.0
        figures[label] = (precision, recall)
        print(f"{label:28} {relevant:5} {precision:9.2f} {recall:7.2f}")
    flagged = [flag for _, flag in predicted]
    wanted = [pair["counter_claim"] for pair in pairs]
    right = sum(1 for want, got in zip(wanted, flagged, strict=True) if want and got)
    precision = right / sum(flagged) if any(flagged) else 1.0
    recall = right / sum(wanted) if any(wanted) else 1.0
    figures["counter_claim"] = (precision, recall)
    print(f"{'counter_claim (flag)':28} {sum(wanted):5} {precision:9.2f} {recall:7.2f}")
    accuracy = sum(1 for want, got in zip(truth, labels, strict=True) if want == got) / len(pairs)
    print(f"labels right: {accuracy:.0%} of {len(pairs)} pairs; by kind of pair:")
    for kind, count in Counter(pair["kind"] for pair in pairs).items():
        right_kind = sum(
            1 for pair, got in zip(pairs, labels, strict=True) if pair["kind"] == kind and got == pair["label"]
        )
        print(f"  {kind:14} {right_kind}/{count}")
    for pair, (label, flag) in zip(pairs, predicted, strict=True):
        if label != pair["label"] or flag != pair["counter_claim"]:
            print(f"  wrong: {pair['kind']}: {label} (counter_claim {flag}), not {pair['label']}: {pair['query']!r}")
    return figures


def main() -> None:
    pairs = load_pairs()
    with tempfile.TemporaryDirectory() as folder:
        database = db.connect(Path(folder) / "claims.db")
        db.migrate(database)
        predicted = predict(database, pairs)
        database.close()
    report(pairs, predicted)


if __name__ == "__main__":
    main()
