"""The shape the code keeps (docs/architecture.md): small modules, short functions, one
place that commits. Lint, format, types and the import contracts run in `make lint`."""

from __future__ import annotations

import ast
from pathlib import Path

from quiz import ROOT

PACKAGE = ROOT / "quiz"
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 40


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _functions(path: Path) -> list[tuple[str, int]]:
    """(where, length in lines from ``def`` to its last line) of every function in *path*."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (
            f"{path.name}:{node.lineno} {node.name}",
            (node.end_lineno or node.lineno) - node.lineno + 1,
        )
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def test_the_package_has_modules_to_check():
    assert len(_modules()) > 40


def test_no_module_is_longer_than_the_limit():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_the_limit():
    long = {
        name: n for path in _modules() for name, n in _functions(path) if n > MAX_FUNCTION_LINES
    }
    assert long == {}


def test_the_size_check_counts_a_function_from_def_to_its_last_line(tmp_path):
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_FUNCTION_LINES))
    sample = tmp_path / "sample.py"
    sample.write_text(f"def long():\n{body}\n\n\ndef short():\n    return 1\n", encoding="utf-8")
    assert _functions(sample) == [
        ("sample.py:1 long", MAX_FUNCTION_LINES + 1),
        (f"sample.py:{MAX_FUNCTION_LINES + 4} short", 2),
    ]


def test_only_the_unit_of_work_commits():
    committing = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if ".commit()" in p.read_text() and p.name != "unit.py"
    ]
    assert committing == []
