"""The CLI's scan and keys commands: findings without values, exit codes, key files."""

from __future__ import annotations

import json
from pathlib import Path

from safecohort.cli import main


def test_scan_reports_counts_without_values_and_exits_1(tmp_path: Path, capsys) -> None:
    report = tmp_path / "generated_report.md"
    report.write_text("Patient John Carter (MRN 40012345) can be reached at 617-555-0199.\n")
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps({"summary": "Mean HbA1c fell by 0.4 points in the treated arm."}))
    assert main(["scan", str(report)]) == 1
    out = capsys.readouterr().out
    assert "PHONE_NUMBER" in out and "PERSON" in out
    assert "555-0199" not in out and "Carter" not in out and "40012345" not in out
    assert main(["scan", str(clean)]) == 0


def test_scan_unreadable_input_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Pr\xe9nom: Andr\xe9".encode("latin-1"))
    assert main(["scan", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_keys_new_refuses_to_overwrite_and_rotate_keeps_old_ids(tmp_path: Path) -> None:
    keys = tmp_path / "site.keys.json"
    assert main(["keys", "new", str(keys)]) == 0
    first = json.loads(keys.read_text())
    assert main(["keys", "new", str(keys)]) == 2
    assert main(["keys", "rotate", str(keys)]) == 0
    from safecohort.transform.crypto import Keyring

    keyring = Keyring.load(keys)
    assert len(keyring.key_ids) == 2
    assert keyring.active_id != keyring.key_ids[0] or len(set(keyring.key_ids)) == 2
    assert first != json.loads(keys.read_text())


def test_scan_walks_folders_writes_json_and_sarif_and_names_places(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "outputs"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "draft.md").write_text("# Results\n\nDischarged to Mrs. Olga Pettersen on 3/14.\n")
    (folder / "table.csv").write_text("id,comment\n1,fine\n2,Call Dr. Harold Finch at 617-555-0143\n")
    (folder / ".hidden.txt").write_text("Dr. Hidden Person\n")
    (folder / "image.png").write_bytes(b"\x89PNG")
    assert main(["scan", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{folder.as_posix()}/nested/draft.md:3:") for line in out)
    assert any(": row 2 column comment, line 1, column " in line for line in out)
    assert not any("hidden" in line or "image" in line for line in out)
    report = tmp_path / "scan.json"
    assert main(["scan", str(folder), "--format", "json", "--output", str(report)]) == 1
    data = json.loads(report.read_text())
    assert data["exit_code"] == 1 and len(data["files"]) == 2
    assert {"file", "where", "line", "column", "entity_type", "score"} <= set(data["findings"][0])
    assert main(["scan", str(folder), "--format", "sarif"]) == 1
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"


def test_scan_with_an_unreadable_file_still_scans_the_rest_and_exits_2(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Seen by Dr. Quentin Marlowe.\n")
    assert main(["scan", str(good), str(tmp_path / "absent.txt"), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["findings"] and "input not found" in captured.err


def test_scan_baseline_needs_keys_and_accepts_reviewed_findings(tmp_path: Path, capsys) -> None:
    report = tmp_path / "paper.md"
    report.write_text("Case reviewed with Dr. Imelda Vasquez-Thorne.\n")
    baseline = tmp_path / "phi-baseline.json"
    assert main(["scan", str(report), "--write-baseline", str(baseline)]) == 2
    keys = tmp_path / "k.json"
    assert main(["keys", "new", str(keys)]) == 0
    assert main(["scan", str(report), "--write-baseline", str(baseline), "--keys", str(keys)]) == 1
    stored = baseline.read_text()
    assert "Imelda" not in stored and "Vasquez" not in stored
    assert main(["scan", str(report), "--baseline", str(baseline), "--keys", str(keys)]) == 0
    assert "accepted by the baseline" in capsys.readouterr().err


def test_scan_of_a_format_without_its_library_says_what_to_install(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import sys

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if pypdf were not installed
    assert main(["scan", str(pdf)]) == 2
    assert "pip install 'safecohort[documents]'" in capsys.readouterr().err
