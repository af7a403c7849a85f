"""Answers encoded by orjson, a JSON encoder in compiled code.

Encoding a page of 50 claims with the standard library took about as long
as reading the page from SQLite. orjson writes the same JSON (compact, UTF-8,
keys in the order given) several times faster. Whatever it does not encode
as the standard library would goes to Flask's own handling: dates and
datetimes (Flask answers HTTP dates), dataclasses, and integers beyond 64
bits; text that is not valid Unicode (a lone surrogate) is escaped as the
standard library escapes it. Request bodies are still read by the standard library, whose errors
the API's messages describe.
"""

from __future__ import annotations

from typing import Any, cast

import orjson
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask.wrappers import Response

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class JSONProvider(DefaultJSONProvider):
    sort_keys = False
    ensure_ascii = False

    def encode(self, obj: Any) -> bytes:
        try:
            return orjson.dumps(obj, default=self.default, option=_OPTIONS)
        except TypeError:  # an integer beyond 64 bits, or a lone surrogate (escaped, as it was sent)
            return super().dumps(obj, ensure_ascii=True).encode()

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs:  # a caller's own options (indent, sort_keys): the standard library's
            return super().dumps(obj, **kwargs)
        return self.encode(obj).decode()

    def response(self, *args: Any, **kwargs: Any) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        app = cast(Flask, self._app)
        return app.response_class(self.encode(obj) + b"\n", mimetype=self.mimetype)
