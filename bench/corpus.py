"""Synthetic corpora of realistic shape, loaded through the fixtures loader.

``python -m bench.corpus N PATH`` writes a claims database of N claims.

- words follow a Zipf distribution (exponent about 1.07, as in news text);
- one speaker per 200 claims, one source per 20 claims;
- about 10% of claims carry a counter-claim link, 2% an appearance in a
  second source;
- a third of the claims are quotes, anchored in their source's text.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path
from typing import Any

from service import db, fixtures

SYLLABLES = [c + v for c in "bdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
VOCABULARY_SIZE = 20_000
ZIPF_EXPONENT = 1.07
CLAIMS_PER_SPEAKER = 200
CLAIMS_PER_SOURCE = 20
SOURCES_PER_BATCH = 500


class Corpus:
    def __init__(self, seed: int = 20200103) -> None:
        self.random = random.Random(seed)
        words = set()
        while len(words) < VOCABULARY_SIZE:
            words.add("".join(self.random.choices(SYLLABLES, k=self.random.randint(1, 4))))
        self.words = sorted(words, key=lambda word: (len(word), word))
        weights = [1 / rank**ZIPF_EXPONENT for rank in range(1, VOCABULARY_SIZE + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def sentence(self, low: int = 8, high: int = 24) -> str:
        count = self.random.randint(low, high)
        chosen = self.random.choices(self.words, cum_weights=self.cumulative, k=count)
        return " ".join(chosen).capitalize() + "."

    def name(self) -> str:
        parts = ["".join(self.random.choices(SYLLABLES, k=self.random.randint(2, 3))) for _ in range(2)]
        return " ".join(part.capitalize() for part in parts)

    def documents(self, claim_count: int) -> list[tuple[str, dict[str, Any]]]:
        speaker_count = max(1, claim_count // CLAIMS_PER_SPEAKER)
        speakers = [
            {
                "key": f"speaker-{n}",
                "name": f"{self.name()} {n}",
                "kind": self.random.choice(["person", "person", "organization", "government", "group"]),
                "description": self.sentence(2, 5),
                "aliases": [f"{self.name()} {n}"],
            }
            for n in range(speaker_count)
        ]
        documents = []
        claim_number = 0
        for source_number in range(max(1, claim_count // CLAIMS_PER_SOURCE)):
            claims, paragraphs = [], []
            for _ in range(CLAIMS_PER_SOURCE):
                text = f"{self.sentence()[:-1]} {claim_number}."
                quote = self.random.random() < 1 / 3
                paragraphs += [self.sentence(), f"\u201c{text}\u201d" if quote else self.sentence()]
                claim = {
                    "key": f"claim-{claim_number}",
                    "kind": "quote" if quote else "paraphrase",
                    "text": text,
                    "speaker": f"speaker-{self.random.randrange(speaker_count)}",
                    "said_on": f"{self.random.randint(2000, 2024)}-{self.random.randint(1, 12):02d}",
                    "tags": self.random.sample(self.words[:200], k=2),
                }
                claims.append(claim)
                claim_number += 1
            links = []
            for claim in claims:
                number = int(claim["key"].split("-")[1])
                if number and self.random.random() < 0.10:
                    links.append(
                        {
                            "claim": claim["key"],
                            "target": f"claim-{self.random.randrange(number)}",
                            "relation": "contradicts",
                        }
                    )
            earlier = claim_number - CLAIMS_PER_SOURCE
            appearances = [
                {"claim": f"claim-{self.random.randrange(earlier)}"}
                for _ in range(CLAIMS_PER_SOURCE)
                if earlier > 0 and self.random.random() < 0.02
            ]
            source = {
                "title": f"{self.sentence(4, 10)[:-1]} ({source_number})",
                "publisher": f"Publisher {self.random.randrange(50)}",
                "published_on": "2024",
                "kind": "article",
                "language": "en",
                "text": "\n\n".join(paragraphs),
            }
            documents.append(
                (
                    f"source-{source_number}",
                    {
                        "source": source,
                        "speakers": speakers if source_number == 0 else [],
                        "claims": claims,
                        "links": links,
                        "appearances": appearances,
                    },
                )
            )
        return documents


def build(claim_count: int, path: Path) -> dict[str, float]:
    """Write a corpus of ``claim_count`` claims to ``path``; return timings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    database = db.connect(path, synchronous="OFF")
    db.migrate(database)
    documents = Corpus().documents(claim_count)
    started = time.perf_counter()
    # Batches keep each transaction a few megabytes; the keys carry over.
    keys = fixtures.Keys()
    for first in range(0, len(documents), SOURCES_PER_BATCH):
        fixtures.load_documents(database, documents[first : first + SOURCES_PER_BATCH], keys)
    elapsed = time.perf_counter() - started
    database.conn.execute("PRAGMA optimize")
    database.close()
    return {"claims": claim_count, "seconds": elapsed, "claims_per_second": claim_count / elapsed}


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    result = build(count, target)
    rate = result["claims_per_second"]
    print(f"{result['claims']} claims in {result['seconds']:.1f}s ({rate:.0f} claims/s)")
