"""Speed of the quote and speaker extractor.

    .venv/bin/python -m bench.extract

- one 5,000-word article, built by joining the development set's English
  articles (the seed articles aside) until it is long enough, extracted 200
  times: median and p95 (the target is 30 ms p95). These short articles hold
  a quotation every 16 words or so, several times the density of news copy,
  so the same is measured on the two seed articles repeated to 5,000 words;
- a bulk run over 1,000 articles of one to eight joined development
  articles each: articles per second.

It runs the compiled extractor when ``make build`` has made it and it matches the sources, and says so;
``CLAIMS_EXTRACT_COMPILED=0`` times the plain source.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time

from bench.eval_extract import DEV_SET, load_text
from service import compiled
from service.extract import extract

LONG_ARTICLE_WORDS = 5_000
RUNS = 200
BULK_ARTICLES = 1_000


def english_articles() -> list[str]:
    texts = []
    for path in sorted(DEV_SET.glob("*.json")):
        document = json.loads(path.read_text())
        if "text" in document and document.get("language", "en") == "en":
            texts.append(document["text"])
    return texts


def seed_articles() -> list[str]:
    return [load_text(json.loads(path.read_text())) for path in sorted(DEV_SET.glob("seed-*.json"))]


def long_article(texts: list[str], words: int = LONG_ARTICLE_WORDS) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        count += len(text.split())
    return "\n\n".join(parts)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_long_article(label: str, texts: list[str]) -> None:
    article = long_article(texts)
    extract(article)  # warm the regular expressions
    timings, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        drafts = extract(article)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    print(
        f"{label} ({len(article.split())} words, {len(drafts)} drafts), {RUNS} runs: "
        f"median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms (target 30 ms); "
        f"CPU time median {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms"
    )


def main() -> None:
    # The machine's load moves wall-clock and even CPU times: print it with the figures.
    print("load average (1, 5, 15 min): " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))
    print(f"extractor: {compiled.STATUS.describe()}")
    texts = english_articles()
    time_long_article("5,000 words of the development set's articles", texts)
    time_long_article("5,000 words of the seed articles", seed_articles())
    generator = random.Random(13)
    bulk = ["\n\n".join(generator.sample(texts, generator.randint(1, 8))) for _ in range(BULK_ARTICLES)]
    words = sum(len(text.split()) for text in bulk)
    started = time.perf_counter()
    items = sum(len(extract(text)) for text in bulk)
    seconds = time.perf_counter() - started
    print(
        f"bulk: {BULK_ARTICLES} articles ({words / BULK_ARTICLES:.0f} words on average, {items} drafts) "
        f"in {seconds:.2f} s: {BULK_ARTICLES / seconds:.0f} articles/s"
    )
    print("load average (1, 5, 15 min): " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
