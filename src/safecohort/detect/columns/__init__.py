"""Structured columns: which hold identifiers, which leak them, and a policy draft for an extract.

- :mod:`.vocabulary` and :mod:`.names`: column names split into canonical words and read as a PHI kind.
- :mod:`.values`: what a column's values look like (identifier patterns, names, places, coordinates,
  codes, numbers, free text), as shares of rows, never the values.
- :mod:`.classify`: the fail-closed verdict per column (:class:`ColumnProfile`).
- :mod:`.leaks`: the build's guard on the columns a policy keeps.
- :mod:`.draft`: :func:`suggest_policy`, a commented policy YAML that loads and builds as written.

Nothing here returns, logs or raises a cell value: profiles and reports hold names, kinds and counts.
"""

from safecohort.detect.columns.classify import (
    DEFAULT_SAMPLE_ROWS,
    PHI_THRESHOLD,
    ColumnProfile,
    Profile,
    classify_column,
    classify_columns,
)
from safecohort.detect.columns.draft import suggest_policy
from safecohort.detect.columns.leaks import LeakColumn, LeakReport, check_leaks
from safecohort.detect.columns.names import name_words
from safecohort.detect.columns.values import LEAK_ENTITIES, ColumnScan, is_person_name, scan_column

__all__ = [
    "DEFAULT_SAMPLE_ROWS",
    "LEAK_ENTITIES",
    "PHI_THRESHOLD",
    "ColumnProfile",
    "ColumnScan",
    "LeakColumn",
    "LeakReport",
    "Profile",
    "check_leaks",
    "classify_column",
    "classify_columns",
    "is_person_name",
    "name_words",
    "scan_column",
    "suggest_policy",
]
