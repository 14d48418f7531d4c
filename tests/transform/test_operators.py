"""The operator registry: one contract test for every operator, then each operator's own properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from safecohort.errors import KeyringError, PolicyError, TransformError
from safecohort.operator_specs import SPECS, NoParams
from safecohort.policy import Action, DateShiftSpec, Policy
from safecohort.transform.crypto import Keyring, fpe_decrypt_values, fpe_pattern
from safecohort.transform.operators import (
    REGISTRY,
    RESTRICTED_ZIP3,
    Operator,
    OperatorContext,
    build_operator,
    parse_clinical_date,
    patient_offsets,
    register,
    render_clinical_date,
)

FIXTURE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

# Parameters for the contract test; every registered operator must appear here.
EXAMPLE_PARAMS: dict[str, dict[str, object]] = {
    "keep": {},
    "drop": {},
    "redact": {},
    "suppress": {},
    "replace": {},
    "mask": {"keep_last": 2},
    "hash": {"length": 12},
    "encrypt": {},
    "pseudonym": {},
    "surrogate": {"kind": "name"},
    "date_shift": {},
    "generalize": {"method": "age_band"},
}
SAMPLE = ["Ana María", None, "2021-03-14", "12345", "☃ 東京", "", "12345", "94"]


def operator(name: str, **params: object) -> Operator:
    return build_operator(Action(operator=name, params=params))


def context(
    keyring: Keyring | None,
    values: pd.Series,
    *,
    entity: str | None = None,
    spec: DateShiftSpec | None = None,
) -> OperatorContext:
    ids = pd.Series([f"p{i % 3}" for i in range(len(values))], index=values.index, dtype=object)
    return OperatorContext(
        domain=f"notes.{entity}" if entity else "col",
        keyring=keyring,
        patient_ids=ids,
        date_shift=spec or DateShiftSpec(),
        entity_type=entity,
    )


def test_every_operator_has_contract_parameters() -> None:
    assert set(REGISTRY) == set(EXAMPLE_PARAMS)


def test_every_spec_has_one_implementation_and_every_implementation_a_spec() -> None:
    assert set(REGISTRY) == set(SPECS)
    for name, implementation in REGISTRY.items():
        spec = SPECS[name]
        assert implementation.spec is spec and implementation.Params is spec.params
        assert (implementation.needs_key, implementation.needs_patient_id) == (
            spec.needs_key,
            spec.needs_patient_id,
        )


def test_an_implementation_without_a_spec_is_refused() -> None:
    class Scramble(Operator[NoParams]):
        name = "scramble"

        def apply(self, values: pd.Series, ctx: OperatorContext) -> pd.Series:
            return values

    with pytest.raises(ValueError, match="no spec"):
        register(Scramble)
    assert "scramble" not in REGISTRY


@pytest.mark.parametrize("name", sorted(EXAMPLE_PARAMS))
@pytest.mark.parametrize("entity", [None, "PERSON"])
def test_operator_contract(name: str, entity: str | None, keyring: Keyring) -> None:
    op = operator(name, **EXAMPLE_PARAMS[name])
    assert op.name == name and isinstance(op.needs_key, bool) and isinstance(op.needs_patient_id, bool)
    values = pd.Series(SAMPLE, index=[10, 3, 7, 99, 5, 4, 11, 2], dtype=object, name="col")
    before = values.copy()
    ctx = context(keyring, values, entity=entity)
    out = op.apply(values, ctx)
    pd.testing.assert_series_equal(values, before)  # pure: the input is untouched
    assert out.index.equals(values.index) and len(out) == len(values)
    assert out.isna()[values.isna()].all(), "nulls stay null"
    again = op.apply(values.copy(), ctx)
    pd.testing.assert_series_equal(out, again)  # deterministic
    if entity is not None and name != "suppress":
        assert all(isinstance(v, str) for v in out[values.notna()]), "note spans become text"
    empty = op.apply(
        pd.Series([], dtype=object), context(keyring, pd.Series([], dtype=object), entity=entity)
    )
    assert len(empty) == 0
    every_null = pd.Series([None, None], dtype=object)
    assert op.apply(every_null, context(keyring, every_null, entity=entity)).isna().all()


@pytest.mark.parametrize("name", sorted(n for n, cls in REGISTRY.items() if cls.needs_key))
def test_keyed_operators_need_a_keyring(name: str) -> None:
    values = pd.Series(["x"])
    with pytest.raises(KeyringError, match=name):
        operator(name, **EXAMPLE_PARAMS[name]).apply(values, context(None, values))


@pytest.mark.parametrize("name", ["hash", "encrypt", "pseudonym"])
def test_keyed_outputs_differ_by_key_and_default_domain(name: str, keyring: Keyring) -> None:
    values = pd.Series(["1234567", "1234567", "7654321"])
    op = operator(name)
    out = op.apply(values, context(keyring, values))
    assert out[0] == out[1] != out[2]
    assert op.apply(values, context(Keyring.generate(), values))[0] != out[0]
    other = OperatorContext(domain="other", keyring=keyring)
    assert op.apply(values, other)[0] != out[0]
    shared = operator(name, domain="patient")
    assert shared.apply(values, other)[0] == shared.apply(values, context(keyring, values))[0]


def test_hash_length_and_alphabet(keyring: Keyring) -> None:
    out = operator("hash", length=20).apply(pd.Series(["a", 7, None]), context(keyring, pd.Series([0, 1, 2])))
    assert all(re.fullmatch(r"[0-9a-f]{20}", v) for v in out[:2]) and out[2] is None


@FIXTURE_SETTINGS
@given(values=st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_pseudonym_preserves_format_or_fails_closed(keyring: Keyring, values: list[str]) -> None:
    series = pd.Series(values, dtype=object)
    out = operator("pseudonym").apply(series, OperatorContext(domain="mrn", keyring=keyring))
    for original, pseudo in zip(values, out, strict=True):
        if fpe_pattern(original) is None:
            assert pseudo is None  # too few values of its format, or non-ASCII letters: never passed through
            continue
        assert len(pseudo) == len(original)
        for a, b in zip(original, pseudo, strict=True):
            if a.isdigit():
                assert b in "0123456789"
            elif a.isalpha():
                assert b.isascii() and b.isalpha() and (b.isupper() == a.isupper())
            else:
                assert a == b


def test_pseudonym_is_reversible_with_the_key(keyring: Keyring) -> None:
    values = pd.Series(["49788046", None, "AB-1234567", "49788046", "123"], index=[9, 8, 7, 6, 5])
    out = operator("pseudonym").apply(values, OperatorContext(domain="mrn", keyring=keyring))
    assert out[9] == out[6] != "49788046" and out[8] is None and out[5] is None
    assert re.fullmatch(r"\d{8}", out[9]) and re.fullmatch(r"[A-Z]{2}-\d{7}", out[7])
    assert fpe_decrypt_values(keyring, "mrn", [out[9], out[7]]) == ["49788046", "AB-1234567"]
    spans = operator("pseudonym").apply(
        pd.Series(["4978804", "12"]),
        OperatorContext(domain="notes.MRN", keyring=keyring, entity_type="MEDICAL_RECORD_NUMBER"),
    )
    assert spans[1] == "[MEDICAL_RECORD_NUMBER]" and re.fullmatch(r"\d{7}", spans[0])


def test_pseudonym_algorithm_parameter(keyring: Keyring) -> None:
    values = pd.Series(["49788046", "AB-1234567"])
    ctx = OperatorContext(domain="mrn", keyring=keyring)
    ff1 = operator("pseudonym").apply(values, ctx).tolist()
    ff3 = operator("pseudonym", algorithm="ff3-1").apply(values, ctx).tolist()
    assert operator("pseudonym", algorithm="ff1").apply(values, ctx).tolist() == ff1 != ff3
    assert fpe_decrypt_values(keyring, "mrn", ff3, algorithm="ff3-1") == values.tolist()
    assert fpe_decrypt_values(keyring, "mrn", ff1) == values.tolist()  # the key file says FF1
    with pytest.raises(PolicyError, match="parameter 'algorithm'"):
        build_operator(Action(operator="pseudonym", params={"algorithm": "ff3"}))
    # A key from before FF1 (its file records FF3-1) refuses FF1 rather than leave pseudonyms that
    # would later be read back with the wrong algorithm; FF3-1 by name still works with it.
    legacy = Keyring(
        [dataclasses.replace(keyring.info(keyring.active_id), pseudonym_scheme="ff3-1:v1")], keyring.active_id
    )
    with pytest.raises(KeyringError, match="predates FF1"):
        operator("pseudonym").apply(values, OperatorContext(domain="mrn", keyring=legacy))
    assert (
        operator("pseudonym", algorithm="ff3-1")
        .apply(values, OperatorContext(domain="mrn", keyring=legacy))
        .tolist()
        == ff3
    )


def test_redact_replace_suppress_mask(keyring: Keyring) -> None:
    values = pd.Series(["555-123-4567", None, "12"], index=[4, 5, 6])
    ctx = context(keyring, values)
    spans = context(keyring, values, entity="PHONE_NUMBER")
    assert operator("redact").apply(values, ctx).isna().all()
    assert operator("redact").apply(values, spans).tolist() == ["", None, ""]
    assert operator("suppress").apply(values, spans).isna().all()
    assert operator("replace").apply(values, ctx).tolist() == ["[REDACTED]", None, "[REDACTED]"]
    assert operator("replace").apply(values, spans).tolist() == ["[PHONE_NUMBER]", None, "[PHONE_NUMBER]"]
    assert operator("replace", value="<phone>").apply(values, spans).tolist() == ["<phone>", None, "<phone>"]
    assert operator("mask").apply(values, ctx).tolist() == ["********4567", None, "**"]
    assert operator("mask", keep_last=0, char="#").apply(values, ctx).tolist() == ["#" * 12, None, "##"]


# -- date shifting --------------------------------------------------------------------------------------


@FIXTURE_SETTINGS
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
        ),
        min_size=1,
        max_size=40,
    ),
    bounds=st.tuples(st.integers(1, 400), st.integers(0, 400)),
)
def test_date_shift_preserves_every_interval_within_a_patient(
    keyring: Keyring, rows: list[tuple[str, dt.date]], bounds: tuple[int, int]
) -> None:
    spec = DateShiftSpec(min_days=bounds[0], max_days=bounds[0] + bounds[1])
    ids = pd.Series([p for p, _ in rows], dtype=object)
    dates = pd.Series(pd.to_datetime([d for _, d in rows]))
    shifted = operator("date_shift").apply(
        dates, OperatorContext(domain="d", keyring=keyring, patient_ids=ids, date_shift=spec)
    )
    offsets = (shifted - dates).dt.days
    for _, group in offsets.groupby(ids):
        assert group.nunique() == 1  # one offset per patient: every interval survives
        assert spec.min_days <= abs(group.iloc[0]) <= spec.max_days


def test_date_shift_offsets_are_keyed_per_patient(keyring: Keyring) -> None:
    ids = np.array([f"patient-{i}" for i in range(400)] + [None], dtype=object)
    offsets = patient_offsets(keyring, ids, DateShiftSpec(min_days=1, max_days=30))
    assert np.isnan(offsets[-1])
    assert (offsets[:-1] != 0).all() and (np.abs(offsets[:-1]) <= 30).all()
    assert (offsets[:-1] > 0).any() and (offsets[:-1] < 0).any()
    assert not np.array_equal(patient_offsets(Keyring.generate(), ids, DateShiftSpec())[:-1], offsets[:-1])


def test_date_shift_fails_closed(keyring: Keyring) -> None:
    values = pd.Series(["03/14/2021", "yesterday", "2/30/2021", "03/15/2021"])
    ids = pd.Series(["p1", "p1", "p1", None])
    column = operator("date_shift").apply(
        values, OperatorContext(domain="d", keyring=keyring, patient_ids=ids)
    )
    assert column[0] is not None and column[1:].isna().all()
    spans = operator("date_shift").apply(
        values,
        OperatorContext(domain="notes.DATE_TIME", keyring=keyring, patient_ids=ids, entity_type="DATE_TIME"),
    )
    assert spans[1:].tolist() == ["[DATE]"] * 3


def test_date_shift_needs_dates_and_patient_ids(keyring: Keyring) -> None:
    with pytest.raises(TransformError, match="'age'"):
        operator("date_shift").apply(
            pd.Series([1, 2]),
            OperatorContext(domain="age", keyring=keyring, patient_ids=pd.Series(["a", "b"])),
        )
    with pytest.raises(TransformError, match="patient ids"):
        operator("date_shift").apply(pd.Series(["3/4/21"]), OperatorContext(domain="d", keyring=keyring))


FORMATS: list[Callable[[dt.date], str]] = [
    lambda d: f"{d:%m/%d/%Y}",
    lambda d: f"{d.month}/{d.day}/{d:%y}",
    lambda d: f"{d:%Y-%m-%d}",
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%d-%b-%Y}",
    lambda d: f"{d:%d %B %Y}",
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year} 10:30",
    lambda d: f"{d:%Y-%m-%d}T08:15:00Z",
    lambda d: f"{d:%b} {d.day} {d.year}".upper(),
    lambda d: f"{d:%b} {d:%d}, {d.year}",
]


@given(
    day=st.dates(dt.date(1950, 1, 1), dt.date(2049, 12, 31)),
    shift=st.integers(-365, 365).filter(bool),
    fmt=st.sampled_from(range(len(FORMATS))),
)
@example(day=dt.date(1950, 1, 1), shift=-1, fmt=1)  # a two-digit year shifted out of its century
@example(day=dt.date(2049, 12, 31), shift=1, fmt=1)
def test_shifted_date_text_keeps_its_format(day: dt.date, shift: int, fmt: int) -> None:
    render = FORMATS[fmt]
    new = day + dt.timedelta(days=shift)
    parsed = parse_clinical_date(render(day))
    assert parsed is not None and parsed.value == day
    rendered = render_clinical_date(parsed, new, shift)
    reparsed = parse_clinical_date(rendered)
    assert reparsed is not None and reparsed.value == new
    # Where the text cannot tell the style (is "May" full or short? was "10/10/00" padded?), any is right.
    # A two-digit year that leaves 1950-2049 is written with four digits (checked by the round trip above).
    assume(day.month != 5 and (fmt != 1 or day.month < 10 or day.day < 10) and (fmt != 10 or day.day < 10))
    assume(fmt != 1 or 1950 <= new.year <= 2049)
    assert rendered == render(new)


def test_dates_without_year_or_day() -> None:
    for text, shifted in [
        ("Mar 14", "Apr 23"),
        ("3/14", "4/23"),
        ("March 2021", "April 2021"),
        ("14 MAR", "23 APR"),
    ]:
        parsed = parse_clinical_date(text)
        assert parsed is not None
        assert render_clinical_date(parsed, parsed.value + dt.timedelta(days=40), 40) == shifted
    day_first = parse_clinical_date("14.03.2021")
    assert day_first is not None and day_first.value == dt.date(2021, 3, 14)  # 14 cannot be a month
    for text in ("yesterday", "2021", "13/13/2021", "3 days", "", "Monday"):
        assert parse_clinical_date(text) is None


# -- surrogates -------------------------------------------------------------------------------------------


@FIXTURE_SETTINGS
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["p1", "p2", "p3"]), st.sampled_from(["Ann Lee", "Bo Li"])), min_size=1
    )
)
def test_surrogates_are_consistent_per_patient_and_value(
    keyring: Keyring, rows: list[tuple[str, str]]
) -> None:
    ids = pd.Series([p for p, _ in rows], dtype=object)
    values = pd.Series([v for _, v in rows], dtype=object)
    ctx = OperatorContext(domain="name", keyring=keyring, patient_ids=ids)
    out = operator("surrogate", kind="name").apply(values, ctx)
    mapping: dict[tuple[str, str], str] = {}
    for key, surrogate in zip(rows, out, strict=True):
        assert mapping.setdefault(key, surrogate) == surrogate
        assert len(surrogate.split()) == 2 and surrogate not in ("Ann Lee", "Bo Li")
    # The same patient's same value gets the same surrogate in another call, column or note.
    elsewhere = OperatorContext(domain="notes.PERSON", keyring=keyring, patient_ids=ids, entity_type="PERSON")
    pd.testing.assert_series_equal(operator("surrogate", kind="name").apply(values, elsewhere), out)


@pytest.mark.parametrize(
    "kind",
    ["name", "first_name", "last_name", "street", "address", "city", "zip", "phone", "email", "hospital"],
)
def test_every_surrogate_kind(kind: str, keyring: Keyring) -> None:
    values = pd.Series(["SOME VALUE", "Some value", None])
    out = operator("surrogate", kind=kind).apply(values, OperatorContext(domain="c", keyring=keyring))
    assert isinstance(out[0], str) and out[0] and "\n" not in out[0] and out[2] is None
    assert out[0] != "SOME VALUE" and out[1] != "Some value"


def test_surrogate_without_patient_ids_is_seeded_by_value(keyring: Keyring) -> None:
    values = pd.Series(["Ann Lee", "Ann Lee", "Bo Li"])
    out = operator("surrogate", kind="name").apply(values, OperatorContext(domain="c", keyring=keyring))
    assert out[0] == out[1]


# -- generalisation --------------------------------------------------------------------------------------


@FIXTURE_SETTINGS
@given(zips=st.lists(st.from_regex(r"\d{5}(-\d{4})?", fullmatch=True), min_size=1, max_size=30))
def test_zip3_never_emits_a_restricted_prefix(keyring: Keyring, zips: list[str]) -> None:
    out = operator("generalize", method="zip3").apply(pd.Series(zips), OperatorContext(domain="zip"))
    for original, zip3 in zip(zips, out, strict=True):
        assert zip3[:3] not in RESTRICTED_ZIP3
        assert zip3 == ("00000" if original[:3] in RESTRICTED_ZIP3 else original[:3] + "00")


def test_zip3_from_numbers_and_junk() -> None:
    op = operator("generalize", method="zip3")
    assert op.apply(pd.Series([2134, 3601, None], dtype="Int64"), OperatorContext(domain="z")).tolist() == [
        "02100",
        "00000",
        None,
    ]
    assert op.apply(pd.Series(["abc", "12"]), OperatorContext(domain="z")).isna().all()
    spans = OperatorContext(domain="notes.ZIP_CODE", entity_type="ZIP_CODE")
    assert op.apply(pd.Series(["MA 02134", "none"]), spans).tolist() == ["MA 02100", "[ZIP_CODE]"]


@given(ages=st.lists(st.integers(0, 125), min_size=1))
def test_age_generalisation(ages: list[int]) -> None:
    values = pd.Series(ages, dtype="Int64")
    capped = operator("generalize", method="age_90").apply(values, OperatorContext(domain="age"))
    banded = operator("generalize", method="age_band").apply(values, OperatorContext(domain="age"))
    for age, cap, band in zip(ages, capped, banded, strict=True):
        assert cap == ("90+" if age >= 90 else str(age))
        if age >= 90:
            assert band == "90+"
        else:
            low, high = map(int, band.split("-"))
            assert low <= age <= high and high - low == 9


def test_age_over_89_spans_become_90_plus() -> None:
    spans = OperatorContext(domain="notes.AGE_OVER_89", entity_type="AGE_OVER_89")
    values = pd.Series(["94-year-old", "ninety-one", "92", "age 101"])
    for method in ("age_90", "age_band"):
        out = operator("generalize", method=method).apply(values, spans)
        assert out.tolist() == ["90+-year-old", "90+", "90+", "age 90+"]


def test_bucket_year_month() -> None:
    ctx = OperatorContext(domain="c")
    assert operator("generalize", method="bucket", width=5).apply(
        pd.Series([0, 7, 14, None], dtype="Int64"), ctx
    ).tolist() == [0, 5, 10, pd.NA]
    assert operator("generalize", method="bucket", width=5).apply(pd.Series([7.5]), ctx).tolist() == [5.0]
    dates = pd.Series(pd.to_datetime(["2021-03-14", None]))
    assert operator("generalize", method="year").apply(dates, ctx).tolist() == [2021, pd.NA]
    assert operator("generalize", method="month").apply(dates, ctx).tolist() == ["2021-03", None]
    text = pd.Series(["March 14, 2021", "Mar 14", "1999"])
    assert operator("generalize", method="year").apply(text, ctx).tolist() == [2021, pd.NA, 1999]
    spans = OperatorContext(domain="notes.DATE_TIME", entity_type="DATE_TIME")
    assert operator("generalize", method="year").apply(text, spans).tolist() == ["2021", "[DATE]", "1999"]
    assert operator("generalize", method="month").apply(text, spans).tolist() == [
        "2021-03",
        "[DATE]",
        "[DATE]",
    ]
    with pytest.raises(TransformError, match="'c'"):
        operator("generalize", method="year").apply(pd.Series([1.5]), ctx)


# -- building and checking from a policy ------------------------------------------------------------------


def test_build_operator_rejects_unknown_names_and_parameters() -> None:
    with pytest.raises(PolicyError, match="unknown operator 'scramble'"):
        build_operator(Action(operator="scramble"))
    with pytest.raises(PolicyError, match="parameter 'length'"):
        build_operator(Action(operator="hash", params={"length": 4}))
    with pytest.raises(PolicyError, match="parameter 'colour': unknown parameter"):
        build_operator(Action(operator="mask", params={"colour": "red"}))
    with pytest.raises(PolicyError, match="locale"):
        build_operator(Action(operator="surrogate", params={"kind": "name", "locale": "xx_XX"}))


NOTE = "pid: {}\nnote: {type: text}"
NOTES = "notes:\n  columns: [note]\n"


@pytest.mark.parametrize(
    ("columns", "extra", "patient_id", "path", "message"),
    [
        ("pid: {action: {operator: hash, length: 99}}", "", "pid", "columns.pid.action.length", "less than"),
        ("pid: {}\nd: {type: date, action: date_shift}", "", None, "columns.d.action", "patient_id"),
        ("pid: {}\na: {type: int, action: {operator: generalize, method: year}}", "", "pid",
         "columns.a.action", "int column"),
        ("pid: {}\nn: {type: int, action: date_shift}", "", "pid", "columns.n.action", "date_shift needs"),
        ("pid: {}\nx: {action: scan}", "", "pid", "columns.x.action", "only applies to notes columns"),
        (NOTE, NOTES + "  entities: {PERSON: scan}\n", "pid", "notes.entities.PERSON", "notes column"),
        (NOTE, NOTES + "  default_action: drop\n", "pid", "notes.default_action", "redact"),
        (NOTE, NOTES + "  entities: {PERSON: {operator: nope}}\n", "pid", "notes.entities.PERSON",
         "unknown operator"),
    ],
)  # fmt: skip
def test_check_names_path_and_line(
    make_policy: Callable[..., Policy],
    columns: str,
    extra: str,
    patient_id: str | None,
    path: str,
    message: str,
) -> None:
    with pytest.raises(PolicyError) as info:
        make_policy(columns, extra, patient_id)
    assert info.value.path == path
    assert message in str(info.value)
    assert info.value.line is not None


def test_valid_policy_passes_check(make_policy: Callable[..., Policy]) -> None:
    policy = make_policy(
        """
        pid: {phi: identifier, action: {operator: hash, domain: patient}}
        d: {type: date, phi: date, action: date_shift}
        note: {type: text, phi: free_text}
        """,
        "notes:\n  columns: [note]\n  entities:\n    DATE_TIME: date_shift\n    AGE_OVER_89: drop\n",
    )
    assert policy.action_for("note").operator == "scan"
