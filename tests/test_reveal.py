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
