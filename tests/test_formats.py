"""Named value formats: one check per format the policy can name, and the check digits of NPI and LOINC."""

from __future__ import annotations

import pandas as pd
import pytest

from safecohort.formats import FORMATS
from safecohort.policy import NAMED_FORMATS


def test_every_named_format_has_a_check() -> None:
    assert set(FORMATS) == set(NAMED_FORMATS)


@pytest.mark.parametrize("code", ["1234567893", "1245319599", "1003000126", "1679576722"])
def test_npi_check_digit_accepts_valid_numbers(code: str) -> None:
    text = pd.Series([code])
    assert FORMATS["npi"](text).tolist() == [True]
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert FORMATS["npi"](pd.Series([wrong])).tolist() == [False]


@pytest.mark.parametrize("code", ["2345-7", "718-7", "4548-4", "2160-0", "8480-6", "10839-9", "94500-6"])
def test_loinc_check_digit_accepts_valid_codes(code: str) -> None:
    assert FORMATS["loinc"](pd.Series([code])).tolist() == [True]
    wrong = code[:-1] + str((int(code[-1]) + 3) % 10)
    assert FORMATS["loinc"](pd.Series([wrong])).tolist() == [False]
