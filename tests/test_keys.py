"""Key files from the CLI and build(): passphrase wrapping, the environment, and ids only in output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safecohort.builder import resolve_keys
from safecohort.cli import main
from safecohort.errors import KeyringError
from safecohort.policy import parse_policy
from safecohort.transform.crypto import PASSPHRASE_ENV, Keyring

KEYED = parse_policy("version: 1\ninstitution: T\ncolumns:\n  mrn: {action: encrypt}\n")


def material(path: Path, passphrase: str | None = None) -> list[bytes]:
    keyring = Keyring.load(path, passphrase=passphrase)
    return [keyring.info(k).material for k in keyring.key_ids]


def test_keys_new_protect_rotate_and_list(tmp_path: Path, monkeypatch, capsys) -> None:
    keys = tmp_path / "site.keys.json"
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse battery")
    assert main(["keys", "new", str(keys), "--protect"]) == 0
    assert Keyring.is_wrapped(keys)
    assert main(["keys", "rotate", str(keys)]) == 0  # stays wrapped, with the same passphrase
    assert Keyring.is_wrapped(keys)
    keyring = Keyring.load(keys, passphrase="correct horse battery")
    assert len(keyring.key_ids) == 2
    capsys.readouterr()
    assert main(["keys", "list", str(keys)]) == 0
    listed = capsys.readouterr()
    lines = listed.out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == list(keyring.key_ids)
    assert lines[-1].endswith("\tactive")
    for raw in material(keys, "correct horse battery"):
        assert raw.hex() not in listed.out + listed.err and raw.hex() not in keys.read_text()
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong")
    assert main(["keys", "list", str(keys)]) == 2
    assert "wrong passphrase" in capsys.readouterr().err


def test_passphrase_env_must_be_set(tmp_path: Path, monkeypatch, capsys) -> None:
    keys = tmp_path / "k.json"
    monkeypatch.delenv("MY_SECRET", raising=False)
    assert main(["keys", "new", str(keys), "--passphrase-env", "MY_SECRET"]) == 2
    assert "MY_SECRET" in capsys.readouterr().err and not keys.exists()  # never an unwrapped fallback
    monkeypatch.setenv("MY_SECRET", "s3cret phrase")
    assert main(["keys", "new", str(keys), "--passphrase-env", "MY_SECRET"]) == 0
    assert Keyring.load(keys, passphrase="s3cret phrase")


def test_a_wrapped_file_without_a_passphrase_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    keys = tmp_path / "k.json"
    Keyring.generate().save(keys, passphrase="pp")
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    assert main(["keys", "list", str(keys)]) == 2  # stdin is not a terminal under pytest: no prompt
    assert PASSPHRASE_ENV in capsys.readouterr().err


def test_plain_file_can_be_upgraded_on_rotation(tmp_path: Path, monkeypatch) -> None:
    keys = tmp_path / "k.json"
    assert main(["keys", "new", str(keys)]) == 0
    assert not Keyring.is_wrapped(keys)
    monkeypatch.setenv(PASSPHRASE_ENV, "pp")
    assert main(["keys", "rotate", str(keys), "--protect"]) == 0
    assert Keyring.is_wrapped(keys) and len(Keyring.load(keys, passphrase="pp").key_ids) == 2


def test_resolve_keys_opens_wrapped_files_with_the_env_passphrase(tmp_path: Path, monkeypatch) -> None:
    keys = tmp_path / "k.json"
    keyring = Keyring.generate()
    keyring.save(keys, passphrase="pp")
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(KeyringError, match=PASSPHRASE_ENV):
        resolve_keys(KEYED, keys)
    monkeypatch.setenv(PASSPHRASE_ENV, "pp")
    assert resolve_keys(KEYED, keys).key_ids == keyring.key_ids  # type: ignore[union-attr]
    assert resolve_keys(KEYED, keys, passphrase=lambda: "pp").key_ids == keyring.key_ids  # type: ignore[union-attr]
    monkeypatch.setenv(PASSPHRASE_ENV, "nope")
    with pytest.raises(KeyringError, match="wrong passphrase"):
        resolve_keys(KEYED, keys)


def test_resolve_keys_from_the_policy_env_var(tmp_path: Path, monkeypatch) -> None:
    keyring = Keyring.generate()
    keys = tmp_path / "k.json"
    keyring.save(keys)
    monkeypatch.setenv("SAFECOHORT_KEYS", str(keys))
    assert resolve_keys(KEYED, None).key_ids == keyring.key_ids  # type: ignore[union-attr]
    # The variable may hold the key file itself (as a secret store injects it), plain or wrapped.
    monkeypatch.setenv("SAFECOHORT_KEYS", keyring.to_bytes().decode("utf-8"))
    assert resolve_keys(KEYED, None).key_ids == keyring.key_ids  # type: ignore[union-attr]
    monkeypatch.setenv("SAFECOHORT_KEYS", keyring.to_bytes(passphrase="pp").decode("utf-8"))
    monkeypatch.setenv(PASSPHRASE_ENV, "pp")
    assert resolve_keys(KEYED, None).key_ids == keyring.key_ids  # type: ignore[union-attr]
    monkeypatch.setenv("SAFECOHORT_KEYS", '{"format": "other"}')
    with pytest.raises(KeyringError, match=r"\$SAFECOHORT_KEYS") as info:
        resolve_keys(KEYED, None)
    assert keyring.info(keyring.active_id).material.hex() not in str(info.value)
    monkeypatch.delenv("SAFECOHORT_KEYS")
    with pytest.raises(KeyringError, match="no key was given"):
        resolve_keys(KEYED, None)


def test_build_cli_opens_a_wrapped_key_file(
    tmp_path: Path, demo_frame, hipaa_policy_path: Path, monkeypatch
) -> None:
    import yaml

    source = tmp_path / "slice.csv"
    demo_frame.drop(columns=["note"]).head(30).to_csv(source, index=False)
    raw = yaml.safe_load(hipaa_policy_path.read_text())
    raw["columns"].pop("note")
    raw.pop("notes", None)
    raw["thresholds"] = {"k": 1}
    raw.pop("utility", None)
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump(raw))
    keys = tmp_path / "k.json"
    keyring = Keyring.generate()
    keyring.save(keys, passphrase="pp")
    monkeypatch.setenv(PASSPHRASE_ENV, "pp")
    args = [
        "build",
        str(source),
        "--policy",
        str(policy),
        "--out",
        str(tmp_path / "out"),
        "--keys",
        str(keys),
    ]
    assert main([*args, "--quiet"]) == 0
    record = json.loads((tmp_path / "out" / "audit.log.jsonl").read_text().splitlines()[-1])
    assert record["details"]["active_key_id"] == keyring.active_id
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong")
    assert main([*args, "--quiet"]) == 2
