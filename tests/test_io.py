"""Tables through the real read_table / write_table path: nulls, text and types survive the trip."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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
