"""``scan`` as a gate over documents of every format built from the demo's notes: recall at least the note
scanner's, locations that point at the note, SARIF 2.1.0 that validates, a keyed baseline, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from helpers.documents import WRITERS, Where
from helpers.phi import identifier_values, occurs
from safecohort.detect.text import NoteScanner, get_scanner
from safecohort.documents import read_document
from safecohort.gate import Baseline, as_json, as_sarif, as_text, scan_documents

NOTES = 24
# The OASIS SARIF 2.1.0 JSON schema (errata 01) as published in oasis-tcs/sarif-spec,
# sarif-2.1/schema/sarif-schema-2.1.0.json; draft-04, so checked with Draft4Validator.
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def scanner() -> NoteScanner:
    return get_scanner()


@pytest.fixture(scope="module")
def notes(demo_frame: pd.DataFrame) -> pd.DataFrame:
    """The first demo rows whose note holds at least one identifier value of its own row."""
    rows = [
        i
        for i in range(len(demo_frame))
        if any(v in str(demo_frame["note"].iloc[i]) for v in identifier_values(demo_frame.iloc[[i]]))
    ]
    return demo_frame.iloc[rows[:NOTES]].reset_index(drop=True)


@pytest.fixture(scope="module")
def documents(
    notes: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, list[Where]]]:
    folder = tmp_path_factory.mktemp("documents")
    texts = list(notes["note"])
    built = {}
    for suffix, write in WRITERS.items():
        path = folder / f"outputs.{suffix}"
        built[suffix] = (path, write(texts, path))
    return built


def _gold(notes: pd.DataFrame) -> set[str]:
    """Identifier values of each row that its note holds (names, MRNs, phones, dates in any layout...)."""
    return {
        v for i in range(len(notes)) for v in identifier_values(notes.iloc[[i]]) if v in notes["note"].iloc[i]
    }


def _pattern(value: str) -> re.Pattern[str]:
    # A PDF wraps lines and a Word cell may reflow: the value's words may be split by any whitespace.
    return re.compile(r"\s+".join(re.escape(part) for part in value.split()))


def _found(texts: list[str], scanner: NoteScanner, gold: set[str]) -> set[str]:
    """The gold values some finding overlaps in at least one of their occurrences in ``texts``."""
    found = set()
    for text, findings in zip(texts, scanner.scan(texts), strict=True):
        for value in gold:
            for match in _pattern(value).finditer(text):
                if any(f.start < match.end() and match.start() < f.end for f in findings):
                    found.add(value)
    return found


def test_recall_on_every_format_is_at_least_the_note_scanners(
    notes: pd.DataFrame, documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner
) -> None:
    gold = _gold(notes)
    assert len(gold) >= 2 * NOTES
    on_notes = len(_found(list(notes["note"]), scanner, gold)) / len(gold)
    assert on_notes > 0.9
    recalls = {}
    for suffix, (path, _) in documents.items():
        units = read_document(path)
        recalls[suffix] = len(_found([u.text for u in units], scanner, gold)) / len(gold)
    below = {suffix: round(r, 3) for suffix, r in recalls.items() if r < on_notes}
    assert not below, f"recall below the note scanner's {on_notes:.3f}: {below}"


def test_locations_point_at_the_note(
    notes: pd.DataFrame, documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner
) -> None:
    for suffix, (path, places) in documents.items():
        result = scan_documents([path], scanner.scan)
        assert result.findings and not result.errors, suffix
        if not places[0]:  # a text file: line and column are the file's; the note is on its own line
            lines = path.read_text(encoding="utf-8").splitlines()
            for f in result.findings:
                line = lines[f.position.line - 1]
                assert f.position.line == f.position.end_line
                span = line[f.position.column - 1 : f.position.end_column]
                assert span and span == span.strip() and any(span in note for note in notes["note"]), suffix
            continue
        # every finding sits at a place a note was written to, and every note with a value has one
        assert {f.where for f in result.findings} <= set(places), suffix
        assert len({f.where for f in result.findings}) >= len(set(places)) * 0.9, suffix


def test_pdf_pages_hold_their_notes(
    notes: pd.DataFrame, documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner
) -> None:
    path, places = documents["pdf"]
    units = read_document(path)
    assert [u.where for u in units] == sorted(set(places))
    for unit in units:
        ((_, page),) = unit.where
        on_page = [i for i, place in enumerate(places) if place == (("page", page),)]
        values = {v for i in on_page for v in _gold(notes.iloc[[i]].reset_index(drop=True))}
        assert values and all(_pattern(v).search(unit.text) for v in values)


def test_sarif_validates_against_the_2_1_0_schema(
    documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner, tmp_path: Path
) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    paths = [documents[s][0] for s in ("md", "pdf", "ipynb")] + [tmp_path / "missing.txt"]
    result = scan_documents(paths, scanner.scan)
    log = json.loads(as_sarif(result))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {f.entity_type for f in result.findings}
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in run["results"]]
    md = [r for r, f in zip(regions, result.findings, strict=True) if f.file.endswith(".md")]
    assert md and all(r and r["startLine"] >= 3 for r in md)  # after the two header lines
    assert run["invocations"][0]["executionSuccessful"] is False  # the missing file
    assert log["runs"][0]["invocations"][0]["exitCode"] == 2


def test_a_clean_document_exits_0(tmp_path: Path, scanner: NoteScanner) -> None:
    clean = {
        "txt": ["The model was retrained on the new split.", "AUROC improved on the held-out set."],
        "pdf": ["Table 2 lists the cohort by age band and sex."],
        "ipynb": ["print(metrics)", "accuracy 0.81"],
    }
    for suffix, texts in clean.items():
        path = tmp_path / f"clean.{suffix}"
        WRITERS[suffix](texts, path)
        result = scan_documents([path], scanner.scan)
        assert result.exit_code == 0 and not result.findings, suffix


def test_outputs_name_kinds_and_places_never_values(
    notes: pd.DataFrame, documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner
) -> None:
    result = scan_documents([p for p, _ in documents.values()], scanner.scan)
    assert result.exit_code == 1
    values = identifier_values(notes)
    for render in (as_text, as_json, as_sarif):
        text = render(result)
        leaked = [v for v in values if occurs(v, text)]
        assert not leaked, f"{len(leaked)} values in the {render.__name__} output"
    first = as_text(result).splitlines()[0]
    assert re.fullmatch(r".+:\d+:\d+: [A-Z_]+ \(score \d\.\d\d\)", first)


def test_baseline_accepts_reviewed_findings_as_keyed_digests(
    documents: dict[str, tuple[Path, list[Where]]], scanner: NoteScanner, tmp_path: Path
) -> None:
    path = documents["txt"][0]
    key = bytes(range(32))
    baseline = Baseline(key, "k1")
    first = scan_documents([path], scanner.scan, baseline=baseline)
    fingerprints = [f.fingerprint for f in first.findings]
    assert first.findings and all(f and re.fullmatch(r"[0-9a-f]{64}", f) for f in fingerprints)
    stored = baseline.to_json(f for f in fingerprints if f)
    accepted = Baseline.load(_saved(tmp_path, stored), lambda key_id: (key, str(key_id)))
    again = scan_documents([path], scanner.scan, baseline=accepted)
    assert again.exit_code == 0 and again.accepted == len(first.findings)
    # A new finding is still reported; another key accepts nothing.
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Called Mrs. Evangeline Quartermaine at 617-555-0199.\n")
    assert scan_documents([path], scanner.scan, baseline=accepted).exit_code == 1
    other = Baseline.load(_saved(tmp_path, stored), lambda key_id: (bytes(32), str(key_id)))
    assert scan_documents([path], scanner.scan, baseline=other).accepted == 0


def _saved(folder: Path, text: str) -> Path:
    path = folder / "baseline.json"
    path.write_text(text, encoding="utf-8")
    return path
