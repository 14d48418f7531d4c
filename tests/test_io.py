"""Tables through the real read_table / write_table path: nulls, text and types survive the trip."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from safecohort.cli import main
from safecohort.io import read_table, write_table


def test_empty_csv_cell_is_null_in_parquet(tmp_path: Path) -> None:
    source = tmp_path / "extract.csv"
    source.write_text("mrn,zip,note,fax\n00123,,seen today,\n00124,02139,,\n", encoding="utf-8")
    frame, _ = read_table(source)

    written = write_table(frame, tmp_path / "out.parquet")
    table = pq.read_table(written)

    assert table.column("zip").to_pylist() == [None, "02139"]
    assert table.column("note").to_pylist() == ["seen today", None]
    assert table.column("mrn").to_pylist() == ["00123", "00124"]  # leading zeros kept as text
    assert table.column("fax").to_pylist() == [None, None]
    assert not pa.types.is_floating(table.schema.field("fax").type)  # an empty text column is not numbers


def test_mixed_object_column_is_text_and_nulls_stay_null(tmp_path: Path) -> None:
    frame = pd.DataFrame({"value": pd.Series(["a", 1, 1.5, None, float("nan"), pd.NA], dtype=object)})

    table = pq.read_table(write_table(frame, tmp_path / "mixed.parquet"))

    assert table.column("value").to_pylist() == ["a", "1", "1.5", None, None, None]


def test_a_build_whose_outputs_cannot_all_be_written_leaves_none_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outputs are staged and moved into place together: when one cannot be written (a folder stands
    where audit.html goes), the data, the quarantine and audit.json are not left behind either."""
    source = tmp_path / "extract.csv"
    pd.DataFrame({"visit": [f"V{i:05d}" for i in range(30)], "glucose": list(range(80, 110))}).to_csv(
        source, index=False
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "version: 1\ninstitution: Output test\ncolumns:\n"
        "  visit: {phi: identifier, action: drop}\n  glucose: {type: int}\n"
    )
    out = tmp_path / "out"
    (out / "audit.html").mkdir(parents=True)
    code = main(["build", str(source), "--policy", str(policy), "--out", str(out), "--quiet"])
    assert code == 2 and "audit.html" in capsys.readouterr().err
    left = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert left == ["audit.html", "audit.log.jsonl"]
