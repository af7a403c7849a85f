"""The service's Flask class: Flask, with its check for async views kept per function."""

from __future__ import annotations

from collections.abc import Callable
from inspect import iscoroutinefunction
from typing import Any

from flask import Flask


class ServiceFlask(Flask):
    """Flask asks, for every view and hook of every request, whether it is
    an ``async def`` (about a tenth of a claim's read, at 11 asks a
    request). The answer never changes for a function, so it is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._is_async: dict[Callable[..., Any], bool] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        # A view class's method comes bound to a new instance each request:
        # its function is what is asked about.
        function = getattr(func, "__func__", func)
        is_async = self._is_async.get(function)
        if is_async is None:
            is_async = self._is_async[function] = iscoroutinefunction(func)
        return self.async_to_sync(func) if is_async else func
