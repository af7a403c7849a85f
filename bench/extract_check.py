"""The extractor's output on every development and held-out article, both texts of ``bench.extract`` and 60
bulk articles, as one JSON document: a change meant only for speed must leave it byte for byte the same.

    .venv/bin/python -m bench.extract_check --write before.json   # before the change
    .venv/bin/python -m bench.extract_check --compare before.json # after it: exits 1 on any difference

``CLAIMS_EXTRACT_COMPILED=0`` runs the interpreted source when the compiled build is there; the first line
printed says which one ran.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from bench.eval_extract import DEV_SET, HELD_OUT, load_text
from bench.extract import english_articles, long_article, seed_articles
from service import compiled
from service.extract import extract

BULK_SAMPLE = 60


def texts() -> list[tuple[str, str, str | None]]:
    """(name, text, language) of everything checked."""
    found = []
    for folder in (DEV_SET, HELD_OUT):
        for path in sorted(folder.glob("*.json")):
            document = json.loads(path.read_text())
            found.append((f"{folder.name}/{path.name}", load_text(document), document.get("language")))
    english = english_articles()
    found.append(("bench: development set's articles", long_article(english), None))
    found.append(("bench: seed articles", long_article(seed_articles()), None))
    generator = random.Random(13)  # the bulk run's first articles
    for number in range(BULK_SAMPLE):
        found.append((f"bulk {number}", "\n\n".join(generator.sample(english, generator.randint(1, 8))), None))
    return found


def outputs() -> str:
    drafts = {name: [draft.to_dict() for draft in extract(text, language)] for name, text, language in texts()}
    return json.dumps(drafts, ensure_ascii=False, sort_keys=True, indent=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="write the outputs to this file")
    action.add_argument("--compare", type=Path, help="compare the outputs with this file")
    arguments = parser.parse_args()
    print(f"extractor: {compiled.STATUS.describe()}")
    found = outputs()
    if arguments.write:
        arguments.write.write_text(found)
        print(f"{len(texts())} texts written to {arguments.write}")
        return 0
    expected = json.loads(arguments.compare.read_text())
    actual = json.loads(found)
    differing = sorted(name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name))
    if found == arguments.compare.read_text() and not differing:
        print(f"{len(actual)} texts: the same, byte for byte")
        return 0
    print(f"{len(differing)} of {len(actual)} texts differ: " + ", ".join(differing[:20]))
    return 1


if __name__ == "__main__":
    sys.exit(main())
