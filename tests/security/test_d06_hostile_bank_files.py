"""D6: hostile bank YAML crashed start-up with a traceback, or exhausted memory.

A list or mapping used as a key, a 5,000-digit number, an alias bomb ("billion laughs")
in a question's id or type, a ``!!python`` tag: each gives the checker's message naming
the file (and the question, when inside one), in bounded time and memory; the other
banks load, the app keeps serving, and ``check-banks`` and ``banks import`` report it and
exit 1 (the import storing nothing).
"""

from __future__ import annotations

import shutil
import time
import tracemalloc

import pytest

from quiz.domain.banks import load_banks
from tests.support import FIXTURES, make_app

HEAD = "id: hostile\ntitle: Hostile\n"
QUESTION = (
    "questions:\n  - id: hx-one\n    type: true_false\n    prompt: P\n    answer: true\n"
    "    wrong_feedback: W\n    explanation: E\n    source: {document: guide, quote: Q}\n"
)


def _bomb(levels: int = 9) -> str:
    """Each level repeats the one before nine times: 9**9 strings when expanded."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


BOMB_IN_QUESTION = (
    "id: hostile\ntitle: Hostile\nquestions:\n  - " + _bomb().replace("\n", "\n    ") + "id: *l8\n"
)
HOSTILE = {
    # name: (file text, question named, field, words of the message)
    "list_key": (HEAD + "? [a, b]\n: 1\n" + QUESTION, None, "(file)", "a key must be a plain name"),
    "map_key": (HEAD + "? {a: 1}\n: 1\n" + QUESTION, None, "(file)", "a key must be a plain name"),
    "long_number": (
        HEAD + "order: " + "9" * 5000 + "\n" + QUESTION,
        None,
        "order",
        "at most 30 digits",
    ),
    "long_number_in_question": (
        HEAD + QUESTION + "    tags: [" + "7" * 5000 + "]\n",
        "hx-one",
        "tags[0]",
        "at most 30 digits",
    ),
    # the review's laughs_tag: a bomb beside the questions, one question's type an alias of it
    "bomb_as_question_type": (
        HEAD + _bomb() + QUESTION.replace("type: true_false", "type: *l8"),
        None,
        "l1[0]",  # the first alias in the file
        "aliases are not allowed",
    ),
    # the review's laughs_qid: the bomb inside a question, its id an alias of it
    "bomb_as_question_id": (BOMB_IN_QUESTION, "#1 (no id)", "l1[0]", "aliases are not allowed"),
    "bomb_as_the_title": (
        "id: hostile\n" + _bomb() + "title: *l8\n" + QUESTION,
        None,
        "l1[0]",
        "aliases are not allowed",
    ),
    "alias_in_a_question": (
        HEAD
        + QUESTION.replace("prompt: P", "prompt: &p P").replace(
            "explanation: E", "explanation: *p"
        ),
        "hx-one",
        "explanation",
        "anchored at line 6",
    ),
    "python_tag": (
        HEAD + "order: !!python/object/apply:os.system ['echo pwned']\n" + QUESTION,
        None,
        "(file)",
        "not valid YAML",
    ),
}


def _folder(tmp_path, name: str):
    folder = tmp_path / "questions"
    shutil.copytree(FIXTURES.parent.parent / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    (folder / f"{name}.yaml").write_text(HOSTILE[name][0], encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_bank_gets_a_message_in_bounded_time_and_memory(tmp_path, name):
    _, question, field, words = HOSTILE[name]
    folder = _folder(tmp_path, name)
    tracemalloc.start()
    began = time.perf_counter()
    result = load_banks(folder)
    seconds = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 10, seconds
    assert peak < 100 * 2**20, peak  # bytes
    assert [b.id for b in result.banks] == ["fixture"]  # the other bank loads
    (error,) = result.errors
    assert (error.file, error.question, error.field) == (f"questions/{name}.yaml", question, field)
    assert words in error.message
    assert f"questions/{name}.yaml" in str(error)


@pytest.mark.parametrize("name", ["list_key", "long_number", "bomb_as_question_type"])
def test_check_banks_and_import_report_it_and_the_app_keeps_serving(tmp_path, name):
    folder = _folder(tmp_path, name)
    good = tmp_path / "good"
    shutil.copytree(folder / "sources", good / "sources")
    shutil.copy(folder / "fixture.yaml", good / "fixture.yaml")
    app = make_app(tmp_path, good, QUESTIONS_DIR=str(folder))  # serves the good banks
    runner = app.test_cli_runner()
    checked = runner.invoke(args=["check-banks"])  # checks QUESTIONS_DIR: the hostile folder
    imported = runner.invoke(args=["banks", "import", str(folder)])
    assert "nothing was imported" in imported.output
    for outcome in (checked, imported):
        assert outcome.exit_code == 1
        assert f"questions/{name}.yaml" in outcome.output
        assert "Traceback" not in outcome.output
    page = app.test_client().get("/")
    assert page.status_code == 200
    assert "Hostile" not in page.get_data(as_text=True)
