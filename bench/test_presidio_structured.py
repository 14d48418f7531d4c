"""The anchor ratio: presidio-structured and safecohort on the same 100,000 generated encounters.

presidio-structured (``pip install presidio-structured``, Microsoft's tabular companion of presidio)
detects each column's entity type on a sample of rows (``PandasAnalysisBuilder``) and then applies one
operator per detected column, cell by cell (``StructuredEngine`` over ``PandasDataProcessor``). It has no
validation, quarantine, k-anonymity, utility or audit, so it does less than a safecohort build; the
ratio is an anchor for speed, not a like-for-like comparison. Both run in this process on the same
frame (every cell text, as read from the CSV): safecohort's ``build`` under the HIPAA policy without
notes (one process, as presidio-structured has), presidio-structured with its default ``replace``
operator on every column it detects, its analysis on 1,000 sampled rows. Wall seconds, with the load
average; results in ``bench/results/build_scale.json`` (``presidio_structured_100000``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest

import safecohort
from extracts import encounters
from notes_phi import presidio_analyzer
from safecohort.transform.crypto import Keyring
from test_build_scale import record, structured_policy

ROWS = 100_000


@pytest.mark.bench
def test_presidio_structured_anchor(tmp_path: Path) -> None:
    structured = pytest.importorskip("presidio_structured")
    from presidio_anonymizer.entities import OperatorConfig

    frame = pd.concat(list(encounters(ROWS)))
    load = [round(x, 2) for x in os.getloadavg()]
    policy = structured_policy(tmp_path)
    keys = Keyring.generate(purpose="bench")

    started = time.perf_counter()
    built = safecohort.build(frame, policy, keys=keys)
    ours = time.perf_counter() - started

    analyzer = presidio_analyzer()
    started = time.perf_counter()
    analysis = structured.PandasAnalysisBuilder(analyzer=analyzer).generate_analysis(frame, n=1_000)
    engine = structured.StructuredEngine(data_processor=structured.PandasDataProcessor())
    theirs_frame = engine.anonymize(frame.copy(), analysis, operators={"DEFAULT": OperatorConfig("replace")})
    theirs = time.perf_counter() - started

    result = {
        "rows": ROWS,
        "safecohort_seconds": round(ours, 1),
        "safecohort_rows_out": len(built.data),
        "presidio_structured_seconds": round(theirs, 1),
        "presidio_structured_columns": sorted(analysis.entity_mapping),
        "ratio_presidio_over_safecohort": round(theirs / ours, 2),
        "load_average_before": load,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    record("presidio_structured_100000", result)
    assert len(theirs_frame) == ROWS
