"""Bank files as a hostile author could write them: bounded before they are built.

YAML is parsed into nodes first (no Python objects yet), and the nodes are checked before
anything is constructed from them:

- an alias (``*name``) is refused: aliases let a few lines expand into gigabytes
  ("billion laughs"), and a bank never needs one;
- a key must be plain text, not a list or a mapping (those cannot be keys in Python);
- a whole number may have at most ``MAX_DIGITS`` digits (Python refuses to read ones of
  over 4,300, and no bank needs more than a few).

Each refusal names the question (when it is inside one) and the field, like every other
error of the checker. The file's size is bounded by the loader (``MAX_BANK_BYTES``).
"""

from __future__ import annotations

import yaml

MAX_BANK_BYTES = 1_000_000  # 20 times the largest shipped bank
MAX_DIGITS = 30
INT_TAG = "tag:yaml.org,2002:int"


class Refused(Exception):
    """A node the checker refuses, where it is and why."""

    def __init__(self, question: str | None, field: str, message: str) -> None:
        super().__init__(message)
        self.question, self.field, self.message = question, field, message


def check_nodes(root: yaml.Node) -> None:
    """Refuse an alias, a list or mapping used as a key, or an over-long number; the
    first in the file's order (a depth-first walk in document order)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str, str | None]] = [(root, "", None)]
    while stack:
        node, where, question = stack.pop()
        if id(node) in seen:  # met again: an alias of a node met before, at its anchor
            line = node.start_mark.line + 1
            raise Refused(question, where or "(file)", f"{ALIAS} (anchored at line {line})")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += reversed(_mapping_children(node, where, question))
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(_items(node, where, question))
        elif node.tag == INT_TAG and len(str(node.value)) > MAX_DIGITS:
            raise Refused(question, where or "(file)", _at(node, LONG_NUMBER))


ALIAS = (
    "an alias (*name) repeats an anchored value (&name); aliases are not allowed in a bank "
    "file: write the value out"
)
KEY = "a key must be a plain name, not a list or a mapping"
LONG_NUMBER = f"a number may have at most {MAX_DIGITS} digits"


def _mapping_children(
    node: yaml.MappingNode, where: str, question: str | None
) -> list[tuple[yaml.Node, str, str | None]]:
    children: list[tuple[yaml.Node, str, str | None]] = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise Refused(question, where or "(file)", _at(key, KEY))
        name = str(key.value)[:80]
        field = f"{where}.{name}" if where else name
        children += [(key, field, question), (value, field, question)]
    return children


def _items(
    node: yaml.SequenceNode, where: str, question: str | None
) -> list[tuple[yaml.Node, str, str | None]]:
    if where == "questions" and question is None:  # a question's fields are named from it
        return [(item, "", _question_id(item, i)) for i, item in enumerate(node.value)]
    return [(item, f"{where}[{i}]", question) for i, item in enumerate(node.value)]


def _question_id(node: yaml.Node, index: int) -> str:
    """The question's id as written, when it is plain text; else its number."""
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    for key, value in pairs:
        named_id = isinstance(key, yaml.ScalarNode) and key.value == "id"
        if named_id and isinstance(value, yaml.ScalarNode) and value.value:
            return str(value.value)[:80]
    return f"#{index + 1} (no id)"


def _at(node: yaml.Node, message: str) -> str:
    mark = node.start_mark
    return f"{message} (line {mark.line + 1}, column {mark.column + 1})"
