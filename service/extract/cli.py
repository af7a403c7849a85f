"""``flask --app service extract FILE|-`` and ``--dir DIR``: drafts as JSON lines."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TextIO

import click
from tqdm import tqdm

from .. import compiled
from . import extract


def _lines(drafts: list, file: str | None = None) -> list[str]:
    lines = []
    for draft in drafts:
        item = draft.to_dict()
        if file is not None:
            item = {"file": file, **item}
        lines.append(json.dumps(item, ensure_ascii=False))
    return lines


@click.command("extract")
@click.argument("source", metavar="FILE", required=False, type=click.File("r", encoding="utf-8"))
@click.option(
    "--dir",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extract from every .txt file in this folder, with a progress bar and a summary.",
)
@click.option("--language", default=None, help="The text's language (en, ar); guessed when left out.")
@click.option("--version", "version", is_flag=True, help="Say whether the extractor runs compiled, and which modules.")
def extract_command(source: TextIO | None, directory: Path | None, language: str | None, version: bool) -> None:
    """Print the quotes and reported speech in FILE (or - for stdin) as JSON lines."""
    if version:
        click.echo(f"extractor: {compiled.STATUS.describe()}")
        return
    if (source is None) == (directory is None):
        raise click.UsageError("give either FILE (or - for stdin) or --dir DIR")
    if source is not None:
        for line in _lines(extract(source.read(), language)):
            click.echo(line)
        return
    assert directory is not None
    files = sorted(path for path in directory.rglob("*.txt") if path.is_file())
    totals = {"quote": 0, "paraphrase": 0, "with speaker": 0}
    started = time.perf_counter()
    for path in tqdm(files, desc="extract", unit="file", file=sys.stderr, disable=None):
        drafts = extract(path.read_text(encoding="utf-8"), language)
        for draft in drafts:
            totals[draft.kind] += 1
            totals["with speaker"] += draft.speaker is not None
        for line in _lines(drafts, str(path.relative_to(directory))):
            click.echo(line)
    seconds = time.perf_counter() - started
    click.echo(
        f"{len(files)} files, {totals['quote']} quotes, {totals['paraphrase']} paraphrases, "
        f"{totals['with speaker']} with a speaker, in {seconds:.2f} s",
        err=True,
    )
