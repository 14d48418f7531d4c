"""The span format, the scorer (against ../shared/eval/score.py) and the corpus converters.

Every sample corpus here is invented for the test; no line of a restricted corpus is in the repository.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_path
from safecohort.errors import InputError
from safecohort.evaluation import (
    Document,
    Span,
    main,
    read_corpus,
    read_i2b2_2006,
    read_i2b2_2014,
    read_physionet,
    read_predictions,
    score,
    write_corpus,
    write_predictions,
)

NOTE = "Seen by John Smith on 3/14."
JOHN_SMITH = Span(8, 18, "PERSON")
DATE = Span(22, 26, "DATE")


def _note(spans: tuple[Span, ...] = (JOHN_SMITH, DATE), doc_id: str = "n1", text: str = NOTE) -> Document:
    return Document(doc_id, text, spans)


# --- scorer: hand-computed cases (never skip) ------------------------------------------------------------


def test_partial_name_is_a_loose_hit_and_one_token_of_four() -> None:
    scores = score([_note()], {"n1": [(8, 12)]})  # "John"
    assert (scores.entities, scores.strict, scores.loose) == (2, 0, 1)
    # tokens Seen by John Smith on 3 14: gold John Smith 3 14, predicted John
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 3)
    assert scores.token_recall == 0.25
    assert scores.token_precision == 1.0
    assert scores.token_f2 == pytest.approx(5 * 0.25 / (4 + 0.25))
    person, date = scores.by_label["PERSON"], scores.by_label["DATE"]
    assert (person.entities, person.strict, person.loose, person.token_tp, person.token_fn) == (1, 0, 1, 1, 1)
    assert (date.entities, date.strict, date.loose, date.token_tp, date.token_fn) == (1, 0, 0, 0, 2)


def test_full_cover_is_strict_and_a_touched_token_counts_whole() -> None:
    # (7, 19) covers " John Smith " and (24, 25) touches only "/" and "1" of "3/14": the token "14" counts.
    scores = score([_note()], {"n1": [(7, 19), (24, 25)]})
    assert (scores.strict, scores.loose) == (1, 2)
    assert (scores.tp, scores.fp, scores.fn) == (3, 0, 1)  # "3" is the one token missed


def test_ignored_label_drops_its_entities_and_tokens() -> None:
    scores = score([_note()], {"n1": [(0, 4), (22, 26)]}, ignore={"DATE"})  # "Seen" and the date
    assert scores.entities == 1
    assert set(scores.by_label) == {"PERSON"}
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 2)  # "Seen" is a false positive; 3, 14 unscored


def test_missing_note_counts_and_predictions_are_clipped() -> None:
    other = _note(doc_id="n2")
    scores = score([_note(), other], {"n1": [(-5, 4)], "ghost": [(0, 3)]})
    assert scores.notes == 2
    assert scores.notes_missing == 1  # n2 has no prediction line; "ghost" is not a gold note
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 8)
    assert scores.summary().startswith("notes_missing=1 entities=4 recall_strict=0.0000")


def test_no_gold_and_no_prediction_scores_zero_without_dividing_by_zero() -> None:
    scores = score([_note(spans=())], {"n1": []})
    assert (scores.entities, scores.tp, scores.fp, scores.fn) == (0, 0, 0, 0)
    assert scores.token_recall == scores.token_precision == scores.token_f2 == scores.recall_strict == 0.0


def test_to_dict_carries_the_ratios_and_per_label_loose_recall() -> None:
    data = score([_note()], {"n1": [(8, 12)]}).to_dict()
    assert data["by_label"]["PERSON"]["recall_loose"] == 1.0
    assert data["by_label"]["PERSON"]["recall_strict"] == 0.0
    assert data["token_recall"] == 0.25
    json.dumps(data)  # plain JSON


# --- scorer agrees with ../shared/eval/score.py -----------------------------------------------------------


def _crafted_predictions(documents: list[Document], seed: int) -> dict[str, list[tuple[int, int]]]:
    """Exact, shifted, partial and spurious spans; some notes left out; one id not in the gold."""
    rng = random.Random(seed)
    predictions: dict[str, list[tuple[int, int]]] = {}
    for index, document in enumerate(documents):
        if index % 7 == 3:
            continue  # a missing note
        spans: list[tuple[int, int]] = []
        for span in document.spans:
            kind = rng.randrange(4)
            if kind == 0:
                spans.append((span.start, span.end))
            elif kind == 1:  # partial overlap, possibly past either end
                spans.append((span.start + rng.randint(-4, 2), span.end + rng.randint(-3, 4)))
            elif kind == 2:
                spans.append((span.start, span.start + 1))
        for _ in range(rng.randrange(3)):
            start = rng.randint(-3, len(document.text))
            spans.append((start, start + rng.randint(1, 12)))
        predictions[document.id] = spans
    predictions["not-in-gold"] = [(0, 5)]
    return predictions


@pytest.mark.parametrize(
    ("corpus", "ignore"),
    [
        ("presidio-synth/dev.jsonl", None),
        ("presidio-synth/dev.jsonl", "TITLE,NRP"),
        ("presidio-synth/dev.jsonl", "PERSON,STREET_ADDRESS"),
        ("meddocan/dev.jsonl", "SEXO_SUJETO_ASISTENCIA"),  # non-ASCII text, long notes
    ],
)
def test_scorer_agrees_with_shared_score_py(corpus: str, ignore: str | None, tmp_path: Path) -> None:
    score_py = shared_path("eval", "score.py")
    gold_lines = shared_path("data", corpus).read_text(encoding="utf-8").splitlines()[:60]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    documents = read_corpus(gold_path)
    predictions = _crafted_predictions(documents, seed=len(corpus) + len(ignore or ""))
    pred_path = write_predictions(predictions, tmp_path / "pred.jsonl")
    assert read_predictions(pred_path) == predictions
    command = [sys.executable, str(score_py), str(gold_path), str(pred_path)]
    if ignore:
        command += ["--ignore", ignore]
    expected = subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    ignored = frozenset(ignore.split(",")) if ignore else frozenset()
    assert score(documents, predictions, ignore=ignored).summary() == expected


# --- the span format -------------------------------------------------------------------------------------


def test_corpus_round_trips_with_extra_fields(tmp_path: Path) -> None:
    document = Document("a", NOTE, (JOHN_SMITH, DATE), {"template": 7})
    path = write_corpus([document], tmp_path / "c.jsonl")
    line = json.loads(path.read_text(encoding="utf-8"))
    assert list(line) == ["id", "template", "text", "spans"]
    assert line["spans"][0] == {"start": 8, "end": 18, "label": "PERSON", "text": "John Smith"}
    assert read_corpus(path) == [document]
    assert "John" not in repr(document)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"id": "b", "text": NOTE, "spans": [{"start": 8, "end": 18}]}), "string 'label'"),
        (
            json.dumps({"id": "b", "text": NOTE, "spans": [{"start": 8, "end": 99, "label": "P"}]}),
            "outside the note",
        ),
        (
            json.dumps(
                {"id": "b", "text": NOTE, "spans": [{"start": 8, "end": 12, "label": "P", "text": "Jack"}]}
            ),
            "differs from the note",
        ),
        (json.dumps({"id": "a", "text": NOTE, "spans": []}), "repeated"),
    ],
)
def test_bad_corpus_line_names_file_and_line_never_the_text(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "a", "text": NOTE, "spans": []})
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_corpus(path)
    assert "bad.jsonl line 3" in str(caught.value)
    assert "John" not in str(caught.value) and "Seen" not in str(caught.value)


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_corpus(tmp_path / "absent.jsonl")


# --- PhysioNet deid --------------------------------------------------------------------------------------

PHYSIONET_TEXT = (
    "START_OF_RECORD=1||||1||||\n"
    "Pt Zorba Quill seen at 0800.\n"
    "Call wife at 555-0142.\n"
    "||||END_OF_RECORD\n"
    "\n"
    "START_OF_RECORD=1||||2||||\r\n"
    "Night:\r\n"
    "Dr Vell Arno to review.\r\n"
    "||||END_OF_RECORD\n"
)


def _physionet(tmp_path: Path, phrases: str, text: str = PHYSIONET_TEXT) -> list[Document]:
    (tmp_path / "id.text").write_bytes(text.encode("utf-8"))
    (tmp_path / "id-phi.phrase").write_text(phrases, encoding="utf-8")
    return read_physionet(tmp_path / "id.text", tmp_path / "id-phi.phrase")


def test_physionet_offsets_start_after_the_header_line(tmp_path: Path) -> None:
    # Typed lines (patient record start end type phrase), as the deid package ships; one untyped line.
    phrases = "1 1 3 14 PTName Zorba Quill\n1 1 42 50 Phone 555-0142\n1 2 11 20 Vell Arno\n"
    first, second = _physionet(tmp_path, phrases)
    assert first.id == "1-1" and second.id == "1-2"
    assert first.text == "Pt Zorba Quill seen at 0800.\nCall wife at 555-0142.\n"
    assert [(s.start, s.end, s.label, first.span_text(s)) for s in first.spans] == [
        (3, 14, "PTName", "Zorba Quill"),
        (42, 50, "Phone", "555-0142"),
    ]
    # the \r of a CRLF line is a character, as in the perl tools that produced the offsets
    assert second.text.startswith("Night:\r\n")
    assert [(s.label, second.span_text(s)) for s in second.spans] == [("PHI", "Vell Arno")]


@pytest.mark.parametrize(
    ("phrases", "text", "message"),
    [
        ("1 1 4 15 PTName Zorba Quill\n", PHYSIONET_TEXT, "line 1: the phrase differs"),  # off by one
        ("1 3 3 14 PTName Zorba Quill\n", PHYSIONET_TEXT, "no record 1-3"),
        ("1 1 3 PTName Zorba\n", PHYSIONET_TEXT, "expected"),
        ("", PHYSIONET_TEXT.replace("||||END_OF_RECORD\n\n", "", 1), "line 1: record has no"),
        ("", "Zorba Quill\n" + PHYSIONET_TEXT, "text outside a record"),
    ],
)
def test_physionet_errors_name_the_line_never_the_phrase(
    tmp_path: Path, phrases: str, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        _physionet(tmp_path, phrases, text)
    assert "Zorba" not in str(caught.value) and "Quill" not in str(caught.value)


# --- i2b2 2006 -------------------------------------------------------------------------------------------

I2B2_2006 = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT>
<RECORD ID="101">
<TEXT>
Admitted to <PHI TYPE="HOSPITAL">Brindle Vale General</PHI> on <PHI TYPE="DATE">04/02</PHI>.
Attending: <PHI TYPE="DOCTOR">Ossa Trell</PHI> &amp; team.
</TEXT>
</RECORD>
<RECORD ID="102"><TEXT>No PHI here.</TEXT></RECORD>
</ROOT>
"""


def test_i2b2_2006_inline_tags_become_spans(tmp_path: Path) -> None:
    path = tmp_path / "deid.xml"
    path.write_text(I2B2_2006, encoding="utf-8")
    first, second = read_i2b2_2006(path)
    assert first.id == "101"
    assert "<PHI" not in first.text and "Ossa Trell & team" in first.text
    assert [(s.label, first.span_text(s)) for s in first.spans] == [
        ("HOSPITAL", "Brindle Vale General"),
        ("DATE", "04/02"),
        ("DOCTOR", "Ossa Trell"),
    ]
    assert first.spans[0].start == len("\nAdmitted to ")
    assert (second.id, second.text, second.spans) == ("102", "No PHI here.", ())


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (
            I2B2_2006.replace('<PHI TYPE="DATE">04/02</PHI>', "<B>04/02</B>"),
            "record 0: tag 1 inside TEXT is <B>",
        ),
        (I2B2_2006.replace(' TYPE="DOCTOR"', ""), "record 0: PHI tag 2 .*no TYPE"),
        (I2B2_2006.replace('ID="102"', 'ID="101"'), "record 1: RECORD ID repeated"),
        (I2B2_2006.replace("</PHI> on", " on", 1), "not well-formed XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "Ossa Trell">]>'
            '<ROOT><RECORD ID="1"><TEXT>&a;</TEXT></RECORD></ROOT>',
            "DOCTYPE or ENTITY",
        ),
    ],
)
def test_i2b2_2006_malformed_input_is_an_input_error(tmp_path: Path, xml: str, message: str) -> None:
    path = tmp_path / "deid.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_i2b2_2006(path)
    assert "Ossa" not in str(caught.value) and "Brindle" not in str(caught.value)


# --- i2b2 2014 -------------------------------------------------------------------------------------------


def _i2b2_2014(text: str, tags: list[tuple[str, int, int, str, str]]) -> str:
    rows = "".join(
        f'<{kind} id="P{i}" start="{start}" end="{end}" text="{phrase}" TYPE="{label}" comment="" />\n'
        for i, (kind, start, end, phrase, label) in enumerate(tags)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<deIdi2b2>\n'
        f"<TEXT><![CDATA[{text}]]></TEXT>\n<TAGS>\n{rows}</TAGS>\n</deIdi2b2>\n"
    )


I2B2_2014_NOTE = "Record date: 2091-03-04\nMarla Fenn, 64, lives in Quorra & works as a welder <ok>.\n"
I2B2_2014_TAGS = [
    ("DATE", 13, 23, "2091-03-04", "DATE"),
    ("NAME", 24, 34, "Marla Fenn", "PATIENT"),
    ("AGE", 36, 38, "64", "AGE"),
    ("LOCATION", 49, 55, "Quorra", "CITY"),
    ("PROFESSION", 69, 75, "welder", "PROFESSION"),
]


def test_i2b2_2014_folder_converts_with_offsets_into_the_cdata(tmp_path: Path) -> None:
    folder = tmp_path / "xml"
    folder.mkdir()
    (folder / "110-02.xml").write_text(_i2b2_2014(I2B2_2014_NOTE, I2B2_2014_TAGS), encoding="utf-8")
    (folder / "110-01.xml").write_text(_i2b2_2014("Nothing to see.", []), encoding="utf-8")
    (folder / "notes.txt").write_text("not xml", encoding="utf-8")
    first, second = read_i2b2_2014(folder)
    assert (first.id, first.text, first.spans) == ("110-01", "Nothing to see.", ())
    assert second.id == "110-02" and second.text == I2B2_2014_NOTE
    assert [(s.start, s.end, s.label, second.span_text(s)) for s in second.spans] == [
        (start, end, label, phrase) for _, start, end, phrase, label in I2B2_2014_TAGS
    ]


def test_i2b2_2014_text_mismatch_names_file_and_tag(tmp_path: Path) -> None:
    tags = list(I2B2_2014_TAGS)
    tags[1] = ("NAME", 25, 35, "Marla Fenn", "PATIENT")  # shifted by one
    path = tmp_path / "120-01.xml"
    path.write_text(_i2b2_2014(I2B2_2014_NOTE, tags), encoding="utf-8")
    with pytest.raises(InputError, match=r"120-01\.xml tag 1: 'text' differs") as caught:
        read_i2b2_2014([path])
    assert "Marla" not in str(caught.value)


def test_i2b2_2014_tag_without_offsets_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "130-01.xml"
    path.write_text(_i2b2_2014(I2B2_2014_NOTE, I2B2_2014_TAGS).replace('start="36" ', ""), encoding="utf-8")
    with pytest.raises(InputError, match=r"130-01\.xml tag 2: <AGE> needs integer"):
        read_i2b2_2014(path)


def test_cli_converts_i2b2_2014_and_physionet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "140-01.xml"
    note.write_text(_i2b2_2014(I2B2_2014_NOTE, I2B2_2014_TAGS), encoding="utf-8")
    out = tmp_path / "out" / "i2b2.jsonl"
    assert main(["i2b2-2014", str(note), str(out)]) == 0
    assert [len(d.spans) for d in read_corpus(out)] == [5]
    assert "wrote 1 notes with 5 spans" in capsys.readouterr().out

    (tmp_path / "id.text").write_text(PHYSIONET_TEXT, encoding="utf-8")
    (tmp_path / "id-phi.phrase").write_text("1 1 3 14 PTName Zorba Quill\n", encoding="utf-8")
    physionet_out = tmp_path / "physionet.jsonl"
    code = main(["physionet", str(tmp_path / "id.text"), str(tmp_path / "id-phi.phrase"), str(physionet_out)])
    assert code == 0
    assert [d.id for d in read_corpus(physionet_out)] == ["1-1", "1-2"]

    (tmp_path / "id-phi.phrase").write_text("1 1 4 15 PTName Zorba Quill\n", encoding="utf-8")
    assert main(["physionet", str(tmp_path / "id.text"), str(tmp_path / "id-phi.phrase"), str(out)]) == 2
    error = capsys.readouterr().err
    assert "id-phi.phrase line 1" in error and "Zorba" not in error
