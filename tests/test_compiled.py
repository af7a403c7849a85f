"""The extractor's compiled build: used only while it matches its sources, the same drafts as the plain
source, and visible; and the collector's pause around an extraction."""

from __future__ import annotations

import ast
import dataclasses
import gc
import importlib.machinery
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from service import compiled
from service.extract import Draft, collector, extract
from service.extract.attribution import Attribution, Piece
from service.extract.quotes import QuoteSpan
from service.extract.speakers import Entity, Mention

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = 'The minister said on Monday: "We will not yield." Critics called the plan "reckless".'


@pytest.fixture(autouse=True)
def _switch_unset(monkeypatch):
    """The checks below read the switch: the suite may run with the compiled build turned off."""
    monkeypatch.delenv("CLAIMS_EXTRACT_COMPILED", raising=False)


def _fake_build(root: Path) -> Path:
    """A copy of the compiled modules' sources under ``root``, and a build of empty files recording them."""
    build = root / "build" / "mypyc"
    sources = {}
    for module in compiled.MODULES:
        source = compiled.source_of(module, root)
        source.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(compiled.source_of(module), source)
        sources[module] = compiled.digest(source)
    for module in (*compiled.MODULES, f"{compiled.GROUP}__mypyc"):
        base = build / "lib" / Path(*module.split("."))
        if module == compiled.MODULES[0]:
            base = base / "__init__"
        library = Path(f"{base}{importlib.machinery.EXTENSION_SUFFIXES[0]}")
        library.parent.mkdir(parents=True, exist_ok=True)
        library.write_bytes(b"")
    manifest = {"python": sys.implementation.cache_tag, "sources": sources}
    (build / compiled.MANIFEST_NAME).write_text(json.dumps(manifest))
    return build


def test_a_build_that_matches_its_sources_is_used(tmp_path):
    build = _fake_build(tmp_path)
    status, files = compiled.check(tmp_path, build)
    assert status.compiled == compiled.MODULES and status.reason == ""
    assert set(files) == {*compiled.MODULES, "service_extract__mypyc"}
    assert files["service.extract.speakers"].parent == build / "lib" / "service" / "extract"
    assert "compiled with mypyc (10 modules" in status.describe() and "speakers" in status.describe()


def test_a_changed_source_makes_the_whole_build_unused_and_says_which(tmp_path, caplog):
    build = _fake_build(tmp_path)
    source = compiled.source_of("service.extract.quotes", tmp_path)
    source.write_text(source.read_text() + "\n# one more line\n")
    with caplog.at_level(logging.WARNING, logger="service.compiled"):
        status, files = compiled.check(tmp_path, build)
    assert status.compiled == () and files == {}
    assert "service/extract/quotes.py changed since the compiled build" in status.reason
    assert status.describe().startswith("interpreted (")
    assert "The extractor runs interpreted: service/extract/quotes.py changed" in caplog.text


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda build: (build / "manifest.json").unlink(), "no compiled build"),
        (lambda build: (build / "manifest.json").write_text("{"), "unreadable manifest.json"),
        (
            lambda build: (build / "manifest.json").write_text(
                json.dumps({**json.loads((build / "manifest.json").read_text()), "python": "cpython-39"})
            ),
            "for cpython-39",
        ),
        (
            lambda build: next((build / "lib" / "service" / "extract").glob("cues.*")).unlink(),
            "lacks service.extract.cues",
        ),
    ],
)
def test_a_missing_or_foreign_build_is_not_used(tmp_path, spoil, reason):
    build = _fake_build(tmp_path)
    spoil(build)
    status, files = compiled.check(tmp_path, build)
    assert status.compiled == () and files == {} and reason in status.reason


def test_the_switch_turns_the_build_off(tmp_path, monkeypatch):
    build = _fake_build(tmp_path)
    monkeypatch.setenv("CLAIMS_EXTRACT_COMPILED", "0")
    assert compiled.check(tmp_path, build) == (compiled.Status((), "CLAIMS_EXTRACT_COMPILED=0"), {})


def test_the_extract_command_says_how_the_extractor_runs(runner):
    result = runner.invoke(args=["extract", "--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"extractor: {compiled.STATUS.describe()}\n"


needs_build = pytest.mark.skipif(
    not compiled.STATUS.compiled, reason=f"the compiled build is not in use: {compiled.STATUS.reason}"
)


def _import_in(root: Path, **env: str) -> subprocess.CompletedProcess:
    script = (
        "import service.extract, service.compiled; print(service.extract.__file__); "
        "print(service.compiled.STATUS.describe()); print(service.extract.extract(open('article.txt').read()))"
    )
    (root / "article.txt").write_text(ARTICLE)
    environment = {key: value for key, value in os.environ.items() if key != "CLAIMS_EXTRACT_COMPILED"}
    return subprocess.run(
        [sys.executable, "-c", script], cwd=root, env={**environment, **env}, capture_output=True, text=True, check=True
    )


@needs_build
def test_a_real_build_runs_until_a_source_changes(tmp_path):
    shutil.copytree(ROOT / "service", tmp_path / "service", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "build" / "mypyc" / "lib", tmp_path / "build" / "mypyc" / "lib")
    shutil.copyfile(ROOT / "build" / "mypyc" / "manifest.json", tmp_path / "build" / "mypyc" / "manifest.json")
    fresh = _import_in(tmp_path)
    module_file, status, drafts = fresh.stdout.splitlines()
    assert module_file.endswith(importlib.machinery.EXTENSION_SUFFIXES[0]), fresh.stdout
    assert status.startswith("compiled with mypyc") and fresh.stderr == ""

    switched_off = _import_in(tmp_path, CLAIMS_EXTRACT_COMPILED="0")
    assert switched_off.stdout.splitlines() == [
        str(tmp_path / "service" / "extract" / "__init__.py"),
        "interpreted (CLAIMS_EXTRACT_COMPILED=0)",
        drafts,
    ]

    source = tmp_path / "service" / "extract" / "sentences.py"
    source.write_text(source.read_text() + "\n# edited after the build\n")
    stale = _import_in(tmp_path)
    module_file, status, stale_drafts = stale.stdout.splitlines()
    assert module_file == str(tmp_path / "service" / "extract" / "__init__.py")
    assert status == (
        "interpreted (service/extract/sentences.py changed since the compiled build: `make build` rebuilds it)"
    )
    assert "The extractor runs interpreted: service/extract/sentences.py changed" in stale.stderr
    assert stale_drafts == drafts


@needs_build
def test_compiled_and_interpreted_give_the_same_drafts_on_every_development_article(tmp_path):
    outputs = {}
    for switch in ("1", "0"):
        environment = {**os.environ, "CLAIMS_EXTRACT_COMPILED": switch}
        result = subprocess.run(
            [sys.executable, "-m", "bench.extract_check", "--write", str(tmp_path / f"{switch}.json")],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        ran = result.stdout.splitlines()[0]
        assert ran.startswith("extractor: compiled" if switch == "1" else "extractor: interpreted"), result.stdout
        outputs[switch] = (tmp_path / f"{switch}.json").read_text()
    drafts = json.loads(outputs["1"])
    assert sum(name.startswith("extraction/") for name in drafts) >= 117
    # Held-out batches move into the development set once scored, so the two are counted together.
    assert sum(name.startswith(("extraction/", "held_out/")) for name in drafts) >= 126
    assert sum(len(items) for items in drafts.values()) > 2000
    assert outputs["1"] == outputs["0"]


def test_an_extraction_pauses_the_collector_and_resumes_it():
    seen = []

    def watch(phase: str, info: dict) -> None:
        seen.append(gc.isenabled())

    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert extract(ARTICLE) and gc.isenabled()
    gc.callbacks.append(watch)
    try:
        gc.collect()
    finally:
        gc.callbacks.remove(watch)
    assert seen  # the collector still runs once the pause is over


def test_a_collector_switched_off_stays_off():
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert extract(ARTICLE) and not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_extractions_resume_the_collector_when_the_last_one_ends(monkeypatch):
    """The pause is process-wide: a thread that finishes first must not resume it under another."""
    monkeypatch.setattr(collector, "CATCH_UP", 0)
    collections = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    started, release, done = threading.Event(), threading.Event(), threading.Event()

    def long_extraction() -> None:
        with collector.paused():
            started.set()
            release.wait(10)
        done.set()

    thread = threading.Thread(target=long_extraction)
    thread.start()
    gc.callbacks.append(count)
    try:
        assert started.wait(10)
        assert extract(ARTICLE)
        assert not gc.isenabled()  # the other extraction still runs
        assert 2 in collections  # and, past CATCH_UP allocations, the one that ended collected
        release.set()
        assert done.wait(10)
    finally:
        gc.callbacks.remove(count)
        release.set()
        thread.join(10)
    assert gc.isenabled()


def test_a_machine_that_cannot_compile_runs_the_plain_source(tmp_path):
    """``make run`` builds with --if-possible: with no working C compiler it says so, leaves no partial
    build behind and exits 0, and the service then runs the plain source."""
    shutil.copytree(ROOT / "service", tmp_path / "service", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    attempt = subprocess.run(
        [sys.executable, "-m", "service.compile_extractor", "--if-possible"],
        cwd=tmp_path,
        env={**os.environ, "CC": "/bin/false"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert attempt.returncode == 0, attempt.stderr
    assert "the extractor: interpreted (could not compile it:" in attempt.stderr
    assert not (tmp_path / "build" / "mypyc").exists()
    module_file, status, _drafts = _import_in(tmp_path).stdout.splitlines()
    assert module_file == str(tmp_path / "service" / "extract" / "__init__.py")
    assert status.startswith("interpreted (")


@pytest.mark.parametrize(
    "cls",
    [Draft, QuoteSpan, Attribution, Piece, Mention, Entity],
    ids=lambda cls: cls.__name__,
)
def test_hand_written_dataclass_constructors_take_every_field_with_its_default(cls):
    """These classes write their ``__init__`` out for the compiled build's speed: a field added without
    a parameter, or a default that differs, fails here rather than as a draft with a missing value. The
    parameters are read from the source, which the compiled build does not keep."""
    path = ROOT / cls.__module__.replace(".", "/")
    module = ast.parse((path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text())
    definition = next(node for node in module.body if isinstance(node, ast.ClassDef) and node.name == cls.__name__)
    init = next(node for node in definition.body if isinstance(node, ast.FunctionDef) and node.name == "__init__")
    parameters = init.args.args[1:]
    fields = dataclasses.fields(cls)
    assert [parameter.arg for parameter in parameters] == [field.name for field in fields]
    defaults = [None] * (len(parameters) - len(init.args.defaults)) + init.args.defaults
    for default, field in zip(defaults, fields, strict=True):
        if field.default is not dataclasses.MISSING:
            assert default is not None and ast.literal_eval(default) == field.default
        elif field.default_factory is not dataclasses.MISSING:
            assert default is not None and ast.literal_eval(default) is None  # made in the body
        else:
            assert default is None
    annotations = {
        node.target.id: ast.unparse(node.annotation)
        for node in definition.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    values = [_value_of(annotations[field.name], number) for number, field in enumerate(fields)]
    made = cls(*values)
    assert [getattr(made, field.name) for field in fields] == values
    assert dataclasses.replace(made) == made
    required = values[: sum(default is None for default in defaults)]
    for field in fields:
        if field.default_factory is not dataclasses.MISSING:
            assert getattr(cls(*required), field.name) == field.default_factory()


def _value_of(annotation: str, number: int) -> object:
    """A value of the annotated type, distinct for each field (the compiled classes check types)."""
    values = {
        "str": f"value {number}",
        "int": number,
        "bool": True,
        "float": number + 0.5,
        "tuple[str, ...]": (f"value {number}",),
        "set[str]": {f"value {number}"},
        "tuple[int, int]": (number, number + 1),
        "QuoteSpan": QuoteSpan(1, 2, 3, 4, "double", 0),
        "Attribution": Attribution(cue="said"),
    }
    return values.get(annotation.removesuffix(" | None"))
