"""Value shapes of a column (names, places, row keys, free text) and the verdicts they lead to."""

from __future__ import annotations

import pandas as pd
import pytest

from safecohort.detect.columns import classify_column, is_person_name


@pytest.mark.parametrize(
    "value",
    [
        "Rena430",
        "Hugo693 Ávila241",
        "WEST, CLAUDIA",
        "dr. kenji nakamura",
        "Okafor, Amara J.",
        "Søren Lindqvist MD",
    ],
)
def test_person_names_in_the_shapes_extracts_hold(value: str) -> None:
    assert is_person_name(value)


@pytest.mark.parametrize("value", ["General Practice", "Colonoscopy", "Oral Tablet", "Stroke"])
def test_clinical_words_are_no_person_names(value: str) -> None:
    assert not is_person_name(value)


def test_a_category_of_listed_surnames_is_no_column_of_names() -> None:
    # "white" and "black" are listed surnames; two of five values are no column of names.
    race = pd.Series(["white", "black", "asian", "native", "other"] * 40)
    profile = classify_column(race, "col_3")
    assert profile.phi is None and profile.keep_reason == "category of 5 values"


def test_free_text_is_found_whatever_the_column_is_called() -> None:
    notes = pd.Series(
        [f"Called patient on day {i}, left a message with the daughter to call back." for i in range(50)]
    )
    profile = classify_column(notes, "col_17")
    assert (profile.phi, profile.inferred_type) == ("free_text", "text")


def test_a_run_of_repeated_lab_values_is_no_row_key() -> None:
    # Every glucose value from 60 to 399 occurs, many times each: consecutive, but no key of a row.
    glucose = pd.Series([str(60 + i % 340) for i in range(5_000)])
    assert classify_column(glucose, "col_9").phi is None
    row_keys = pd.Series([str(1_000 + i) for i in range(500)])
    assert classify_column(row_keys, "col_9").phi == "identifier"
