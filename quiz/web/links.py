"""The links every page carries (the stylesheet, the scripts, the main navigation), each
built once per process: ``url_for`` walks the URL map each time, and the layout asked it a
dozen times a page (docs/performance.md). Only for endpoints without arguments and static
files, whose URL depends on nothing but the app's mount point (the script root), which is
part of the key."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, has_request_context, request, url_for
from markupsafe import Markup

_BUILT: dict[tuple[str, str, str], str] = {}
_NAV: dict[tuple[str, str, str], Markup] = {}
Link = Callable[..., str]


def helpers() -> dict[str, Link]:
    """``link(endpoint)`` and ``link('static', filename)`` for a template: the request's
    script root read once per page, not once per link. ``main_nav(endpoint, role)``: the
    main navigation's items (templates/_nav.html) for a role ('' when logged out) on the
    page of *endpoint*, rendered once per mount point, role and page: they depend on
    nothing else, and the layout asked for them on every page."""
    root = request.script_root if has_request_context() else ""

    def link(endpoint: str, filename: str = "") -> str:
        key = (root, endpoint, filename)
        url = _BUILT.get(key)
        if url is None:
            url = url_for(endpoint, filename=filename) if filename else url_for(endpoint)
            _BUILT[key] = url
        return url

    def main_nav(endpoint: str | None, role: str) -> Markup:
        key = (root, role, endpoint or "")
        items = _NAV.get(key)
        if items is None:
            template = current_app.jinja_env.get_template("_nav.html")
            items = Markup(template.render(link=link, role=role, endpoint=key[2]))
            _NAV[key] = items
        return items

    return {"link": link, "main_nav": main_nav}
