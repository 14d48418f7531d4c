"""The streaming build: one code path for files and DataFrames, any batch size, nothing left behind by an
interrupted build, a progress bar only on a terminal, and its per-batch API (safecohort.passes)."""

from __future__ import annotations

import hashlib
import os
import pickle
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

import safecohort
from safecohort.builder import WriterSink, frame_batches, stream_build
from safecohort.io import BatchInput, TableWriter, staged_folder, write_table
from safecohort.passes import BuildContext, FirstPass, plan_build, scan_batch
from safecohort.policy import parse_policy
from safecohort.transform.crypto import Keyring

OUTPUTS = ("data.parquet", "quarantine.parquet", "audit.json", "audit.html")
SAFECOHORT = [sys.executable, "-m", "safecohort.cli"]


def _structured_policy(path: Path) -> safecohort.Policy:
    """The Safe Harbor policy without notes (the note column dropped): the structured build."""
    raw = yaml.safe_load(path.read_text())
    raw["columns"]["note"] = {"type": "text", "phi": "free_text", "action": "drop"}
    raw["notes"]["columns"] = []
    return parse_policy(yaml.safe_dump(raw))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_in_memory_build_in_small_batches_writes_the_demo_cli_output_byte_for_byte(
    demo_build: Path, demo_frame: pd.DataFrame, hipaa_policy_path: Path, tmp_path: Path
) -> None:
    # The CLI streamed the demo in one batch; the library builds the DataFrame in 9 batches of 400 rows.
    result = safecohort.build(
        demo_frame, hipaa_policy_path, keys=demo_build / "demo.keys.json", batch_rows=400
    )
    written = write_table(result.data, tmp_path / "data.parquet")
    assert written.read_bytes() == (demo_build / "data.parquet").read_bytes()
    report = result.report
    assert report.input["rows"] == report.output["rows"] + report.quarantine["rows"] == len(demo_frame)
    assert report.output["rows"] == len(result.data) and report.quarantine["rows"] == len(result.quarantine)


def test_cli_in_small_batches_matches_the_in_memory_build(
    demo_csv: Path, demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, tmp_path: Path
) -> None:
    policy = _structured_policy(hipaa_policy_path)
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(yaml.safe_dump(policy.model_dump(mode="json", exclude_none=True)))
    before = _sha256(demo_csv)
    out = tmp_path / "out"
    command = ["build", str(demo_csv), "--policy", str(policy_file), "--keys", str(session_keys)]
    assert (
        safecohort.cli.main(
            [*command, "--out", str(out), "--batch-rows", "300", "--format", "parquet", "--quiet"]
        )
        == 0
    )
    assert _sha256(demo_csv) == before  # the input is never modified
    in_memory = safecohort.build(demo_frame, policy_file, keys=session_keys)
    assert (
        write_table(in_memory.data, tmp_path / "data.parquet").read_bytes()
        == (out / "data.parquet").read_bytes()
    )
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    assert quarantine["_row"].tolist() == [str(i) for i in in_memory.quarantine.index]
    assert len(pd.read_parquet(out / "data.parquet")) + len(quarantine) == len(demo_frame)


def test_table_writer_gives_the_same_bytes_however_the_rows_are_batched(tmp_path: Path) -> None:
    frame = pd.DataFrame({"n": range(2_500), "text": [None if i % 7 else f"v{i}" for i in range(2_500)]})
    whole = TableWriter(tmp_path / "whole.parquet", row_group_rows=1_000)
    whole.write(frame)
    whole.close()
    pieces = TableWriter(tmp_path / "pieces.parquet", row_group_rows=1_000)
    for start, stop in ((0, 7), (7, 7), (7, 1_300), (1_300, 2_500)):  # the first batch has no text at all
        pieces.write(frame.iloc[start:stop])
    pieces.close()
    assert (tmp_path / "whole.parquet").read_bytes() == (tmp_path / "pieces.parquet").read_bytes()
    assert pd.read_parquet(tmp_path / "pieces.parquet").equals(frame)


def _failing_in_pass_two(source: BatchInput) -> BatchInput:
    """The same batches, but the second pass fails at its third batch (as a bad disk or a bug would)."""
    passes = 0

    def batches() -> Iterator[pd.DataFrame]:
        nonlocal passes
        passes += 1
        for number, batch in enumerate(source.batches()):
            if passes == 2 and number == 2:
                raise RuntimeError("disk failure")
            yield batch

    return BatchInput(batches=batches, info=source.info, rows=source.rows)


def test_an_exception_in_a_batch_leaves_no_output(
    demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path, tmp_path: Path
) -> None:
    policy = _structured_policy(hipaa_policy_path)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk failure"), staged_folder(out) as staging:
        sink = WriterSink(TableWriter(staging / "data.parquet"), TableWriter(staging / "quarantine.parquet"))
        source = _failing_in_pass_two(frame_batches(demo_frame, 500))
        stream_build(source, policy, Keyring.load(session_keys), sink, digest=sink.digest)
    assert sorted(os.listdir(tmp_path)) == ["out"]  # the staging folder is gone
    assert os.listdir(out) == []


@pytest.mark.parametrize("notes", [True, False], ids=["notes_one_process", "structured_two_workers"])
def test_sigint_to_a_running_build_leaves_no_output(
    notes: bool, demo_csv: Path, hipaa_policy_path: Path, session_keys: Path, tmp_path: Path
) -> None:
    policy_file = hipaa_policy_path
    if not notes:
        policy_file = tmp_path / "policy.yaml"
        policy = _structured_policy(hipaa_policy_path)
        policy_file.write_text(yaml.safe_dump(policy.model_dump(mode="json", exclude_none=True)))
    out = tmp_path / "out"
    command = [*SAFECOHORT, "build", str(demo_csv), "--policy", str(policy_file), "--keys", str(session_keys)]
    command += [
        "--out",
        str(out),
        "--batch-rows",
        "200" if notes else "50",
        "--workers",
        "1" if notes else "2",
    ]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        # Ctrl-C as on a terminal, even when this test runs in a shell's background job (which ignores it)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    lines = []
    try:
        for line in process.stderr:  # one line per stage, as stderr is a pipe
            lines.append(line)
            if "pass 2" in line:
                time.sleep(0.5)  # inside the second pass: batches are being written
                process.send_signal(signal.SIGINT)
                break
        code = process.wait(timeout=120)
        rest = process.stderr.read()
    finally:
        process.kill()  # never left running, whatever failed above
        process.wait()
    assert code == 130, [*lines, rest]
    assert "interrupted" in rest
    assert not [name for name in OUTPUTS if (out / name).exists()]
    assert [p.name for p in tmp_path.iterdir() if p.name != "policy.yaml"] == ["out"]  # no staging left


def _run_on_terminal(command: list[str]) -> str:
    """Run ``command`` with stderr (and stdout) on a pseudo-terminal; everything it printed."""
    main, replica = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    process = subprocess.Popen(command, stdout=replica, stderr=replica, env=env)
    os.close(replica)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    try:
        process.wait(timeout=120)
    finally:
        process.kill()
        process.wait()
        os.close(main)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_and_plain_lines_in_a_pipe(
    demo_csv: Path, hipaa_policy_path: Path, session_keys: Path, demo_frame: pd.DataFrame, tmp_path: Path
) -> None:
    policy = _structured_policy(hipaa_policy_path)
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(yaml.safe_dump(policy.model_dump(mode="json", exclude_none=True)))
    command = [*SAFECOHORT, "build", str(demo_csv), "--policy", str(policy_file)]
    command += ["--keys", str(session_keys), "--batch-rows", "500"]
    shown = _run_on_terminal([*command, "--out", str(tmp_path / "tty")])
    assert "\x1b[" in shown  # drawn with terminal control sequences
    assert "pass 2" in shown and "rows/s" in shown and f"{len(demo_frame):,} rows" in shown
    piped = subprocess.run([*command, "--out", str(tmp_path / "pipe")], capture_output=True, text=True)
    assert piped.returncode == 0
    assert "\x1b[" not in piped.stderr and "rows/s" not in piped.stderr
    stages = [line for line in piped.stderr.splitlines() if line.endswith("...")]
    assert [s.split(" (")[0] for s in stages] == [
        "safecohort: pass 1",
        "safecohort: plan",
        "safecohort: pass 2",
        "safecohort: report...",
    ]
    quiet = subprocess.run(
        [*command, "--out", str(tmp_path / "quiet"), "--quiet"], capture_output=True, text=True
    )
    assert quiet.returncode == 0 and "pass" not in quiet.stderr  # the closing summary line only
    # No cell value in what the bar showed: not one patient name of the extract.
    names = set(demo_frame["patient_name"].dropna())
    assert not [n for n in names if n in shown]


def test_first_pass_states_merge_in_any_order_and_pickle(
    demo_frame: pd.DataFrame, hipaa_policy_path: Path, session_keys: Path
) -> None:
    policy = _structured_policy(hipaa_policy_path)
    keyring = Keyring.load(session_keys)
    context = BuildContext.new()
    states = [
        scan_batch(demo_frame.iloc[start : start + 700], policy, keyring, context, start)
        for start in range(0, len(demo_frame), 700)
    ]
    forward, backward = FirstPass(), FirstPass()
    for state in states:
        forward.merge(pickle.loads(pickle.dumps(state)))
    for state in reversed(states):
        backward.merge(state)
    one = plan_build(forward, policy, context)
    other = pickle.loads(pickle.dumps(plan_build(backward, policy, context)))
    assert one.rows == other.rows == len(demo_frame)
    assert (one.class_digests == other.class_digests).all() and (one.suppressed == other.suppressed).all()
    assert one.generalization == other.generalization.model_copy(
        update={"seconds": one.generalization.seconds}
    )
