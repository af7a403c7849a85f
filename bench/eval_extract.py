"""Quality of the quote and speaker extractor on the development set.

    .venv/bin/python -m bench.eval_extract              # the development set
    .venv/bin/python -m bench.eval_extract --held-out   # the held-out articles
    .venv/bin/python -m bench.eval_extract --held-out --only held6-   # one held-out batch

Prints precision, recall and speaker accuracy by pattern, overall, for
fragments and by quotation-mark style. A found quote matches a gold one when
their spans overlap by at least 80% of the longer; a speaker is correct when
the names are the same (case, "the", spacing and apostrophes aside), or when
the found name is the gold name with its role written before it (Arabic).
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from service.extract import Draft, extract

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "data" / "extraction"
HELD_OUT = DEV_SET / "held_out"
FIXTURES = ROOT / "fixtures"
MARK_STYLES = {'"': "straight", "“": "curly", "‘": "single", "'": "single", "«": "guillemets", "‹": "guillemets"}
MARK_STYLES["„"] = "low-nine"


@dataclass
class Gold:
    quote: str
    start: int
    end: int
    kind: str
    fragment: bool
    speaker: str | None
    pattern: str
    continues: bool
    role: str | None
    marks: str


@dataclass
class Article:
    id: str
    text: str
    language: str
    quotes: list[Gold]
    not_quotes: list[tuple[int, int, str]]
    paraphrases_complete: bool


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    speaker_right: int = 0
    fragment_right: int = 0
    continues_right: int = 0
    predicted: int = 0
    true_positive: int = 0
    misses: list[str] = field(default_factory=list)


def load_text(document: dict) -> str:
    if "fixture" in document:
        return yaml.safe_load((FIXTURES / document["fixture"]).read_text())["source"]["text"]
    return document["text"]


def _offset(text: str, quote: str, occurrence: int) -> int:
    position = -1
    for _ in range(occurrence + 1):
        position = text.index(quote, position + 1)
    return position


def load(folder: Path) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text())
        text = load_text(document)
        quotes = []
        for item in document["quotes"]:
            start = _offset(text, item["quote"], item.get("occurrence", 0))
            mark = text[:start].rstrip()[-1:] if item["kind"] == "quote" else ""
            quotes.append(
                Gold(
                    item["quote"],
                    start,
                    start + len(item["quote"]),
                    item["kind"],
                    item["fragment"],
                    item["speaker"],
                    item["pattern"],
                    bool(item.get("continues")),
                    item.get("role"),
                    MARK_STYLES.get(mark, "none"),
                )
            )
        negatives = []
        for item in document.get("not_quotes", []):
            position = text.find(item["quote"])
            while position >= 0:
                negatives.append((position, position + len(item["quote"]), item["pattern"]))
                position = text.find(item["quote"], position + 1)
        articles.append(
            Article(
                document["id"],
                text,
                document.get("language", "en"),
                quotes,
                negatives,
                bool(document.get("paraphrases_complete")),
            )
        )
    return articles


def overlap(start: int, end: int, other_start: int, other_end: int) -> float:
    shared = min(end, other_end) - max(start, other_start)
    return max(0, shared) / max(end - start, other_end - other_start, 1)


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    name = " ".join(name.split())
    for prefix in ("the ", "a ", "an "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


def same_speaker(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None:
        return found is None and gold is None
    found, gold = normalise(found), normalise(gold)
    return found == gold or found.endswith(" " + gold)


def matches(articles: list[Article]) -> Iterator[tuple[Article, list[Draft], dict[int, int]]]:
    """Each article with its drafts and, for each gold quote, the index of the draft that matches it."""
    for article in articles:
        drafts = extract(article.text, article.language)
        pairing: dict[int, int] = {}
        taken: set[int] = set()
        for number, gold in enumerate(article.quotes):
            threshold = 0.8 if gold.kind == "quote" else 0.5
            best, best_score = None, threshold
            for index, draft in enumerate(drafts):
                if draft.kind != gold.kind or index in taken:
                    continue
                score = overlap(gold.start, gold.end, draft.start, draft.end)
                if score >= best_score:
                    best, best_score = index, score
            if best is not None:
                pairing[number] = best
                taken.add(best)
        yield article, drafts, pairing


def evaluate(articles: list[Article]) -> dict[str, dict[str, Tally]]:
    tables: dict[str, dict[str, Tally]] = {
        "pattern": defaultdict(Tally),
        "marks": defaultdict(Tally),
        "overall": defaultdict(Tally),
    }
    for article, drafts, pairing in matches(articles):
        matched_drafts = {index: number for number, index in pairing.items()}
        for number, gold in enumerate(article.quotes):
            keys = [("pattern", gold.pattern), ("overall", "paraphrase" if gold.kind == "paraphrase" else "quotes")]
            if gold.kind == "quote":
                keys.append(("marks", gold.marks))
                if gold.fragment:
                    keys.append(("overall", "fragments"))
            for table, key in keys:
                tally = tables[table][key]
                tally.gold += 1
                if number not in pairing:
                    tally.misses.append(f"{article.id}: missed {gold.quote[:60]!r}")
                    continue
                draft = drafts[pairing[number]]
                tally.found += 1
                found_name = draft.speaker.name if draft.speaker else None
                if same_speaker(found_name, gold.speaker):
                    tally.speaker_right += 1
                else:
                    tally.misses.append(f"{article.id}: {gold.quote[:40]!r} speaker {found_name!r} != {gold.speaker!r}")
                tally.fragment_right += draft.fragment == gold.fragment
                tally.continues_right += (draft.continues is not None) == gold.continues
                if draft.fragment != gold.fragment:
                    tally.misses.append(f"{article.id}: {gold.quote[:40]!r} fragment {draft.fragment}")
                if (draft.continues is not None) != gold.continues:
                    tally.misses.append(f"{article.id}: {gold.quote[:40]!r} continues {draft.continues}")
        for index, draft in enumerate(drafts):
            if draft.kind == "paraphrase" and not article.paraphrases_complete:
                continue
            if index in matched_drafts:
                gold = article.quotes[matched_drafts[index]]
                keys = [("pattern", gold.pattern)]
                keys.append(("overall", "paraphrase" if gold.kind == "paraphrase" else "quotes"))
                if gold.kind == "quote":
                    keys.append(("marks", gold.marks))
                    if gold.fragment:
                        keys.append(("overall", "fragments"))
                for table, key in keys:
                    tables[table][key].predicted += 1
                    tables[table][key].true_positive += 1
                continue
            pattern = "unlabelled"
            for start, end, negative in article.not_quotes:
                if overlap(start, end, draft.start, draft.end) >= 0.5:
                    pattern = negative
            key = "paraphrase" if draft.kind == "paraphrase" else "quotes"
            tables["overall"][key].predicted += 1
            tables["overall"][key].misses.append(f"{article.id}: extra {draft.kind} {draft.quote[:50]!r}")
            if draft.kind == "quote":
                tables["pattern"][pattern].predicted += 1
                tables["pattern"][pattern].misses.append(f"{article.id}: extra {draft.quote[:50]!r}")
    return tables


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    —"


def report(title: str, tables: dict[str, dict[str, Tally]], verbose: bool) -> None:
    print(f"\n{title}")
    header = f"{'':28} {'gold':>5} {'recall':>7} {'precision':>9} {'speaker':>8} {'fragment':>8} {'continues':>9}"
    for name in ("overall", "pattern", "marks"):
        print(f"\n{name}\n{header}")
        for key in sorted(tables[name]):
            tally = tables[name][key]
            print(
                f"{key:28} {tally.gold:5} {_percent(tally.found, tally.gold):>7} "
                f"{_percent(tally.true_positive, tally.predicted):>9} {_percent(tally.speaker_right, tally.found):>8} "
                f"{_percent(tally.fragment_right, tally.found):>8} {_percent(tally.continues_right, tally.found):>9}"
            )
    if verbose:
        print("\nerrors")
        seen = set()
        for tally in tables["pattern"].values():
            for line in tally.misses:
                if line not in seen:
                    seen.add(line)
                    print("  " + line)
        for line in tables["overall"]["paraphrase"].misses + tables["overall"]["quotes"].misses:
            if line not in seen and "extra" in line:
                seen.add(line)
                print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="also report the held-out articles")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--only", default="", help="held-out articles whose id starts with this, e.g. held3-")
    arguments = parser.parse_args()
    development = load(DEV_SET)
    report(f"Development set: {len(development)} articles", evaluate(development), arguments.verbose)
    if arguments.held_out:
        held_out = [article for article in load(HELD_OUT) if article.id.startswith(arguments.only)]
        report(f"Held-out articles: {len(held_out)}", evaluate(held_out), arguments.verbose)


if __name__ == "__main__":
    main()
