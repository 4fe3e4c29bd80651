"""The shared macros (templates/_macros.html) are globals made once, not imported per page."""

from __future__ import annotations

import re

from quiz import ROOT

TEMPLATES = ROOT / "templates"


def test_every_shared_macro_is_a_global_of_every_template(app):
    names = re.findall(r"{% macro (\w+)\(", (TEMPLATES / "_macros.html").read_text())
    assert len(names) >= 5
    missing = [name for name in names if not callable(app.jinja_env.globals.get(name))]
    assert missing == []


def test_no_template_imports_the_shared_macros_again():
    importing = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(r"""{%-?\s*(from|import)\s+["']_macros\.html["']""", path.read_text())
    ]
    assert importing == []


def test_a_shared_macro_renders_as_before(app):
    with app.test_request_context("/"):
        template = app.jinja_env.from_string("{{ minutes(75) }}|{{ percent(50) }}")
        assert template.render() == "1 min 15 s|50%"
