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


def _nav(html: str) -> list[tuple[str, bool]]:
    """The main navigation's items: (label, marked as the current page)."""
    nav = html.split('<nav aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return [
        (label, "aria-current" in attrs)
        for attrs, label in re.findall(r'<a class="nav-link[^"]*"([^>]*)>([^<]+)</a>', nav)
    ]


def test_the_main_navigation_follows_the_role_and_marks_the_page(
    app, client, auth, create_user, instructor
):
    anonymous = _nav(client.get("/login").get_data(as_text=True))
    assert anonymous == [("Topics", False), ("Documents", False)]
    create_user("ann")
    auth.login("ann")
    student = _nav(client.get("/history").get_data(as_text=True))
    assert [label for label, _ in student] == [
        "Topics",
        "Study",
        "Progress",
        "History",
        "Documents",
        "Classes",
    ]
    assert [label for label, here in student if here] == ["History"]
    index = client.get("/sources").get_data(as_text=True)
    assert [label for label, here in _nav(index) if here] == ["Documents"]
    first = re.search(r'href="(/sources/[^"?#]+)"', index)
    assert first is not None
    document = _nav(client.get(first.group(1)).get_data(as_text=True))
    assert [label for label, here in document if here] == ["Documents"]
    auth.logout()
    auth.login("ines")
    teacher = _nav(client.get("/instructor/").get_data(as_text=True))
    assert "Classes" not in [label for label, _ in teacher]
    assert [label for label, here in teacher if here] == ["Instructor"]
