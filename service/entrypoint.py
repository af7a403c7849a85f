"""Start everything: ``python -m service.entrypoint`` (``make run``, and the container).

Checks the configuration, creates or upgrades the schema, loads the
fixtures into a new database (unless ``CLAIMS_LOAD_FIXTURES=0``), prints a
first editor token if there is none, and then becomes the supervisor of the
API and the public site, so that signals reach it directly.
"""

from __future__ import annotations

import os
import sys

from . import config, preflight


def main() -> int:
    if preflight.refuse_to_start():
        return 2
    from .cli import first_run

    first_run(
        config.env("CLAIMS_DB"),
        config.env("CLAIMS_INSTANCE_PATH"),
        with_fixtures=config.env("CLAIMS_LOAD_FIXTURES") != "0",
    )
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", "service.serve"])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
