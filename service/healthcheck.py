"""The container's HEALTHCHECK: exit 0 when ``/api/v1/health`` says ok."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

from . import config


def main() -> int:
    host = config.env("CLAIMS_HOST")
    host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # the wildcard means any local address
    url = f"http://{host}:{config.env('CLAIMS_API_PORT')}/api/v1/health"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
