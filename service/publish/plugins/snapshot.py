"""``/claims.db``: the whole database, as one file, for anyone to download.

Datasette will not offer a database it serves mutable (the API writes to
it), so the supervisor (``service/serve.py``) copies it consistently, with
the backup command's own function, every ``CLAIMS_SNAPSHOT_MINUTES`` and
once at start; this route serves the latest copy. The file is opened once
and streamed in chunks, never read into memory, and a new copy renamed into
place meanwhile does not disturb a download already under way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import formatdate
from typing import Any

import aiofiles
from datasette import Response, hookimpl

from service.publish import DATABASE_NAME, snapshot_path

CHUNK_BYTES = 256 * 1024


async def download(datasette: Any, request: Any, send: Callable) -> Response | None:
    path = snapshot_path(datasette.get_database(DATABASE_NAME).path)
    try:
        handle = await aiofiles.open(path, "rb")
    except FileNotFoundError:
        return Response.text("No snapshot of the database has been made yet; try again in a minute.", status=404)
    try:
        stat = os.fstat(handle.fileno())
        taken = datetime.fromtimestamp(stat.st_mtime, UTC)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/vnd.sqlite3"),
                    (b"content-length", str(stat.st_size).encode()),
                    (b"last-modified", formatdate(stat.st_mtime, usegmt=True).encode()),
                    (
                        b"content-disposition",
                        f'attachment; filename="{DATABASE_NAME}-{taken:%Y-%m-%dT%H%MZ}.db"'.encode(),
                    ),
                    (b"cache-control", b"public, max-age=300"),
                ],
            }
        )
        if request.method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return None
        while chunk := await handle.read(CHUNK_BYTES):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
    finally:
        await handle.close()
    return None


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(rf"^/{DATABASE_NAME}\.db$", download)]
