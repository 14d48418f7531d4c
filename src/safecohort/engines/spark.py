"""The build on Spark: the streaming build's per-batch functions mapped over Spark partitions.

Nothing here de-identifies. The two passes of :mod:`safecohort.passes` run unchanged inside
``mapInPandas``, on the executors' Python workers:

1. every row gets its position in the input (``_row``, as the pandas engine labels it);
2. pass 1 (:func:`~safecohort.passes.scan_batch`) runs per Arrow batch; each partition merges its
   batches' :class:`~safecohort.passes.FirstPass` states and returns one, pickled; the driver merges
   those and makes the plan (:func:`~safecohort.passes.plan_build`: uniqueness, conflicts, the
   k-anonymity search). The states are merged rather than recomputed with Spark aggregations because
   the merged state is then the pandas engine's to the bit (same digests, same class table, same
   search), and it is small: a row of counts per quasi-identifier class, plus 8-byte keyed digests per
   row only for ``unique`` and per-patient checks (never a value);
3. pass 2 (:func:`~safecohort.passes.process_batch`) runs per batch against the broadcast plan, with
   the process's one note scanner (:func:`safecohort.detect.text.get_scanner` caches it per Python
   worker process: built once, then reused for every batch that worker runs); its safe rows,
   quarantined rows and pickled :class:`~safecohort.passes.BatchStats` leave as one cached DataFrame,
   from which the safe data and the quarantine are selected;
4. the driver merges the statistics and writes the report (:func:`~safecohort.passes.stream_report`).

pyspark is an optional extra (``pip install 'safecohort[spark]'``) and needs a Java 17+ runtime; without
either, :class:`~safecohort.errors.EngineError` says so in one line. A task's failure reaches the caller
as the safecohort error the stage raised (same class, same message), or as an ``EngineError`` naming
only the exception's type: no traceback, which might quote a value, leaves a task.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from safecohort import errors
from safecohort.builder import (
    BatchSink,
    BuildResult,
    FrameDigest,
    Progress,
    one_table_policy,
    raise_unless_passed,
)
from safecohort.detect.text import NoteScanner, get_scanner
from safecohort.errors import EngineError, InputError, SafecohortError, SafetyCheckError
from safecohort.io import InputInfo, sha256_file
from safecohort.passes import (
    BatchOutput,
    BatchStats,
    BuildContext,
    BuildPlan,
    FirstPass,
    plan_build,
    process_batch,
    scan_batch,
    stream_report,
)
from safecohort.policy import Policy
from safecohort.report.audit import AuditReport
from safecohort.transform import Keyring
from safecohort.validate import REASONS_COLUMN, check_columns

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

SPARK_EXTRA = "pip install 'safecohort[spark]'"
LOCALHOST = "127.0.0.1"
#: The quarantine's column holding each row's position in the input (the pandas engine's row label).
ROW = "_row"
# Internal columns of the pass-2 output (names no policy column can take: policies name real columns).
_POSITION = "__safecohort_position"
_KIND = "__safecohort_kind"
_STATS = "__safecohort_stats"
_SAFE, _QUARANTINED, _STATISTICS = 0, 1, 2
#: Rows per partition at most when the engine repartitions an input: the driver reads the output back
#: one partition at a time, so this bounds its memory.
PARTITION_ROWS = 100_000
#: Rows of the input the driver runs pass 2 on first, to learn the output's column types.
SCHEMA_SAMPLE_ROWS = 200


# --- the session -----------------------------------------------------------------------------------------


def _require_pyspark() -> None:
    """Fail with one line when pyspark is not installed (it is an optional extra)."""
    try:
        import pyspark  # noqa: F401  # lazy: an optional, heavy dependency (module note)
    except ImportError:
        raise EngineError(f"the Spark engine needs pyspark, which is not installed: {SPARK_EXTRA}") from None


def _require_java() -> None:
    """Fail with one line when no Java runtime is reachable (Spark's driver is a JVM)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK):
        return
    if shutil.which("java") is None:
        raise EngineError(
            "the Spark engine needs a Java 17+ runtime: no `java` on PATH and JAVA_HOME is not set "
            "(install one, e.g. Debian's openjdk-17-jre-headless)"
        )


def local_session(master: str = "local[*]", *, memory: str = "4g") -> SparkSession:
    """A Spark session for this process (``getOrCreate``: an active session is reused as it is).

    The driver binds to 127.0.0.1 only and its web UI is off; Python workers run this interpreter
    (``PYSPARK_PYTHON``), so they import the same safecohort; what Spark spills or shuffles to its local
    folders (raw rows among them) is encrypted (``spark.io.encryption.enabled``); the JVM logs errors
    only and no task's traceback (engines/log4j2.properties), since a traceback may quote a value.
    ``memory``: the driver JVM's heap, which in local mode also holds the executors' cached rows (Spark's
    default of 1g runs out on a million rows).
    """
    _require_pyspark()
    _require_java()
    from pyspark.errors import PySparkException  # lazy: optional dependency (module note)
    from pyspark.sql import SparkSession  # lazy: optional dependency (module note)

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", LOCALHOST)
    logging = resources.files("safecohort.engines").joinpath("log4j2.properties")
    builder = (
        SparkSession.builder.master(master)
        .appName("safecohort")
        .config("spark.driver.memory", memory)
        .config("spark.driver.host", LOCALHOST)
        .config("spark.driver.bindAddress", LOCALHOST)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.io.encryption.enabled", "true")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{logging}")
    )
    try:
        session = builder.getOrCreate()
    except (PySparkException, OSError, RuntimeError) as exc:
        # pyspark's messages name the failure (JAVA_GATEWAY_EXITED, ...), never data: none is read yet.
        raise EngineError(f"Spark did not start on {master}: {type(exc).__name__}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


# --- errors across the task boundary ---------------------------------------------------------------------

_MARK = re.compile(r"<safecohort-error>(.*?)</safecohort-error>", re.DOTALL)


class _TaskFailure(Exception):
    """What a task raises: a safecohort error's class and message, marked so the driver can find them."""


@contextmanager
def _in_task() -> Iterator[None]:
    """Turn any error of a task into a :class:`_TaskFailure` without context (``from None``).

    A safecohort error keeps its class, message and plain attributes (a policy error's path and line):
    they name columns and checks, never values. Any other exception keeps only its type's name, since
    its message may quote a value.
    """
    try:
        yield
    except SafecohortError as exc:
        plain = {k: v for k, v in vars(exc).items() if isinstance(v, str | int | None)}
        raise _TaskFailure(_marked(type(exc).__name__, str(exc), plain)) from None
    except Exception as exc:
        message = f"a Spark task failed with {type(exc).__name__} (its message is withheld: it may hold data)"
        raise _TaskFailure(_marked("EngineError", message, {})) from None


def _marked(name: str, message: str, attributes: dict[str, Any]) -> str:
    raised = json.dumps({"type": name, "message": message, "attributes": attributes})
    return f"<safecohort-error>{raised}</safecohort-error>"


@contextmanager
def _spark_errors(stage: str) -> Iterator[None]:
    """Raise a failed Spark job as the safecohort error its task raised, or as one ``EngineError`` line."""
    from py4j.protocol import Py4JError  # lazy: optional dependency (module note)
    from pyspark.errors import PySparkException  # lazy: optional dependency (module note)

    try:
        yield
    except (PySparkException, Py4JError) as exc:
        found = _MARK.findall(str(exc))
        if found:
            raised = json.loads(found[-1])
            cls = getattr(errors, raised["type"], None)
            if isinstance(cls, type) and issubclass(cls, SafecohortError):
                # The class and text as raised (some classes' __init__ would prefix the text again).
                error = cls.__new__(cls)
                Exception.__init__(error, raised["message"])
                vars(error).update(raised["attributes"])
                raise error from None
        raise EngineError(f"Spark failed during {stage} ({type(exc).__name__})") from None


# --- rows and their positions ----------------------------------------------------------------------------


def read_input(session: SparkSession, path: str | Path) -> tuple[DataFrame, InputInfo]:
    """A CSV (every cell as text, an empty cell as null, as :func:`safecohort.io.read_table` reads it) or
    Parquet table as a Spark DataFrame, with the digest of the file's bytes for the audit."""
    from pyspark.sql import functions as F  # lazy: optional dependency (module note)

    file = Path(path)
    suffix = file.suffix.lower()
    if not file.is_file():
        raise InputError(f"input file not found: {file}")
    with _spark_errors(f"reading {file.name}"):
        if suffix == ".csv":
            frame = session.read.csv(
                str(file), header=True, inferSchema=False, multiLine=True, escape='"', mode="FAILFAST"
            )
            frame = frame.select(
                [F.when(F.col(c) == "", None).otherwise(F.col(c)).alias(c) for c in frame.columns]
            )
            kind = "csv"
        elif suffix in (".parquet", ".pq"):
            frame, kind = session.read.parquet(str(file)), "parquet"
        else:
            raise InputError(f"unsupported table format '{suffix}' for {file.name}: use .csv or .parquet")
    return frame, InputInfo(name=file.name, format=kind, digest=sha256_file(file))


def _positioned(frame: DataFrame) -> DataFrame:
    """``frame`` with each row's position (0, 1, ...) in partition order, cached, each partition's rows
    in order; an input of fewer partitions than Spark runs tasks at once, or than one per
    :data:`PARTITION_ROWS` rows, is range-partitioned on the position (a CSV with quoted line breaks is
    read as one partition)."""
    from pyspark import StorageLevel  # lazy: optional dependency (module note)
    from pyspark.sql import functions as F  # lazy: optional dependency (module note)

    # monotonically_increasing_id is the partition index in the upper bits and the row's place in its
    # partition in the lower 33; a position is the rows of the partitions before it plus that place.
    tagged = frame.withColumn(_POSITION, F.monotonically_increasing_id()).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    partition = F.shiftright(F.col(_POSITION), 33)
    counts = {int(p): int(n) for p, n in tagged.groupBy(partition.alias("p")).count().collect()}
    offsets: dict[int, int] = {}
    total = 0
    for index in sorted(counts):
        offsets[index], total = total, total + counts[index]
    start = F.lit(0)
    for index, offset in offsets.items():
        start = F.when(partition == index, F.lit(offset)).otherwise(start)
    local = F.col(_POSITION).bitwiseAND(F.lit((1 << 33) - 1))
    positioned = tagged.withColumn(_POSITION, (start + local).cast("long"))
    wanted = max(frame.sparkSession.sparkContext.defaultParallelism, -(-total // PARTITION_ROWS))
    if positioned.rdd.getNumPartitions() < wanted and total > 1:
        positioned = positioned.repartitionByRange(min(wanted, total), _POSITION)
    positioned = positioned.sortWithinPartitions(_POSITION).persist(StorageLevel.MEMORY_AND_DISK)
    positioned.count()
    tagged.unpersist()
    return positioned


def _batches(batches: Iterator[pd.DataFrame]) -> Iterator[tuple[pd.DataFrame, int]]:
    """Each Arrow batch of a partition labelled with its rows' positions, and its first position."""
    for batch in batches:
        positions = batch.pop(_POSITION).to_numpy(dtype=np.int64)
        if not len(positions):
            continue
        offset = int(positions[0])
        if int(positions[-1]) - offset != len(positions) - 1:
            raise EngineError("a batch's rows are not consecutive in the input: repartitioned out of order")
        yield batch.set_axis(pd.RangeIndex(offset, offset + len(positions))), offset


# --- the passes on the executors -------------------------------------------------------------------------


def _first_pass(
    policy: Policy, keyring: Keyring | None, context: BuildContext
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        with _in_task():
            state = FirstPass()
            for batch, offset in _batches(batches):
                state.merge(scan_batch(batch, policy, keyring, context, offset))
            yield pd.DataFrame({_STATS: [pickle.dumps(state)]})

    return run


@dataclass(frozen=True)
class _Layout:
    """The pass-2 output's columns: kind, position, the safe columns, the raw quarantined columns with
    their reasons, and the statistics; with the Spark types and pandas dtypes of the safe columns."""

    safe: list[str]
    quarantine: list[str]
    safe_types: list[DataType]
    quarantine_types: list[DataType]
    safe_dtypes: dict[str, str]

    @property
    def names(self) -> list[str]:
        return [
            _KIND,
            _POSITION,
            *(f"s{i}" for i in range(len(self.safe))),
            *(f"q{i}" for i in range(len(self.quarantine))),
            REASONS_COLUMN,
            _STATS,
        ]

    def schema(self) -> StructType:
        from pyspark.sql import types as T  # lazy: optional dependency (module note)

        types = [
            T.ByteType(),
            T.LongType(),
            *self.safe_types,
            *self.quarantine_types,
            T.StringType(),
            T.BinaryType(),
        ]
        return T.StructType([T.StructField(n, t, True) for n, t in zip(self.names, types, strict=True)])

    def batch(self, wide: pd.DataFrame) -> BatchOutput:
        """Rows of this layout back as a batch of the pandas engine: the safe rows with its dtypes, the
        quarantined ones labelled by their positions (statistics rows are not read here)."""
        kinds = wide[_KIND].to_numpy()
        safe = wide.loc[kinds == _SAFE, [f"s{i}" for i in range(len(self.safe))]]
        safe = safe.set_axis(self.safe, axis=1).astype(self.safe_dtypes).reset_index(drop=True)
        rows = wide.loc[kinds == _QUARANTINED]
        quarantine = rows[[*(f"q{i}" for i in range(len(self.quarantine))), REASONS_COLUMN]]
        quarantine = quarantine.set_axis([*self.quarantine, REASONS_COLUMN], axis=1)
        quarantine = quarantine.set_axis(pd.Index(rows[_POSITION].to_numpy(dtype=np.int64)), axis=0)
        return BatchOutput(safe=safe, quarantine=quarantine, stats=BatchStats())

    def rows(self, output: BatchOutput, offset: int) -> pd.DataFrame:
        """One batch's safe and quarantined rows as rows of this layout."""
        safe = output.safe.reindex(columns=self.safe)
        safe.columns = [f"s{i}" for i in range(len(self.safe))]
        safe = safe.assign(**{_KIND: _SAFE, _POSITION: np.arange(offset, offset + len(safe), dtype=np.int64)})
        quarantine = output.quarantine.reindex(columns=[*self.quarantine, REASONS_COLUMN])
        quarantine.columns = [*(f"q{i}" for i in range(len(self.quarantine))), REASONS_COLUMN]
        quarantine = quarantine.assign(
            **{_KIND: _QUARANTINED, _POSITION: output.quarantine.index.to_numpy(dtype=np.int64)}
        )
        parts = [p for p in (safe, quarantine) if len(p)] or [safe]
        return self._filled(pd.concat(parts, ignore_index=True))

    def statistics(self, stats: BatchStats) -> pd.DataFrame:
        """A partition's merged statistics as one row of this layout."""
        row = pd.DataFrame({_KIND: [_STATISTICS], _POSITION: [-1], _STATS: [pickle.dumps(stats)]})
        return self._filled(row)

    def _filled(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with every column of the layout, in order; a column it lacks is null (as objects:
        Arrow cannot turn a float NaN column into binary)."""
        missing = [c for c in self.names if c not in frame.columns]
        nulls = pd.DataFrame({c: pd.Series(None, index=frame.index, dtype=object) for c in missing})
        return pd.concat([frame, nulls], axis=1)[self.names]


def _second_pass(
    plan: Any, policy: Policy, keyring: Keyring | None, layout: _Layout
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        with _in_task():
            scanner = _task_scanner(policy)
            the_plan: BuildPlan = pickle.loads(plan.value)
            # The statistics merge here, per partition: each batch's carries its rows as candidates for
            # the sample, which the merge trims; the driver then merges one state per partition.
            stats = BatchStats()
            for batch, offset in _batches(batches):
                output = process_batch(batch, the_plan, policy, keyring, scanner, offset)
                stats.merge(output.stats)
                yield layout.rows(output, offset)
            yield layout.statistics(stats)

    return run


def _task_scanner(policy: Policy) -> NoteScanner | None:
    """The worker process's note scanner: :func:`get_scanner` builds it on first use and caches it in
    the process (module-level), so each Python worker loads the model once for every task it runs.

    It scans in the worker's own process (``workers: 1``): Spark already runs one task per core, and a
    pool of scanning processes under each task would put two processes on every core (on the driver,
    forking beside the JVM gateway's threads is avoided too). Findings do not depend on the number of
    processes.
    """
    if not policy.notes.columns:
        return None
    return get_scanner(policy.model, policy.notes.model_copy(update={"workers": 1}))


def _spark_type(values: pd.Series, column_type: str | None) -> DataType:
    """The Spark type of a safe column, from its pandas dtype (or, for a column the sample left empty,
    from the policy's type of the column it came from)."""
    from pyspark.sql import types as T  # lazy: optional dependency (module note)

    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return T.BooleanType()
    if pd.api.types.is_integer_dtype(dtype):
        return T.LongType()
    if pd.api.types.is_float_dtype(dtype):
        return T.DoubleType()
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return T.TimestampNTZType()
    if values.notna().any():
        return T.StringType()
    by_policy = {"int": T.LongType(), "float": T.DoubleType(), "bool": T.BooleanType()}
    return by_policy.get(column_type or "", T.StringType())


def _layout(
    sample: pd.DataFrame, plan: BuildPlan, policy: Policy, keyring: Keyring | None, raw: StructType
) -> _Layout:
    """The pass-2 layout, learnt by running pass 2 on the first rows here on the driver."""
    scanner = _task_scanner(policy)
    output = process_batch(sample, plan, policy, keyring, scanner, 0)
    safe = [str(c) for c in output.safe.columns]
    quarantine = [str(c) for c in output.quarantine.columns if c != REASONS_COLUMN]
    raw_types = {field.name: field.dataType for field in raw.fields}
    return _Layout(
        safe=safe,
        quarantine=quarantine,
        safe_types=[
            _spark_type(output.safe[c], policy.columns[c].type if c in policy.columns else None) for c in safe
        ],
        quarantine_types=[raw_types[c] for c in quarantine],
        safe_dtypes={c: str(output.safe[c].dtype) for c in safe},
    )


# --- the build -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SparkBuildResult:
    """The safe data and the quarantined raw rows (``_row``: the row's position in the input, then its
    raw values and ``_reasons``) as Spark DataFrames, in input order, and the audit report.

    Both are selected from one cached DataFrame (pass 2 ran once); :meth:`unpersist` releases it.
    """

    data: DataFrame
    quarantine: DataFrame
    report: AuditReport
    cached: DataFrame
    layout: _Layout

    def unpersist(self) -> None:
        """Release the cached rows behind ``data`` and ``quarantine``."""
        self.cached.unpersist()

    def outputs(self) -> Iterator[BatchOutput]:
        """The output one partition at a time, in input order, as the pandas engine's batches: safe rows
        with its dtypes, quarantined rows labelled by position (at least one, maybe empty; no stats)."""
        for wide in _partitions(self.cached.filter(self.cached[_KIND] != _STATISTICS)):
            yield self.layout.batch(wide)

    def to_pandas(self) -> BuildResult:
        """This result as the pandas engine's :class:`~safecohort.builder.BuildResult` (on the driver)."""
        outputs = list(self.outputs())
        data = pd.concat([o.safe for o in outputs], ignore_index=True)
        quarantine = pd.concat([o.quarantine for o in outputs])
        return BuildResult(data=data, quarantine=quarantine, report=self.report)


def _partitions(frame: DataFrame) -> Iterator[pd.DataFrame]:
    """A DataFrame's rows as pandas frames, one partition at a time, in partition order (at least one
    frame, empty for no rows). Each partition is its own job: meant for cached DataFrames."""
    from pyspark.sql import functions as F  # lazy: optional dependency (module note)

    yielded = False
    for index in range(frame.rdd.getNumPartitions()):
        with _spark_errors("collecting rows"):
            table = frame.filter(F.spark_partition_id() == index).toArrow()
        if table.num_rows or not yielded:
            yielded = True
            yield table.to_pandas()


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.progress:
            self.progress(f"{name}...")
        started = time.perf_counter()
        with _spark_errors(name):
            yield
        self.timings[name] = round(time.perf_counter() - started, 3)


def build(
    data: DataFrame,
    policy: Policy | str | Path,
    *,
    keys: Keyring | str | Path | None = None,
    input_info: InputInfo | None = None,
    progress: Progress | None = None,
) -> SparkBuildResult:
    """Build a Spark DataFrame under ``policy``, as :func:`safecohort.build` builds a pandas one.

    ``input_info``: what the audit records of the input (name, format, digest; :func:`read_input` gives
    it for a file). Raises the safecohort errors the pandas engine raises (a missing column, a bad
    policy, ...) and :class:`SafetyCheckError` (result attached as ``.result``) when the output misses
    the policy's checks. The report's output digest is computed on the driver over the safe rows in
    input order, one partition in memory at a time.
    """
    result = build_into(data, policy, keys=keys, input_info=input_info, progress=progress)
    try:
        raise_unless_passed(result.report)
    except SafetyCheckError as error:
        error.result = result  # type: ignore[attr-defined]
        raise
    return result


def build_into(
    data: DataFrame,
    policy: Policy | str | Path,
    *,
    keys: Keyring | str | Path | None = None,
    input_info: InputInfo | None = None,
    progress: Progress | None = None,
    sink: BatchSink | None = None,
) -> SparkBuildResult:
    """:func:`build` without raising on failed checks (``report.passed`` says), putting the output in
    ``sink`` partition by partition, in input order, as the pandas engine's stream build does: the CLI
    hands both engines the same file writer."""
    policy, keyring = one_table_policy(policy, keys, error=EngineError)
    from pyspark import StorageLevel  # lazy: optional dependency (module note)
    from pyspark.sql import functions as F  # lazy: optional dependency (module note)

    # The columns are checked here, before any task: an empty table has no batch to check them in.
    check_columns(pd.DataFrame(columns=data.columns), policy)
    timer = _Timer(progress)
    context = BuildContext.new()
    with timer.stage("positions"):
        positioned = _positioned(data)
    with timer.stage("pass 1 (validate, count classes)"):
        first = FirstPass()
        states = positioned.mapInPandas(_first_pass(policy, keyring, context), f"{_STATS} binary")
        # collect, not toLocalIterator: that runs one partition at a time (a state per partition is small)
        for row in states.collect():
            first.merge(pickle.loads(row[_STATS]))
    with timer.stage("plan (uniqueness, conflicts, k-anonymity search)"):
        plan = plan_build(first, policy, context)
        del first
        first_rows = positioned.filter(F.col(_POSITION) < SCHEMA_SAMPLE_ROWS).toArrow().to_pandas()
        sample = first_rows.sort_values(_POSITION).drop(columns=_POSITION).reset_index(drop=True)
        layout = _layout(sample, plan, policy, keyring, positioned.drop(_POSITION).schema)
    with timer.stage("pass 2 (detect, transform)"):
        # Pickled here: pyspark's broadcast writer cannot take the out-of-band buffers pickle protocol 5
        # hands it for the plan's large numpy arrays (TypeError on PickleBuffer); bytes it can.
        shared = data.sparkSession.sparkContext.broadcast(pickle.dumps(plan))
        output = positioned.mapInPandas(_second_pass(shared, policy, keyring, layout), layout.schema())
        output = output.persist(StorageLevel.MEMORY_AND_DISK)
        output.count()  # runs pass 2 on every partition at once and caches it
        stats = BatchStats()
        # One partition's statistics in memory at a time (each holds up to SAMPLE_ROWS sample rows).
        for row in output.filter(F.col(_KIND) == _STATISTICS).select(_STATS).toLocalIterator():
            stats.merge(pickle.loads(row[_STATS]))
        positioned.unpersist()
        shared.unpersist()
    safe = output.filter(F.col(_KIND) == _SAFE).select(
        [F.col(f"s{i}").alias(c) for i, c in enumerate(layout.safe)]
    )
    quarantine = output.filter(F.col(_KIND) == _QUARANTINED).select(
        F.col(_POSITION).alias(ROW),
        *(F.col(f"q{i}").alias(c) for i, c in enumerate(layout.quarantine)),
        F.col(REASONS_COLUMN),
    )
    result = SparkBuildResult(safe, quarantine, AuditReport.model_construct(), output, layout)
    with timer.stage("collect" if sink is None else "write"):
        digest = FrameDigest()
        for batch in result.outputs():
            digest.update(batch.safe)
            if sink is not None:
                sink.write(batch)
    with timer.stage("report"):
        report = stream_report(
            stats,
            plan,
            policy,
            keyring,
            _task_scanner(policy),
            input_summary={
                "name": input_info.name if input_info else "<Spark DataFrame>",
                "digest": input_info.digest if input_info else "",
                "columns": [str(c) for c in data.columns],
            },
            output_digest=digest.hexdigest(),
            timings=timer.timings,
        )
    return SparkBuildResult(safe, quarantine, report, output, layout)
