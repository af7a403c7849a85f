"""Compile the extractor with mypyc into build/mypyc/ (``make build``; needs requirements-build.txt and a C
compiler): ``python -m service.compile_extractor``. ``--check`` only prints whether the compiled build is
in use, and exits 1 when it is not. ``--if-possible`` builds, and when the machine cannot compile (no C
compiler or no Python headers) says so and exits 0: the service then runs the plain source, which gives
the same drafts more slowly."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from .compiled import GROUP, MANIFEST_NAME, MODULES, ROOT, check, digest, source_of


def build(root: Path = ROOT) -> None:
    """Compile MODULES into build/mypyc/ and record their sources' digests (needs requirements-build.txt)."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    build_dir = root / "build" / "mypyc"
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    sources = {module: digest(source_of(module, root)) for module in MODULES}
    os.chdir(root)  # mypyc reads pyproject.toml's mypy settings and names modules by their paths from here
    extensions = mypycify(
        [str(source_of(module, root).relative_to(root)) for module in MODULES],
        opt_level="3",
        group_name=GROUP,
        target_dir=str(build_dir / "c"),
    )
    distribution = Distribution({"name": "claims-extract", "ext_modules": extensions})
    command = distribution.get_command_obj("build_ext")
    command.build_lib = str(build_dir / "lib")
    command.build_temp = str(build_dir / "temp")
    distribution.run_command("build_ext")
    if {module: digest(source_of(module, root)) for module in MODULES} != sources:
        raise SystemExit("a source changed while it was being compiled: run the build again")
    manifest = {"python": sys.implementation.cache_tag, "sources": sources}
    (build_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1) + "\n")


def main(arguments: list[str]) -> int:
    if arguments not in ([], ["--check"], ["--if-possible"]):
        print("usage: python -m service.compile_extractor [--check | --if-possible]", file=sys.stderr)
        return 2
    if arguments == ["--if-possible"]:
        try:
            build()
        except (Exception, SystemExit) as failure:  # setuptools raises its own errors, and exits on some
            shutil.rmtree(ROOT / "build" / "mypyc", ignore_errors=True)
            print(f"the extractor: interpreted (could not compile it: {failure})", file=sys.stderr)
            return 0
    elif not arguments:
        build()
    status = check()[0]
    print(f"the extractor: {status.describe()}")
    return 0 if status.compiled or not arguments else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
