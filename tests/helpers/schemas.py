"""The labelled schema corpus (bench/data/schemas): column names of public healthcare data models with the
PHI kind each holds, read into empty typed frames and scored against the policy a draft writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from safecohort.detect.columns import suggest_policy
from safecohort.policy import parse_policy

SCHEMAS = Path(__file__).resolve().parents[2] / "bench" / "data" / "schemas"
_DTYPES = {
    "string": "object",
    "integer": "Int64",
    "float": "float64",
    "date": "datetime64[ns]",
    "datetime": "datetime64[ns]",
    "boolean": "boolean",
}


@dataclass
class FamilyScore:
    """How a family's drafts treat its labelled columns: identifiers protected, clinical columns kept."""

    family: str
    tables: int = 0
    identifiers: int = 0
    protected: int = 0
    clinical: int = 0
    kept: int = 0
    missed: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.protected / self.identifiers if self.identifiers else 1.0

    @property
    def retention(self) -> float:
        return self.kept / self.clinical if self.clinical else 1.0


def families() -> list[Path]:
    """The corpus files, one per schema family."""
    return sorted(SCHEMAS.glob("*.yaml"))


def empty_frame(columns: dict[str, dict[str, str]]) -> pd.DataFrame:
    """An empty frame with the declared types: what a database table or a Parquet schema shows."""
    return pd.DataFrame({name: pd.Series([], dtype=_DTYPES[spec["type"]]) for name, spec in columns.items()})


def score_family(path: Path) -> FamilyScore:
    """Draft a hipaa policy for every table of one family from its names and types alone, and score it."""
    corpus = yaml.safe_load(path.read_text(encoding="utf-8"))
    score = FamilyScore(family=corpus["family"])
    for table, columns in corpus["tables"].items():
        score.tables += 1
        policy = parse_policy(suggest_policy(empty_frame(columns), "hipaa"))
        for name, spec in columns.items():
            # A quasi-identifier with a hierarchy stays, generalised only as far as k needs, from a level
            # Safe Harbor allows (ZIP3, ages capped at 90+): kept if clinical, protected if an identifier.
            generalised = name in policy.hierarchies
            kept = policy.action_for(name).operator == "keep" or (generalised and spec["kind"] == "none")
            where = f"{table}.{name} ({spec['kind']})"
            if spec["kind"] == "none":
                score.clinical += 1
                score.kept += kept
                if not kept:
                    score.lost.append(where)
            else:
                score.identifiers += 1
                score.protected += not kept
                if kept:
                    score.missed.append(where)
    return score
