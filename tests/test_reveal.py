"""`safecohort reveal` end to end, and the build's key hygiene: no key form in any file it writes.

One build of the research policy (with the MRN as a reversible pseudonym and the SSN encrypted) on a
200-row slice of the demo extract, under a passphrase-wrapped, rotated key file; then reveals that
succeed, and reveals that must fail (tampered token, foreign key) without writing anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from safecohort.cli import main
from safecohort.errors import DecryptionError, UnknownKeyIdError
from safecohort.policy import load_policy
from safecohort.report.audit import AuditLog
from safecohort.transform.crypto import PASSPHRASE_ENV, Keyring
from safecohort.transform.reveal import reveal
from transform.key_leaks import assert_no_key_in, key_forms

PASSPHRASE = "a long test passphrase"
FPE_DOMAINS = ("mrn", "notes.MEDICAL_RECORD_NUMBER")


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, demo_frame: pd.DataFrame, research_policy_path: Path
) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reveal")
    frame = demo_frame.head(200).copy()
    frame.loc[frame.index[20:], "note"] = None  # a few notes keep the scan (and its spans) in play, fast
    source = root / "slice.csv"
    frame.to_csv(source, index=False)
    raw = yaml.safe_load(research_policy_path.read_text())
    raw["columns"]["mrn"]["action"] = "pseudonym"
    raw["columns"]["ssn"]["action"] = "encrypt"
    raw["thresholds"] = {"k": 1, "max_residual_phi": 1.0}
    raw.pop("utility")
    policy = root / "policy.yaml"
    policy.write_text(yaml.safe_dump(raw))
    keys = root / "site.keys.json"
    keyring = Keyring.generate()
    keyring.rotate()  # an old key and an active one
    keyring.save(keys, passphrase=PASSPHRASE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSPHRASE_ENV, PASSPHRASE)
        out = root / "out"
        assert (
            main(["build", str(source), "--policy", str(policy), "--out", str(out), "--keys", str(keys)]) == 0
        )
    return {"root": root, "source": source, "policy": policy, "keys": keys, "out": out}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(PASSPHRASE_ENV, PASSPHRASE)
        code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_reveal_restores_mrn_and_ssn_and_is_audited(
    built: dict[str, Path], demo_frame: pd.DataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    data = built["out"] / "data.csv"
    target = built["root"] / "revealed.parquet"
    code, output = run(
        [
            "reveal", str(data), "--keys", str(built["keys"]), "--policy", str(built["policy"]),
            "--columns", "mrn", "ssn", "--out", str(target),
            "--reason", "IRB-2024-117", "--requester", "dr.who",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, output
    safe, revealed = pd.read_csv(data, dtype=str), pd.read_parquet(target)
    assert len(revealed) == len(safe) > 0
    raw_pairs = set(zip(demo_frame["mrn"].head(200), demo_frame["ssn"].head(200), strict=True))
    assert set(zip(revealed["mrn"], revealed["ssn"], strict=True)) <= raw_pairs  # each row gets its own back
    assert (safe["mrn"].str.fullmatch(r"\d{8}")).all() and not set(safe["mrn"]) & set(demo_frame["mrn"])
    untouched = [c for c in safe.columns if c not in ("mrn", "ssn")]
    assert revealed[untouched].fillna("").astype(str).equals(safe[untouched].fillna("").astype(str))

    log = AuditLog(built["out"] / "audit.log.jsonl")
    assert log.verify()
    record = json.loads(log.path.read_text().splitlines()[-1])
    keyring = Keyring.load(built["keys"], passphrase=PASSPHRASE)
    assert record["event"] == "reveal"
    details = record["details"]
    assert details["requester"] == "dr.who" and details["reason"] == "IRB-2024-117"
    assert details["columns"] == ["mrn", "ssn"] and details["methods"] == {
        "mrn": "pseudonym",
        "ssn": "encrypt",
    }
    assert details["key_ids"] == [keyring.active_id] and len(details["input_digest"]) == 64
    build_record = json.loads(log.path.read_text().splitlines()[0])
    assert build_record["details"]["active_key_id"] == keyring.active_id


def test_failed_reveals_write_nothing_and_name_row_and_column(
    built: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data = pd.read_csv(built["out"] / "data.csv", dtype=str)
    token = data.at[5, "ssn"]
    data.at[5, "ssn"] = token[:-2] + ("x" if token[-2] != "x" else "y") + token[-1]
    tampered = built["root"] / "tampered.csv"
    data.to_csv(tampered, index=False)
    target = built["root"] / "never.csv"
    base = ["--policy", str(built["policy"]), "--columns", "ssn", "--out", str(target), "--reason", "t"]
    code, output = run(["reveal", str(tampered), "--keys", str(built["keys"]), *base], capsys)
    assert code == 2 and "row 5 of column 'ssn'" in output and "altered" in output
    assert not target.exists() and not list(built["root"].glob(".never.csv*"))
    log = AuditLog(built["root"] / "audit.log.jsonl")  # beside the input by default
    assert json.loads(log.path.read_text().splitlines()[-1])["details"]["error"] == "DecryptionError"

    foreign = built["root"] / "foreign.keys.json"
    Keyring.generate().save(foreign)
    code, foreign_output = run(
        ["reveal", str(built["out"] / "data.csv"), "--keys", str(foreign), *base], capsys
    )
    assert code == 2 and "row 0 of column 'ssn'" in foreign_output and "key id" in foreign_output
    assert not target.exists()
    keyring = Keyring.load(built["keys"], passphrase=PASSPHRASE)
    assert_no_key_in(output + foreign_output, keyring, FPE_DOMAINS)
    assert_no_key_in(output + foreign_output, Keyring.load(foreign), FPE_DOMAINS)


def test_no_key_form_in_any_written_file_or_error(built: dict[str, Path]) -> None:
    keyring = Keyring.load(built["keys"], passphrase=PASSPHRASE)
    with pytest.raises(AssertionError):  # the check itself finds a key (here an FF3-1 subkey, in base64)
        assert_no_key_in(b"x" + key_forms(keyring, FPE_DOMAINS)[-4] + b"y", keyring, FPE_DOMAINS)
    written = [p for p in built["root"].rglob("*") if p.is_file() and p != built["keys"]]
    names = {p.name for p in written}
    assert {"data.csv", "quarantine.parquet", "audit.json", "audit.html", "audit.log.jsonl"} <= names
    for path in written:
        assert_no_key_in(path.read_bytes(), keyring, FPE_DOMAINS)
    assert_no_key_in(built["keys"].read_bytes(), keyring, FPE_DOMAINS)  # wrapped: no key in clear
    report = json.loads((built["out"] / "audit.json").read_text())
    assert set(report["key_ids"]) == set(keyring.key_ids)

    # The errors of a wrong key, a tampered token and an unknown key id hold no key either.
    policy = load_policy(built["policy"])
    data = pd.read_csv(built["out"] / "data.csv", dtype=str)
    errors = []
    tampered = data.copy()
    tampered.loc[0, "ssn"] = tampered.at[0, "ssn"][:-1] + ("A" if tampered.at[0, "ssn"][-1] != "A" else "B")
    with pytest.raises(DecryptionError) as garbled:
        reveal(tampered, ["ssn"], keyring, policy=policy)
    errors.append(str(garbled.value))
    with pytest.raises(UnknownKeyIdError) as unknown:
        reveal(data, ["ssn"], Keyring.generate(), policy=policy)
    errors.append(str(unknown.value))
    with pytest.raises(UnknownKeyIdError) as unknown:
        reveal(data, ["mrn"], keyring, policy=policy, key_id="k7-20200101-000000")
    errors.append(str(unknown.value))
    for text in [*errors, repr(keyring), str(keyring), *(repr(keyring.info(k)) for k in keyring.key_ids)]:
        assert_no_key_in(text, keyring, FPE_DOMAINS)


def test_reveal_notes_restores_encrypted_mrns_and_is_audited(
    built: dict[str, Path], demo_frame: pd.DataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    data = built["out"] / "data.csv"
    safe = pd.read_csv(data, dtype=str)
    with_tokens = safe["note"].fillna("").str.contains("enc:v1:")
    assert with_tokens.any()  # the research policy encrypts MRNs found in notes
    target = built["root"] / "notes-revealed.csv"
    code, output = run(
        [
            "reveal", str(data), "--keys", str(built["keys"]), "--policy", str(built["policy"]),
            "--notes", "note", "--columns", "ssn", "--out", str(target), "--reason", "IRB-2024-117",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, output
    revealed = pd.read_csv(target, dtype=str)
    assert not revealed["note"].fillna("").str.contains("enc:v1:").any()
    raw_numbers = set(demo_frame["note"].head(200).fillna("").str.findall(r"\d{6,}").sum())
    restored = set(revealed.loc[with_tokens, "note"].str.findall(r"\d{6,}").sum())
    assert restored and restored <= raw_numbers
    assert revealed.loc[~with_tokens, "note"].fillna("").equals(safe.loc[~with_tokens, "note"].fillna(""))
    details = json.loads(AuditLog(built["out"] / "audit.log.jsonl").path.read_text().splitlines()[-1])[
        "details"
    ]
    assert details["notes"] == ["note"] and details["methods"] == {"ssn": "encrypt", "note": "notes"}
    assert details["schemes"] == {"ssn": "aes-siv:v1", "note": "aes-siv:v1"}

    # One tampered token: exit 2 naming row and column, nothing written, the refusal logged.
    row = int(with_tokens.to_numpy().nonzero()[0][0])
    note = safe.at[row, "note"]
    cut = note.index("enc:v1:") + 40
    safe.at[row, "note"] = note[:cut] + ("A" if note[cut] != "A" else "B") + note[cut + 1 :]
    tampered = built["root"] / "tampered-notes.csv"
    safe.to_csv(tampered, index=False)
    never = built["root"] / "never-notes.csv"
    code, output = run(
        [
            "reveal", str(tampered), "--keys", str(built["keys"]), "--policy", str(built["policy"]),
            "--notes", "note", "--out", str(never), "--reason", "t",
        ],
        capsys,
    )  # fmt: skip
    assert code == 2 and f"row {row} of column 'note'" in output and not never.exists()
    refused = json.loads((built["root"] / "audit.log.jsonl").read_text().splitlines()[-1])
    assert refused["event"] == "reveal_refused" and refused["details"]["error"] == "DecryptionError"


def test_build_records_schemes_and_warns_about_ff3_1(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keyring = Keyring.load(built["keys"], passphrase=PASSPHRASE)
    build_record = json.loads((built["out"] / "audit.log.jsonl").read_text().splitlines()[0])["details"]
    assert build_record["schemes"] == {
        "mrn": {"operator": "pseudonym", "scheme": "ff1:v1", "key_id": keyring.active_id},
        "ssn": {"operator": "encrypt", "scheme": "aes-siv:v1", "key_id": keyring.active_id},
    }
    assert build_record["warnings"] == []

    raw = yaml.safe_load(built["policy"].read_text())
    raw["columns"]["mrn"]["action"] = {"operator": "pseudonym", "algorithm": "ff3-1"}
    policy = tmp_path / "ff3.yaml"
    policy.write_text(yaml.safe_dump(raw))
    out = tmp_path / "out"
    args = ["build", str(built["source"]), "--policy", str(policy), "--out", str(out), "--quiet"]
    code, output = run([*args, "--keys", str(built["keys"])], capsys)
    assert code == 0, output
    assert "warning: column 'mrn': pseudonyms made with FF3-1" in output
    report = json.loads((out / "audit.json").read_text())
    assert len(report["warnings"]) == 1 and "SP 800-38G" in report["warnings"][0]
    assert "WARNING: column &#39;mrn&#39;" in (out / "audit.html").read_text()
    record = json.loads((out / "audit.log.jsonl").read_text().splitlines()[-1])["details"]
    assert record["schemes"]["mrn"]["scheme"] == "ff3-1:v1" and record["warnings"] == report["warnings"]
    # ...and the policy that named FF3-1 reveals them (the key file says FF1 for this key).
    target = tmp_path / "ff3-revealed.csv"
    code, output = run(
        [
            "reveal", str(out / "data.csv"), "--keys", str(built["keys"]), "--policy", str(policy),
            "--columns", "mrn", "--out", str(target), "--reason", "t",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, output
    first = pd.read_csv(built["out"] / "data.csv", dtype=str)  # the FF1 build of the same rows
    revealed_first = reveal(first, ["mrn"], keyring, policy=load_policy(built["policy"])).data["mrn"]
    assert pd.read_csv(target, dtype=str)["mrn"].tolist() == revealed_first.tolist()


def test_a_key_file_from_before_ff1_reveals_old_pseudonyms_and_refuses_new_ff1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(__file__).parent / "transform" / "data"
    made = json.loads((data / "pre_ff1_values.json").read_text())
    keys = tmp_path / "old.keys.json"
    keys.write_bytes((data / "pre_ff1.keys.json").read_bytes())
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "version: 1\ninstitution: T\ncolumns:\n  mrn: {phi: mrn, action: pseudonym}\n"
        "  ssn: {phi: ssn, action: encrypt}\n"
    )
    source = tmp_path / "safe.csv"
    ssn = [*made["tokens_k1_ssn"], None, None, None, None]
    pd.DataFrame({"mrn": made["pseudonyms_k2_mrn"], "ssn": ssn}).to_csv(source, index=False)
    target = tmp_path / "revealed.csv"
    reveal_args = ["--policy", str(policy), "--columns", "mrn", "ssn", "--out", str(target), "--reason", "t"]
    code, output = run(["reveal", str(source), "--keys", str(keys), *reveal_args], capsys)
    assert code == 0, output
    revealed = pd.read_csv(target, dtype=str)
    assert revealed["mrn"].tolist() == made["values"]
    assert (
        revealed["ssn"].head(2).tolist() == ["123-45-6789", "987-65-4321"]
        and revealed["ssn"].tail(4).isna().all()
    )
    record = json.loads((tmp_path / "audit.log.jsonl").read_text().splitlines()[-1])["details"]
    assert record["schemes"] == {"mrn": "ff3-1:v1", "ssn": "aes-siv:v1"}

    raw = tmp_path / "raw.csv"
    pd.DataFrame({"mrn": made["values"], "ssn": "123-45-6789"}).to_csv(raw, index=False)
    build_args = [
        "build",
        str(raw),
        "--policy",
        str(policy),
        "--out",
        str(tmp_path / "b"),
        "--keys",
        str(keys),
    ]
    code, output = run(build_args, capsys)
    assert code == 2 and "predates FF1" in output and "keys rotate" in output
    assert run(["keys", "rotate", str(keys)], capsys)[0] == 0
    code, output = run(build_args, capsys)
    assert code == 0, output
    assert run(["keys", "list", str(keys)], capsys)[1].count("ff1:v1") == 1
