"""The links every page carries (the stylesheet, the scripts, the main navigation), each
built once per process: ``url_for`` walks the URL map each time, and the layout asked it a
dozen times a page (docs/performance.md). Only for endpoints without arguments and static
files, whose URL depends on nothing but the app's mount point (the script root), which is
part of the key."""

from __future__ import annotations

from collections.abc import Callable

from flask import has_request_context, request, url_for

_BUILT: dict[tuple[str, str, str], str] = {}
Link = Callable[..., str]


def helpers() -> dict[str, Link]:
    """``link(endpoint)`` and ``link('static', filename)`` for a template: the request's
    script root read once per page, not once per link."""
    root = request.script_root if has_request_context() else ""

    def link(endpoint: str, filename: str = "") -> str:
        key = (root, endpoint, filename)
        url = _BUILT.get(key)
        if url is None:
            url = url_for(endpoint, filename=filename) if filename else url_for(endpoint)
            _BUILT[key] = url
        return url

    return {"link": link}
