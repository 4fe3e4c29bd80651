"""The layout's links are built once per process and mount point (quiz/web/links.py): an
app served under a prefix links under it, and the same process serving at the root links
at the root."""

from __future__ import annotations

import re


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="(/[^"]*)"', html)


def test_the_layout_links_follow_the_mount_point(client):
    mounted = client.get("/login", environ_overrides={"SCRIPT_NAME": "/quiz"})
    at_root = client.get("/login")
    assert mounted.status_code == at_root.status_code == 200
    under = _links(mounted.get_data(as_text=True))
    plain = _links(at_root.get_data(as_text=True))
    assert "/quiz/static/style.css" in under and "/static/style.css" in plain
    assert all(link.startswith("/quiz/") for link in under)
    assert not any(link.startswith("/quiz/") for link in plain)
    assert len(under) == len(plain) > 5
