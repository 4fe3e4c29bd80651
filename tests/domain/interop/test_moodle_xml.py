"""Moodle XML: each type, categories, feedback, id numbers and tags, and refused input
(broken XML, an XML bomb, an unknown type, a wrong encoding)."""

from __future__ import annotations

from pathlib import Path

from quiz.domain.interop.moodle_xml import read_moodle_xml

FIXTURES = Path(__file__).parents[2] / "fixtures" / "interop"

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Default/Mechanism</text></category>
    <info format="html"><text><![CDATA[<p>How it works.</p>]]></text></info>
    <idnumber>mech</idnumber>
  </question>
  <question type="multichoice">
    <name><text>GABA kind</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which kind is <b>GABA</b>?</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>It calms.</p>]]></text></generalfeedback>
    <idnumber>xml-gaba</idnumber>
    <single>true</single>
    <answer fraction="100" format="html"><text>Inhibitory</text><feedback><text>Yes.</text></feedback></answer>
    <answer fraction="0" format="html"><text>Excitatory</text>
      <feedback><text>That is glutamate.</text></feedback></answer>
    <tags><tag><text>gaba</text></tag><tag><text>Week 1</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Forms</text></name>
    <questiontext format="plain_text"><text>Which forms?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Tablet</text></answer>
    <answer fraction="50"><text>Solution</text></answer>
    <answer fraction="-100"><text>Patch</text><feedback><text>None.</text></feedback></answer>
  </question>
  <question type="truefalse">
    <name><text>Long</text></name>
    <questiontext format="plain_text"><text>Klonopin is long-acting.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>It is.</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text></text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Name</text></name>
    <questiontext format="plain_text"><text>Name it.</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>GABA</text></answer>
    <answer fraction="0"><text>*</text><feedback><text>It is GABA.</text></feedback></answer>
  </question>
  <question type="numerical">
    <name><text>Half-life</text></name>
    <questiontext format="plain_text"><text>Half-life?</text></questiontext>
    <answer fraction="100"><text>35</text><tolerance>5</tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>30 to 40.</text></feedback></answer>
    <units><unit><multiplier>1</multiplier><unit_name>hours</unit_name></unit></units>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
    <questiontext format="plain_text"><text>Match them.</text></questiontext>
    <subquestion format="html"><text><![CDATA[<p>Recurrence</p>]]></text>
      <answer><text>Symptoms return</text></answer></subquestion>
    <subquestion format="html"><text>Rebound</text><answer><text>Stronger return</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Tolerance</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Order</text></name>
    <questiontext format="plain_text"><text>Order them.</text></questiontext>
    <incorrectfeedback format="plain_text"><text>Binding first.</text></incorrectfeedback>
    <answer fraction="2"><text>Flux</text></answer>
    <answer fraction="1"><text>Binding</text></answer>
    <answer fraction="3"><text>Calm</text></answer>
  </question>
</quiz>
"""


def test_every_type_category_feedback_and_tag():
    parsed = read_moodle_xml(XML.encode(), "m.xml")
    assert parsed.ok, parsed.errors
    by_id = {q.id: q for q in parsed.questions}
    gaba = by_id["xml-gaba"]
    assert gaba.content["prompt"] == "Which kind is GABA?"
    assert gaba.content["explanation"] == "It calms."
    assert gaba.content["tags"] == ["gaba", "week-1"]
    assert gaba.category.id == "mech" and gaba.category.description == "How it works."
    assert [o.get("correct", False) for o in gaba.content["options"]] == [True, False]
    assert by_id["forms"].content["type"] == "multiple"
    assert (by_id["long"].content["answer"], by_id["long"].content["wrong_feedback"]) == (
        False,
        "It is.",
    )
    assert by_id["name"].content["wrong_feedback"] == "It is GABA."
    assert "case-sensitive" in by_id["name"].notes[0]
    half = by_id["half-life"].content
    assert (half["answer"], half["unit"], half["wrong_feedback"]) == (
        {"value": 35.0, "tolerance": 5.0},
        "hours",
        "30 to 40.",
    )
    assert by_id["match"].content["pairs"][0] == {"left": "Recurrence", "right": "Symptoms return"}
    assert by_id["match"].content["distractors"] == [{"text": "Tolerance"}]
    order = by_id["order"].content
    assert (order["items"], order["wrong_feedback"]) == (
        ["Binding", "Flux", "Calm"],
        "Binding first.",
    )
    assert parsed.questions[0].where.startswith("line ")


def test_an_xml_bomb_is_refused_before_it_expands():
    parsed = read_moodle_xml((FIXTURES / "bomb.xml").read_bytes(), "bomb.xml")
    assert not parsed.ok
    assert "XML bomb" in parsed.errors[0].message and "bomb.xml" in parsed.errors[0].message


def test_broken_xml_names_its_line():
    parsed = read_moodle_xml((FIXTURES / "broken.xml").read_bytes(), "broken.xml")
    assert "not well-formed XML: line 5" in parsed.errors[0].message


def test_unknown_types_are_errors_naming_line_and_question():
    parsed = read_moodle_xml((FIXTURES / "unknown_type.xml").read_bytes(), "u.xml")
    assert [(e.where, e.question) for e in parsed.errors] == [
        ("line 3", "Essay"),
        ("line 13", "Cloze"),
    ]
    assert "'essay' cannot be imported" in parsed.errors[0].message


def test_wrong_encoding_and_wrong_root_and_external_entities():
    latin = read_moodle_xml("<quiz><question>\xe9</question></quiz>".encode("latin-1"), "l.xml")
    assert "l.xml is not UTF-8" in latin.errors[0].message
    declared = '<?xml version="1.0" encoding="ISO-8859-1"?><quiz/>'.encode("latin-1")
    assert "no questions" in read_moodle_xml(declared, "d.xml").errors[0].message
    assert "not <quiz>" in read_moodle_xml(b"<html/>", "h.xml").errors[0].message
    external = b'<?xml version="1.0"?><!DOCTYPE q SYSTEM "http://example.com/q.dtd"><quiz/>'
    assert "outside resources" in read_moodle_xml(external, "e.xml").errors[0].message
