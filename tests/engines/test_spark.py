"""The Spark engine on a real local Spark: the pandas engine's output, errors and files, no mocks.

The acceptance check of issue 15 (marked ``bench``: about a minute of Spark on an idle 2-core machine,
more than `make test` can give it; `make bench` and `.ci/run` run it): ``build --engine spark
--spark-master local[2]`` on the whole demo extract writes the data, quarantine and report counts the
pandas engine writes (``safecohort demo``, the session's ``demo_build``), row for row after sorting by
the hashed encounter id, with the same key. `make test` runs the same comparisons on the demo's first 300
rows, through the library and through the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

import safecohort
from safecohort.cli import main, packaged
from safecohort.errors import EngineError, PolicyError, SafecohortError, SchemaError
from safecohort.policy import load_policy

KEY = "encounter_id"  # hashed by the demo policy: the order both outputs are compared in


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY, kind="stable").reset_index(drop=True)


def _counts(report: dict[str, Any]) -> dict[str, Any]:
    """What must not depend on the engine: rows, reasons, findings, risk, checks (not timings, dates)."""
    return {
        "input_rows": report["input"]["rows"],
        "output": report["output"],
        "quarantine": report["quarantine"],
        "detection": report["detection"],
        "residual": report["residual"],
        "risk_k": report["risk"]["k"],
        "risk_suppressed": report["risk"]["suppressed"],
        "generalization": {k: v for k, v in report["generalization"].items() if k != "seconds"},
        "validation": {k: report["validation"][k] for k in ("rows_in", "rows_valid", "rows_quarantined")},
        "columns": report["columns"],
        "checks": report["checks"],
        "passed": report["passed"],
    }


@pytest.fixture(scope="module")
def spark_demo(spark: Any, demo_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``safecohort build --engine spark`` of the demo extract, with the key the demo build made."""
    out = tmp_path_factory.mktemp("spark-demo") / "out"
    demo = packaged("data/demo/encounters.csv")
    _build_cli(demo, out, demo_build / "demo.keys.json", "--engine", "spark", "--spark-master", "local[2]")
    return out


@pytest.mark.bench
def test_cli_spark_demo_data_equals_the_pandas_engines_row_for_row(
    spark_demo: Path, demo_build: Path
) -> None:
    pandas_data = pd.read_parquet(demo_build / "data.parquet")
    spark_data = pd.read_parquet(spark_demo / "data.parquet")
    assert len(spark_data) == len(pandas_data) > 3000
    assert not spark_data[KEY].str.startswith("E0").any()  # hashed, not the raw ids
    pd.testing.assert_frame_equal(_sorted(spark_data), _sorted(pandas_data))
    # Input order is kept as well, not only the set of rows.
    pd.testing.assert_frame_equal(spark_data, pandas_data)


@pytest.mark.bench
def test_cli_spark_demo_quarantine_equals_the_pandas_engines(spark_demo: Path, demo_build: Path) -> None:
    pandas_quarantine = pd.read_parquet(demo_build / "quarantine.parquet")
    spark_quarantine = pd.read_parquet(spark_demo / "quarantine.parquet")
    assert len(pandas_quarantine) > 0
    pd.testing.assert_frame_equal(spark_quarantine, pandas_quarantine)


@pytest.mark.bench
def test_cli_spark_demo_report_counts_equal_the_pandas_engines(spark_demo: Path, demo_build: Path) -> None:
    pandas_report = json.loads((demo_build / "audit.json").read_text())
    spark_report = json.loads((spark_demo / "audit.json").read_text())
    assert _counts(spark_report) == _counts(pandas_report)
    assert spark_report["input"]["digest"] == pandas_report["input"]["digest"]  # the file's bytes
    assert spark_report["output"]["digest"] == pandas_report["output"]["digest"]
    assert spark_report["detection"]["notes_scanned"] > 3000


@pytest.mark.bench
def test_cli_spark_demo_writes_the_pandas_engines_files_and_nothing_else(
    spark_demo: Path, demo_build: Path
) -> None:
    expected = {"data.parquet", "quarantine.parquet", "audit.json", "audit.html", "audit.log.jsonl"}
    assert {p.name for p in spark_demo.iterdir()} == expected
    assert {p.name for p in demo_build.iterdir()} == expected | {"demo.keys.json"}
    # staged_folder moved the set into place and removed its staging folder beside it
    assert [p.name for p in spark_demo.parent.iterdir()] == ["out"]
    assert "Demo Hospital" in (spark_demo / "audit.html").read_text()


@pytest.fixture(scope="module")
def slice_300(demo_frame: pd.DataFrame) -> pd.DataFrame:
    return demo_frame.iloc[:300].copy()


def test_build_returns_spark_dataframes_equal_to_the_pandas_build(
    spark: Any, slice_300: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path
) -> None:
    from pyspark.sql import DataFrame

    from safecohort.engines.spark import ROW, build

    expected = safecohort.build(slice_300, hipaa_policy_path, keys=session_keys)
    result = build(spark.createDataFrame(slice_300), hipaa_policy_path, keys=session_keys)
    try:
        assert isinstance(result.data, DataFrame) and isinstance(result.quarantine, DataFrame)
        assert result.data.columns == list(expected.data.columns)
        assert result.quarantine.columns == [ROW, *slice_300.columns, "_reasons"]
        data = result.to_pandas()
        pd.testing.assert_frame_equal(_sorted(data.data), _sorted(expected.data))
        pd.testing.assert_frame_equal(data.quarantine, expected.quarantine)
        assert result.data.count() == len(expected.data)
        got = json.loads(result.report.to_json())
        want = json.loads(expected.report.to_json())
        assert _counts(got) == _counts(want)
    finally:
        result.unpersist()


def _build_cli(input_path: Path, out: Path, keys: Path, *engine: str) -> None:
    args = ["build", str(input_path), "--policy", str(packaged("rules/hipaa_safe_harbor.yaml"))]
    args += ["--out", str(out), "--keys", str(keys), "--format", "parquet", "--quiet", *engine]
    assert main(args) == 0


def test_cli_spark_writes_the_pandas_engines_files(
    spark: Any, slice_300: pd.DataFrame, session_keys: Path, tmp_path: Path
) -> None:
    """The first 300 demo rows as a CSV file: `build --engine spark` writes the files `build` writes,
    with the same rows in the same order, the same quarantine and the same report counts."""
    extract = tmp_path / "extract.csv"
    slice_300.to_csv(extract, index=False)
    _build_cli(extract, tmp_path / "pandas", session_keys)
    _build_cli(extract, tmp_path / "spark", session_keys, "--engine", "spark", "--spark-master", "local[2]")
    names = {"data.parquet", "quarantine.parquet", "audit.json", "audit.html", "audit.log.jsonl"}
    assert {p.name for p in (tmp_path / "spark").iterdir()} == names
    assert {p.name for p in (tmp_path / "pandas").iterdir()} == names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extract.csv", "pandas", "spark"]  # staging gone
    for name in ("data.parquet", "quarantine.parquet"):
        pandas_rows = pd.read_parquet(tmp_path / "pandas" / name)
        assert len(pandas_rows) > 0
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "spark" / name), pandas_rows)
    pandas_report = json.loads((tmp_path / "pandas" / "audit.json").read_text())
    spark_report = json.loads((tmp_path / "spark" / "audit.json").read_text())
    assert _counts(spark_report) == _counts(pandas_report)
    assert spark_report["input"]["digest"] == pandas_report["input"]["digest"]


def _raised(call: Any) -> SafecohortError:
    with pytest.raises(SafecohortError) as caught:
        call()
    return caught.value


def test_a_missing_column_is_the_pandas_engines_error(
    spark: Any, slice_300: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path
) -> None:
    from safecohort.engines.spark import build

    frame = slice_300.drop(columns=["ssn"])
    expected = _raised(lambda: safecohort.build(frame, hipaa_policy_path, keys=session_keys))
    got = _raised(lambda: build(spark.createDataFrame(frame), hipaa_policy_path, keys=session_keys))
    assert type(got) is type(expected) is SchemaError
    assert str(got) == str(expected)
    assert "'ssn'" in str(got)


def test_a_bad_policy_raised_inside_a_spark_task_is_the_pandas_engines_error(
    spark: Any, slice_300: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, tmp_path: Path
) -> None:
    """min/max on a category column loads, and fails when validation builds its schema: on Spark that is
    inside an executor's task, and the driver raises it with the same class, text, path and line."""
    document = yaml.safe_load(hipaa_policy_path.read_text())
    document["columns"]["sex"]["checks"] = {"min": 1}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(document))
    policy = load_policy(bad)
    from safecohort.engines.spark import build

    expected = _raised(lambda: safecohort.build(slice_300, policy, keys=session_keys))
    got = _raised(lambda: build(spark.createDataFrame(slice_300), policy, keys=session_keys))
    assert type(got) is type(expected) is PolicyError
    assert str(got) == str(expected)
    assert (got.path, got.line) == (expected.path, expected.line) == ("columns.sex.checks.min", got.line)
    assert isinstance(got.line, int)


def test_an_empty_table_is_the_pandas_engines_error(
    spark: Any, slice_300: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path
) -> None:
    """No rows, so no batch reaches a task: the columns are checked on the driver, then min_rows fails."""
    from safecohort.engines.spark import build

    empty = slice_300.iloc[:0]
    expected = _raised(lambda: safecohort.build(empty, hipaa_policy_path, keys=session_keys))
    frame = spark.createDataFrame(empty, schema=spark.createDataFrame(slice_300).schema)
    got = _raised(lambda: build(frame, hipaa_policy_path, keys=session_keys))
    assert type(got) is type(expected) is SchemaError
    assert str(got) == str(expected)
    assert "min_rows" in str(got)
    missing = frame.drop("ssn")
    got = _raised(lambda: build(missing, hipaa_policy_path, keys=session_keys))
    assert type(got) is SchemaError and "'ssn'" in str(got)


def test_an_unexpected_task_error_is_one_engine_error_without_the_value(spark: Any) -> None:
    """Any other exception in a task keeps only its type: its message may quote a cell value."""
    from safecohort.engines.spark import _in_task, _spark_errors

    def fail(batches: Any) -> Any:
        with _in_task():
            for batch in batches:
                raise ValueError(f"cannot parse {batch['name'].iloc[0]!r}")
            yield from ()

    frame = spark.createDataFrame(pd.DataFrame({"name": ["Jane Q. Patient"]}))
    with pytest.raises(EngineError) as caught, _spark_errors("a test job"):
        frame.mapInPandas(fail, "name string").collect()
    assert "ValueError" in str(caught.value)
    assert "Jane" not in str(caught.value) and "\n" not in str(caught.value)


def _cli(args: list[str], env: dict[str, str], prelude: str = "") -> subprocess.CompletedProcess[str]:
    code = f"import sys\n{prelude}\nfrom safecohort.cli import main\nsys.exit(main({args!r}))"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _demo_args(out: Path, keys: Path) -> list[str]:
    return [
        "build",
        str(packaged("data/demo/encounters.csv")),
        "--policy",
        str(packaged("rules/hipaa_safe_harbor.yaml")),
        "--out",
        str(out),
        "--keys",
        str(keys),
        "--engine",
        "spark",
    ]


def test_without_java_the_cli_exits_2_with_one_line(tmp_path: Path, session_keys: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(tmp_path)  # an empty folder: no java
    done = _cli(_demo_args(tmp_path / "out", session_keys), env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("safecohort: error: the Spark engine needs a Java 17+ runtime")
    assert not (tmp_path / "out").exists()


def test_without_pyspark_the_cli_exits_2_with_one_line(tmp_path: Path, session_keys: Path) -> None:
    # `sys.modules[name] = None` makes `import name` raise ImportError: pyspark as if not installed.
    done = _cli(_demo_args(tmp_path / "out", session_keys), dict(os.environ), "sys.modules['pyspark'] = None")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "safecohort: error: the Spark engine needs pyspark, which is not installed: "
        "pip install 'safecohort[spark]'"
    ]


def test_the_spark_engine_refuses_a_folder_in_one_line(tmp_path: Path, session_keys: Path) -> None:
    code = main(
        [
            "build",
            str(packaged("data/demo_relational")),
            "--policy",
            str(packaged("rules/demo_relational.yaml")),
            "--out",
            str(tmp_path / "out"),
            "--keys",
            str(session_keys),
            "--engine",
            "spark",
        ]
    )
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_the_pandas_build_names_the_spark_entry_point_for_engine_spark(demo_frame: pd.DataFrame) -> None:
    # One clear safecohort error (not a bare ValueError) that says where the Spark engine is.
    with pytest.raises(EngineError, match=r"safecohort\.engines\.spark\.build"):
        safecohort.build(demo_frame.head(5), packaged("rules/hipaa_safe_harbor.yaml"), engine="spark")
