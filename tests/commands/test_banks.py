"""The ``check-banks`` and ``bank-report`` commands (and ``python -m quiz.banks``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from flask.cli import FlaskGroup

from quiz import ROOT
from quiz.domain.documents import load_library
from quiz.domain.text import normalise
from tests.support import FIXTURES, make_app

BROKEN = FIXTURES / "broken"


def flask_cli(app, *args: str):
    """Run ``flask --app quiz ARGS`` on *app*, as the ``flask`` command does (its FlaskGroup
    loads the app and pushes an app context)."""
    return app.test_cli_runner().invoke(FlaskGroup(load_dotenv=False), args=list(args))


def fixture_questions() -> list[dict]:
    return yaml.safe_load((FIXTURES / "all_types.yaml").read_text(encoding="utf-8"))["questions"]


@pytest.fixture
def broken_app(tmp_path: Path, questions_dir: Path):
    """The fixture folder plus one broken bank (an option without feedback), added after the
    app imported the folder (an import refuses a folder with errors)."""
    app = make_app(tmp_path, questions_dir)
    shutil.copy(
        BROKEN / "wrong_option_without_feedback.yaml",
        questions_dir / "wrong_option_without_feedback.yaml",
    )
    return app


# ---------------------------------------------------------------------- check-banks


def test_check_banks_on_good_banks_exits_zero_and_prints_the_count(app):
    result = flask_cli(app, "check-banks")

    assert result.exit_code == 0, result.output
    assert (
        f"1 bank(s) loaded, {len(fixture_questions())} question(s), 0 error(s), 0 warning(s)"
        in result.stdout
    )
    assert result.stderr == ""


def test_check_banks_on_a_broken_bank_exits_non_zero_and_names_file_question_and_field(broken_app):
    result = flask_cli(broken_app, "check-banks")

    assert result.exit_code != 0
    assert (
        "questions/wrong_option_without_feedback.yaml: question 'bk-wrong-option-without-feedback', "
        "field 'options[1].feedback': wrong option 'dopamine' has no feedback" in result.stderr
    )
    # the good bank beside it still counts
    assert (
        f"1 bank(s) loaded, {len(fixture_questions())} question(s), 1 error(s), 0 warning(s)"
        in result.stdout
    )


def test_check_banks_prints_one_line_per_error(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir)
    shutil.copy(
        BROKEN / "missing_wrong_feedback.yaml", questions_dir / "missing_wrong_feedback.yaml"
    )

    result = flask_cli(app, "check-banks")

    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1
    assert len(lines) == 4
    assert all(
        line.startswith(
            "questions/missing_wrong_feedback.yaml: question 'bk-missing-wrong-feedback-"
        )
        for line in lines
    )
    assert all("field 'wrong_feedback'" in line for line in lines)
    assert "1 bank(s) loaded" in result.stdout and "4 error(s)" in result.stdout


def test_check_banks_reports_a_file_level_error(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir)
    shutil.copy(BROKEN / "yaml_syntax_error.yaml", questions_dir / "yaml_syntax_error.yaml")

    result = flask_cli(app, "check-banks")

    assert result.exit_code == 1
    assert re.search(
        r"questions/yaml_syntax_error\.yaml: field '\(file\)': this is not valid YAML at line \d+",
        result.stderr,
    )


def report_sections(output: str) -> dict[str, list[str]]:
    """The report split per document: {document id: its indented lines}."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("Lint "):
            break  # the lint's summary closes the report
        if line and not line.startswith(" "):
            current = line.split(":", 1)[0]
            sections[current] = []
        elif current is not None and line.strip():
            sections[current].append(line.strip())
    return sections


def citing_questions(questions: list[dict], document: str) -> set[str]:
    return {
        q["id"]
        for q in questions
        if q["source"]["document"] == document
        or any(o.get("source", {}).get("document") == document for o in q.get("options", []))
    }


def test_bank_report_prints_per_document_the_number_of_citing_questions(app):
    questions = fixture_questions()
    library = load_library(ROOT / "questions" / "sources")

    result = flask_cli(app, "bank-report")

    assert result.exit_code == 0, result.output
    sections = report_sections(result.stdout)
    assert list(sections) == [d.id for d in library]
    for document in library:
        assert f"{document.id}: {document.title}" in result.stdout
        count = len(citing_questions(questions, document.id))
        assert sections[document.id][0].startswith(f"cited by {count} question(s);")


def test_bank_report_lists_exactly_the_uncited_paragraphs(app):
    questions = fixture_questions()
    library = load_library(ROOT / "questions" / "sources")

    result = flask_cli(app, "bank-report")

    sections = report_sections(result.stdout)
    for document in library:
        lines = [line.strip() for line in document.text.split("\n") if line.strip()]
        quotes = [
            normalise(s["quote"])
            for q in questions
            for s in [q["source"], *(o["source"] for o in q.get("options", []) if "source" in o)]
            if s["document"] == document.id
        ]
        uncited = [
            n
            for n, line in enumerate(lines, 1)
            if not any(quote in normalise(line) for quote in quotes)
        ]
        listed = [line for line in sections[document.id] if line.startswith("uncited paragraph")]
        assert [
            int(re.match(r"uncited paragraph (\d+):", line).group(1)) for line in listed
        ] == uncited
        for line, n in zip(listed, uncited, strict=False):
            shown = line.split(": ", 1)[1]
            paragraph = lines[n - 1]
            assert shown == paragraph if len(paragraph) <= 90 else shown == paragraph[:87] + "..."
        assert (
            f"{len(lines) - len(uncited)} of {len(lines)} paragraphs cited"
            in sections[document.id][0]
        )


# A bank whose one question cites the risks article's closing heading and the paragraph after it
FINAL_THOUGHTS_BANK = {
    "id": "extra",
    "title": "Extra",
    "questions": [
        {
            "id": "extra-final",
            "type": "true_false",
            "prompt": "The risks article ends with a section of closing remarks.",
            "answer": True,
            "wrong_feedback": "It does end with closing remarks.",
            "explanation": "The last heading introduces a summary.",
            "source": {
                "document": "risks",
                "quote": "Final Thoughts\n\nKlonopin is a powerful medication",
            },
        }
    ],
}


def test_bank_report_does_not_list_a_paragraph_once_a_question_cites_it(tmp_path, questions_dir):
    library = load_library(questions_dir / "sources")
    risks = library.get("risks")
    paragraph = "Final Thoughts"
    number = [risks.text[s:e].strip() for s, e in risks.paragraphs].index(paragraph) + 1
    (tmp_path / "before").mkdir()
    before = flask_cli(make_app(tmp_path / "before", questions_dir), "bank-report")
    assert f"uncited paragraph {number}: {paragraph}" in report_sections(before.stdout)["risks"]

    bank = FINAL_THOUGHTS_BANK
    (questions_dir / "extra.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")
    (tmp_path / "after").mkdir()
    after = flask_cli(make_app(tmp_path / "after", questions_dir), "bank-report")

    assert after.exit_code == 0
    risks_after = report_sections(after.stdout)["risks"]
    listed = [line.split(":", 1)[0] for line in risks_after[1:]]
    before_listed = [line.split(":", 1)[0] for line in report_sections(before.stdout)["risks"][1:]]
    assert listed == [
        n
        for n in before_listed
        if n not in (f"uncited paragraph {number}", f"uncited paragraph {number + 1}")
    ]
    assert len(listed) == len(before_listed) - 2
    assert risks_after[0].startswith("cited by 1 question(s);")


def test_bank_report_mentions_errors_and_counts_only_accepted_banks(tmp_path, questions_dir):
    app = make_app(tmp_path, questions_dir)
    shutil.copy(
        BROKEN / "duplicate_question_id_across_banks" / "second.yaml", questions_dir / "second.yaml"
    )
    raw = yaml.safe_load((questions_dir / "second.yaml").read_text(encoding="utf-8"))
    raw["questions"][0]["id"] = (
        "fx-single"  # clashes with the fixture bank: second.yaml is rejected
    )
    (questions_dir / "second.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")

    result = flask_cli(app, "bank-report")

    assert "(1 error(s) in the banks: run check-banks)" in result.stderr
    count = len(citing_questions(fixture_questions(), "seizures"))
    assert report_sections(result.stdout)["seizures"][0].startswith(
        f"cited by {count} question(s);"
    )


def test_check_banks_reports_lint_warnings_without_failing(app, questions_dir):
    (questions_dir / "leaky.yaml").write_text(
        """id: leaky
title: Leaky bank
questions:
  - id: lk-ion
    type: short_answer
    prompt: Which ion flows into neurons more when the drug binds?
    accepted: [chloride]
    wrong_feedback: The seizures article names the ion.
    explanation: The drug lets more of one ion in, which calms the neuron.
    source: {document: seizures, quote: "it increases the influx of chloride ions into neurons"}
  - id: lk-leaker
    type: true_false
    prompt: The seizures article says chloride ions flow into neurons when the drug binds.
    answer: true
    wrong_feedback: The article says exactly this.
    explanation: The article links binding to the ion's flow into the cell.
    source: {document: seizures, quote: "it increases the influx of chloride ions into neurons"}
""",
        encoding="utf-8",
    )
    result = flask_cli(app, "check-banks")
    assert result.exit_code == 0, result.output
    assert "warning: leaky: question 'lk-ion': answer-leak: question 'lk-leaker'" in result.stderr
    assert "2 warning(s)" in result.stdout, result.stderr


def test_bank_report_ends_with_the_lint_summary(app):
    result = flask_cli(app, "bank-report")
    assert result.stdout.splitlines()[-1] == "Lint (check-banks lists each): no warnings"


def test_bank_report_shows_paragraphs_cited_before_beside_now(tmp_path, questions_dir):
    """``--before`` reads an earlier edition of the banks: here one with a question more,
    citing a paragraph nothing cites now."""
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    for bank in questions_dir.glob("*.yaml"):
        (earlier / bank.name).write_text(bank.read_text(encoding="utf-8"), encoding="utf-8")
    extra = FINAL_THOUGHTS_BANK
    (earlier / "extra.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    (tmp_path / "now").mkdir()
    result = flask_cli(
        make_app(tmp_path / "now", questions_dir), "bank-report", "--before", str(earlier)
    )
    assert result.exit_code == 0, result.output
    risks = report_sections(result.stdout)["risks"]
    now = re.match(r"cited by (\d+) question\(s\); (\d+) of (\d+)", risks[0])
    then = re.match(
        rf"before \({re.escape(str(earlier))}\): cited by (\d+) question\(s\); (\d+) of (\d+)",
        risks[1],
    )
    assert now and then
    assert int(then.group(1)) == int(now.group(1)) + 1
    assert int(then.group(2)) == int(now.group(2)) + 2  # the quote spans the heading and the next
    assert then.group(3) == now.group(3)
