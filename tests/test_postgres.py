"""PostgreSQL in and out, against a real server (a throwaway cluster: tests/helpers/postgres.py).

The relational demo is loaded into schema ``raw``, built into schema ``safe`` by the CLI, and must equal
the folder build table for table; a wrong password or a missing table is one error line and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy

from safecohort.cli import main
from safecohort.io.sources import FolderSource
from safecohort.policy import load_policy
from safecohort.transform import Keyring

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "safecohort" / "data" / "demo_relational"
POLICY = ROOT / "rules" / "demo_relational.yaml"


def _engine(url: str) -> sqlalchemy.Engine:
    return sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


@pytest.fixture(scope="module")
def loaded(postgres_url: str) -> str:
    """The demo's CSV files loaded as text columns into schema ``raw``."""
    policy = load_policy(POLICY)
    engine = _engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text("DROP SCHEMA IF EXISTS raw CASCADE; CREATE SCHEMA raw"))
        for table, (frame, _) in FolderSource(DEMO).read_tables(policy.table_names).items():
            frame.to_sql(table, connection, schema="raw", index=False)
    engine.dispose()
    return postgres_url


def _schema_tables(url: str, schema: str) -> list[str]:
    engine = _engine(url)
    with engine.connect() as connection:
        names = sqlalchemy.inspect(connection).get_table_names(schema=schema)
    engine.dispose()
    return sorted(names)


def _build_database(source: str, schema: str, target: str, out_schema: str, tmp_path: Path) -> int:
    """``safecohort build`` from one schema into another, with a fresh key and the audit in tmp_path."""
    keys = tmp_path / "keys.json"
    if not keys.exists():
        Keyring.generate().save(keys)
    command = ["build", source, "--schema", schema, "--policy", str(POLICY), "--out", target]
    command += [
        "--out-schema",
        out_schema,
        "--audit",
        str(tmp_path / "audit"),
        "--keys",
        str(keys),
        "--quiet",
    ]
    return main(command)


def _schemas(url: str) -> list[str]:
    engine = _engine(url)
    with engine.connect() as connection:
        names = sqlalchemy.inspect(connection).get_schema_names()
    engine.dispose()
    return list(names)


def test_database_build_equals_the_folder_build(loaded: str, tmp_path: Path) -> None:
    assert _build_database(loaded, "raw", loaded, "safe", tmp_path) == 0
    assert (tmp_path / "audit" / "audit.json").is_file()
    folder = tmp_path / "folder"
    keys = str(tmp_path / "keys.json")  # the key the database build used
    code = main(
        ["build", str(DEMO), "--policy", str(POLICY), "--out", str(folder), "--keys", keys, "--quiet"]
    )
    assert code == 0
    policy = load_policy(POLICY)
    engine = _engine(loaded)
    for table in policy.table_names:
        expected = pd.read_parquet(folder / f"{table}.parquet")
        with engine.connect() as connection:
            got = pd.read_sql_table(table, connection, schema="safe")
        assert list(got.columns) == list(expected.columns), table
        for column in expected.columns:
            left, right = expected[column], got[column]
            if pd.api.types.is_datetime64_any_dtype(left):
                right = pd.to_datetime(right)
            pd.testing.assert_series_equal(
                left.astype(object).where(left.notna(), None),
                right.astype(object).where(right.notna(), None),
                check_names=False,
                check_dtype=False,
            )
    engine.dispose()
    assert _schema_tables(loaded, "safe_quarantine") == sorted(policy.table_names)


def test_wrong_password_is_one_line_and_writes_nothing(
    loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = loaded.replace(":throwaway-test-password@", ":not-the-password@")
    code = _build_database(wrong, "raw", wrong, "nothing_here", tmp_path)
    error = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(error) == 1
    assert error[0].startswith("safecohort: error: database postgresql+psycopg://safecohort:***@/postgres")
    assert error[0].endswith(": authentication failed for user 'safecohort'")
    assert "not-the-password" not in error[0]
    assert "nothing_here" not in _schemas(loaded)
    assert not (tmp_path / "audit" / "audit.json").exists()


def test_missing_table_is_one_line_and_writes_nothing(
    loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = _engine(loaded)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text("DROP SCHEMA IF EXISTS partial CASCADE; CREATE SCHEMA partial"))
        connection.execute(sqlalchemy.text("CREATE TABLE partial.patients AS SELECT * FROM raw.patients"))
    engine.dispose()
    code = _build_database(loaded, "partial", loaded, "never_written", tmp_path)
    error = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(error) == 1 and "missing: providers, encounters, labs, notes" in error[0]
    assert "never_written" not in _schemas(loaded)
    assert not (tmp_path / "audit" / "audit.json").exists()
