"""The extractor compiled to C with mypyc, used only while it matches its sources.

``python -m service.compile_extractor`` (run by ``make``) compiles the modules in MODULES into build/mypyc/,
outside the source tree, and records there the SHA-256 of every source it compiled. The package imports
this module first and ``install()`` checks that record: when every compiled source is unchanged, a finder
on ``sys.meta_path`` hands Python the compiled modules; when any one has changed (or the build is missing,
was made for another Python, or ``CLAIMS_EXTRACT_COMPILED=0``), nothing is installed, the plain source
runs, and STATUS says why (a warning is logged for a stale build). It is all or nothing because compiled
modules call each other directly in C: one stale module would run beside its new source otherwise.

``flask --app service extract --version`` prints the status. The sources stay plain Python and give the same output
either way. mypyc stops on ``reversed()`` over a list of the untyped ``regex`` matches, so the rules loop
over a reversed slice (``matches[::-1]``) instead.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

from . import config

#: The modules compiled: all of the extractor but its command (click, tqdm, no hot loop).
MODULES = (
    "service.extract",
    "service.extract.arabic",
    "service.extract.attribution",
    "service.extract.collector",
    "service.extract.cues",
    "service.extract.given_names",
    "service.extract.paraphrase",
    "service.extract.quotes",
    "service.extract.sentences",
    "service.extract.speakers",
)
#: The name of the library the compiled modules share (mypyc's group): ``service_extract__mypyc``.
GROUP = "service_extract"
ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "mypyc"
MANIFEST_NAME = "manifest.json"

log = logging.getLogger(__name__)


def source_of(module: str, root: Path = ROOT) -> Path:
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if module == MODULES[0] else path.with_suffix(".py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Status:
    """Which modules run compiled; when none do, why."""

    compiled: tuple[str, ...]
    reason: str

    def describe(self) -> str:
        if self.compiled:
            names = ", ".join(
                module.rpartition(".")[2] if module != MODULES[0] else "__init__" for module in self.compiled
            )
            return f"compiled with mypyc ({len(self.compiled)} modules of service.extract: {names})"
        return f"interpreted ({self.reason})"


def check(root: Path = ROOT, build: Path | None = None) -> tuple[Status, dict[str, Path]]:
    """The status of the build under ``build`` for the sources under ``root``, and the compiled file of each
    module when it is fit to use."""
    build = build or root / "build" / "mypyc"
    if config.env("CLAIMS_EXTRACT_COMPILED") == "0":
        return Status((), "CLAIMS_EXTRACT_COMPILED=0"), {}
    try:
        manifest = json.loads((build / MANIFEST_NAME).read_text())
    except FileNotFoundError:
        return Status((), "no compiled build: `make build` makes one"), {}
    except ValueError:
        return Status((), f"unreadable {MANIFEST_NAME} in the compiled build: `make build` remakes it"), {}
    if manifest.get("python") != sys.implementation.cache_tag:
        return Status((), f"the compiled build is for {manifest.get('python')}, not {sys.implementation.cache_tag}"), {}
    recorded: dict[str, str] = manifest.get("sources", {})
    if sorted(recorded) != sorted(MODULES):
        return Status((), "the compiled build holds other modules than service.compiled.MODULES: `make build`"), {}
    changed = [
        str(source_of(module, root).relative_to(root))
        for module in MODULES
        if digest(source_of(module, root)) != recorded[module]
    ]
    if changed:
        reason = f"{', '.join(changed)} changed since the compiled build: `make build` rebuilds it"
        log.warning("The extractor runs interpreted: %s.", reason)
        return Status((), reason), {}
    files = {}
    for module in (*MODULES, f"{GROUP}__mypyc"):
        base = build / "lib" / Path(*module.split("."))
        if module == MODULES[0]:
            base = base / "__init__"
        found = [Path(f"{base}{suffix}") for suffix in importlib.machinery.EXTENSION_SUFFIXES]
        existing = [path for path in found if path.is_file()]
        if not existing:
            return Status((), f"the compiled build lacks {module}: `make build` remakes it"), {}
        files[module] = existing[0]
    return Status(MODULES, ""), files


class PackageLoader(importlib.machinery.ExtensionFileLoader):
    """The compiled package, searched for its plain submodules (cli.py) in its source folder: mypyc's
    package sets its ``__path__`` to the folder of its compiled file."""

    def __init__(self, fullname: str, path: str, sources: Path) -> None:
        super().__init__(fullname, path)
        self.sources = sources

    def exec_module(self, module: ModuleType) -> None:
        super().exec_module(module)
        module.__path__ = [str(self.sources)]


class CompiledFinder:
    """Finds the compiled modules in the build folder, ahead of the sources."""

    def __init__(self, files: dict[str, Path], package_sources: Path) -> None:
        self.files = files
        self.package_sources = package_sources

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        if fullname == MODULES[0]:
            loader: importlib.machinery.ExtensionFileLoader = PackageLoader(fullname, str(file), self.package_sources)
            search = [str(self.package_sources)]
        else:
            loader, search = importlib.machinery.ExtensionFileLoader(fullname, str(file)), None
        return importlib.util.spec_from_file_location(fullname, file, loader=loader, submodule_search_locations=search)


STATUS = Status((), "not checked yet")


def install() -> Status:
    """Use the compiled build when it is fresh; called once, before the extractor is imported."""
    global STATUS
    if any(isinstance(finder, CompiledFinder) for finder in sys.meta_path):
        return STATUS
    if MODULES[0] in sys.modules:
        STATUS = Status((), "the extractor was imported before the compiled build was checked")
        return STATUS
    STATUS, files = check()
    if files:
        sys.meta_path.insert(0, CompiledFinder(files, source_of(MODULES[0]).parent))
    return STATUS
