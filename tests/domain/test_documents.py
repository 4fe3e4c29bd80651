"""The documents and text helpers: normalising, finding a quote, paragraphs, highlighting."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from quiz import ROOT
from quiz.domain.documents import Document, SourcesIndexError, load_library, segments
from quiz.domain.text import normalise, normalise_answer, words

SOURCES = ROOT / "questions" / "sources"


def doc(text: str) -> Document:
    return Document.from_text("d", "A document", "d.txt", text)


# ---------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  GABA-A \n\n receptors\t bind  ", "GABA-A receptors bind"),
        ("Klonopin\u2019s \u2018calming\u2019 effect", "Klonopin's 'calming' effect"),
        ("\u201cDoctor shopping\u201d", '"Doctor shopping"'),
        ("30\u201340 hours \u2014 or more", "30-40 hours - or more"),
        ("half\u2011life, \u22125", "half-life, -5"),
        ("a\u00a0b", "a b"),
    ],
)
def test_normalise_plains_whitespace_quotes_and_dashes(given, expected):
    assert normalise(given) == expected


@pytest.mark.parametrize(
    "given", ["GABA-A Receptors", "Hyperpolarization.", "tolerance, dependence"]
)
def test_normalise_keeps_case_spelling_and_punctuation(given):
    assert normalise(given) == given


def test_normalise_of_only_whitespace_is_empty():
    assert normalise(" \n\t\u00a0 ") == ""


# -------------------------------------------------------------------------- words


def test_words_are_lowercase_without_punctuation():
    assert words("Clonazepam, a CNS depressant; slows (body) processes!") == [
        "clonazepam",
        "a",
        "cns",
        "depressant",
        "slows",
        "body",
        "processes",
    ]


def test_words_keep_inner_hyphens_and_apostrophes():
    assert words("GABA-A receptors: the drug\u2019s half-life") == [
        "gaba-a",
        "receptors",
        "the",
        "drug's",
        "half-life",
    ]


def test_words_drop_hyphens_and_quotes_at_word_edges():
    assert words("'quoted' -dash- 30-40") == ["quoted", "dash", "30-40"]


def test_words_split_on_any_whitespace_and_dashes_between_spaces():
    assert words("one\ntwo \u2014 three") == ["one", "two", "three"]


# ---------------------------------------------------------------- normalise_answer


@pytest.mark.parametrize(
    "variant",
    [
        "GABA-A",
        " gaba-a ",
        "the GABA-A.",
        "The  gaba-a!",
        "GABA\u2013A",
        "\uff27\uff21\uff22\uff21-A",
    ],
)
def test_normalise_answer_makes_spellings_of_one_answer_equal(variant):
    assert normalise_answer(variant) == normalise_answer("GABA-A")
    assert normalise_answer(variant) == "gaba-a"


@pytest.mark.parametrize(
    ("one", "other"), [("GABA-A", "GABA A"), ("GABA-A", "GABAA"), ("GABA-A", "GABA-B")]
)
def test_normalise_answer_keeps_different_spellings_apart(one, other):
    assert normalise_answer(one) != normalise_answer(other)


@pytest.mark.parametrize(
    ("given", "expected"), [("a benzodiazepine", "benzodiazepine"), ("An agonist", "agonist")]
)
def test_normalise_answer_drops_a_leading_article(given, expected):
    assert normalise_answer(given) == expected


def test_normalise_answer_drops_only_a_leading_article_as_a_word():
    assert normalise_answer("Theanine") == "theanine"
    assert normalise_answer("Anxiety") == "anxiety"
    assert normalise_answer("tolerance to the drug") == "tolerance to the drug"


def test_normalise_answer_treats_curly_and_straight_apostrophes_alike():
    assert normalise_answer("Klonopin\u2019s") == normalise_answer("Klonopin's")


def test_normalise_answer_case_folds_beyond_lower():
    assert normalise_answer("STRASSE") == normalise_answer("Stra\u00dfe")


def test_normalise_answer_of_punctuation_alone_is_empty():
    assert normalise_answer(" ?! ... ") == ""


# -------------------------------------------------------------------- Document.find


def test_find_gives_offsets_of_the_quote_in_the_original_text():
    text = "First line.\nKlonopin is a long-acting benzodiazepine that works."
    passage = doc(text).find("Klonopin is a long-acting benzodiazepine")

    assert passage is not None
    assert passage.document == "d"
    assert passage.quote == "Klonopin is a long-acting benzodiazepine"
    assert (passage.start, passage.end) == (
        12,
        12 + len("Klonopin is a long-acting benzodiazepine"),
    )


def test_find_maps_back_through_collapsed_whitespace_and_typography():
    text = "Intro.\n\nIt\u2019s   a \u201ctest\u201d \u2013\n  really.\nAfter."
    original = "It\u2019s   a \u201ctest\u201d \u2013\n  really."

    passage = doc(text).find('It\'s a "test" - really.')

    assert passage is not None
    assert text[passage.start : passage.end] == original


def test_find_does_not_include_whitespace_around_the_quote():
    text = "Before.   The passage itself.   After."
    passage = doc(text).find("  The passage itself.\n")

    assert passage is not None
    assert text[passage.start : passage.end] == "The passage itself."


def test_find_returns_the_first_occurrence():
    text = "GABA calms. GABA calms. GABA calms."
    passage = doc(text).find("GABA calms.")

    assert passage is not None
    assert passage.start == 0


def test_find_matches_across_a_line_break():
    text = "ends the first line\n\nstarts the second"
    passage = doc(text).find("first line starts the")

    assert passage is not None
    assert text[passage.start : passage.end] == "first line\n\nstarts the"


@pytest.mark.parametrize(
    "quote", ["", "   \n ", "Not in the text", "GABA-A RECEPTORS", "GABA A receptors"]
)
def test_find_returns_none_for_absent_or_blank_quotes(quote):
    assert doc("These receptors are called GABA-A receptors.").find(quote) is None


def test_find_in_a_document_starting_with_whitespace():
    text = "\n\n   Leading blank lines then text."
    passage = doc(text).find("Leading blank lines")

    assert passage is not None
    assert text[passage.start : passage.end] == "Leading blank lines"


def test_find_locates_every_sentence_of_the_real_documents():
    library = load_library(SOURCES)
    for document in library:
        for start, end in document.paragraphs:
            for sentence in document.text[start:end].split(". "):
                if len(sentence) < 20:
                    continue
                passage = document.find(sentence)
                assert passage is not None, sentence
                assert normalise(document.text[passage.start : passage.end]) == normalise(sentence)


# ----------------------------------------------------------------------- paragraphs


def test_paragraphs_are_the_non_blank_lines_without_leading_indent():
    text = "Title\n\n  \u2022 A bullet\nBody text.\n   \n\nLast"
    document = doc(text)

    pieces = [text[s:e] for s, e in document.paragraphs]

    assert pieces == ["Title", "\u2022 A bullet", "Body text.", "Last"]


def test_paragraphs_of_a_real_document_match_its_lines():
    library = load_library(SOURCES)
    guide = library.get("guide")
    lines = [line.strip() for line in guide.text.split("\n") if line.strip()]

    spans = guide.paragraphs

    assert [guide.text[s:e].strip() for s, e in spans] == lines
    assert all(not guide.text[s].isspace() for s, _ in spans)


# ------------------------------------------------------------------------ segments


def test_segments_without_a_span_are_plain_paragraphs():
    text = "One.\n\nTwo."
    assert segments(doc(text), None) == [[("One.", False)], [("Two.", False)]]


def test_segments_highlight_a_passage_inside_one_paragraph():
    text = "Before.\nThe start, the quoted bit, the end.\nAfter."
    document = doc(text)
    passage = document.find("the quoted bit")

    result = segments(document, (passage.start, passage.end))

    assert result == [
        [("Before.", False)],
        [("The start, ", False), ("the quoted bit", True), (", the end.", False)],
        [("After.", False)],
    ]


def test_segments_leave_out_empty_pieces_at_paragraph_edges():
    text = "Whole paragraph quoted.\nNext."
    document = doc(text)
    passage = document.find("Whole paragraph quoted.")

    result = segments(document, (passage.start, passage.end))

    assert result == [[("Whole paragraph quoted.", True)], [("Next.", False)]]


def test_segments_highlight_a_passage_spanning_two_paragraphs():
    text = "Intro.\nEnd of one paragraph.\n\nStart of the next one.\nOutro."
    document = doc(text)
    passage = document.find("one paragraph. Start of the")

    result = segments(document, (passage.start, passage.end))

    assert result == [
        [("Intro.", False)],
        [("End of ", False), ("one paragraph.", True)],
        [("Start of the", True), (" next one.", False)],
        [("Outro.", False)],
    ]


def test_segments_of_a_real_passage_rebuild_the_paragraphs_and_highlight_exactly_the_quote():
    library = load_library(SOURCES)
    document = library.get("overview")
    quote = "These receptors are called GABA-A receptors."
    passage = document.find(quote)

    result = segments(document, (passage.start, passage.end))

    assert ["".join(t for t, _ in para) for para in result] == [
        document.text[s:e] for s, e in document.paragraphs
    ]
    assert [t for para in result for t, lit in para if lit] == [quote]


# ------------------------------------------------------------------------ library


def test_library_lists_the_documents_of_the_index_in_order():
    index = yaml.safe_load((SOURCES / "index.yaml").read_text(encoding="utf-8"))
    library = load_library(SOURCES)

    assert [d.id for d in library] == [e["id"] for e in index]
    for entry in index:
        document = library.get(entry["id"])
        assert document.title == entry["title"]
        assert document.filename == entry["file"]
        assert document.text == (SOURCES / entry["file"]).read_text(encoding="utf-8")
    assert library.get("no-such-document") is None


def copy_sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    return folder


def test_missing_index_is_a_sources_index_error(tmp_path):
    folder = copy_sources(tmp_path)
    (folder / "index.yaml").unlink()

    with pytest.raises(SourcesIndexError, match="cannot read the sources index"):
        load_library(folder)


def test_index_that_is_not_a_list_is_a_sources_index_error(tmp_path):
    folder = copy_sources(tmp_path)
    (folder / "index.yaml").write_text("guide: 003_cf41fdcab43b6e6a.txt\n", encoding="utf-8")

    with pytest.raises(SourcesIndexError, match="expected a list"):
        load_library(folder)


def test_index_entry_without_a_file_is_a_sources_index_error(tmp_path):
    folder = copy_sources(tmp_path)
    (folder / "index.yaml").write_text("- {id: guide, title: A guide}\n", encoding="utf-8")

    with pytest.raises(SourcesIndexError, match="entry 1 needs id, title and file"):
        load_library(folder)


def test_index_entry_whose_file_is_missing_names_the_entry(tmp_path):
    folder = copy_sources(tmp_path)
    (folder / "index.yaml").write_text(
        "- {id: guide, title: A guide, file: gone.txt}\n", encoding="utf-8"
    )

    with pytest.raises(SourcesIndexError, match="entry 'guide'"):
        load_library(folder)
