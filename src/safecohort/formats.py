"""Named value formats (``checks.format`` in a policy): vectorised checks of ICD-10-CM, LOINC, NPI, US ZIP,
phone, e-mail and SSN text; and the clinical code systems column classification recognises
(:data:`CODE_SYSTEMS`: ICD-10-CM, ICD-9-CM, LOINC, SNOMED CT, CPT, HCPCS, NDC, RxNorm).

Validation runs them as checks (:mod:`safecohort.validate`) and column classification reads a column's
values through them (:mod:`safecohort.detect.columns`); they live here, below both stages, so neither
stage imports the other. The policy names the same formats (``policy.NAMED_FORMATS``, tested equal) but
does not import this module: it needs pandas and pyarrow, which ``import safecohort`` does not load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
from stdnum import verhoeff


def matches_pattern(text: pd.Series, pattern: str, *, whole: bool = True) -> np.ndarray:
    """Which texts match ``pattern`` (as a whole, or anywhere when ``whole`` is false).

    RE2 through pyarrow (several times faster than Python's ``re`` on a million cells); Python's ``re`` for
    the syntax RE2 lacks (lookarounds, backreferences).
    """
    try:
        strings = pyarrow.array(text.to_numpy(dtype=object), type=pyarrow.string())
        found = pc.match_substring_regex(strings, f"^(?:{pattern})$" if whole else pattern)
    except pyarrow.ArrowInvalid:
        fallback = text.str.fullmatch(pattern) if whole else text.str.contains(pattern, regex=True)
        return np.asarray(fallback, dtype=bool)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)


# [0-9], not \d: Python's \d also matches non-ASCII digits, which no code system uses.
_ICD10CM = r"[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?"  # the dot is optional: many extracts drop it
_US_ZIP = r"[0-9]{5}(-[0-9]{4})?"
# NANP numbers in the usual layouts, or E.164 (+ and 7 to 15 digits) for numbers abroad.
_PHONE = r"(\+?1[ .-]?)?(\([2-9][0-9]{2}\)|[2-9][0-9]{2})[ .-]?[0-9]{3}[ .-]?[0-9]{4}|\+[1-9][0-9]{6,14}"
_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s.]+"
# Dashes all or none. SSA never issues area 000, 666 or 9xx, group 00 or serial 0000.
_SSN = r"[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{9}"
_SSN_NEVER_ISSUED = r"^(000|666|9)|^[0-9]{3}-?00|0000$"
_NPI = r"[0-9]{10}"
_LOINC = r"[0-9]{1,5}-[0-9]"
# ICD-9-CM: three digits (with up to two decimals), V codes, E codes.
_ICD9CM = r"[0-9]{3}(\.[0-9]{1,2})?|V[0-9]{2}(\.[0-9]{1,2})?|E[0-9]{3}(\.[0-9])?"
# CPT: five digits (category I), or four digits and F (category II), T (III) or U (PLA codes).
_CPT = r"[0-9]{5}|[0-9]{4}[FTU]"
# HCPCS level II: a letter (those in use) and four digits.
_HCPCS = r"[A-CEGHJ-MP-V][0-9]{4}"
# NDC: the FDA's three 10-digit layouts with dashes, or the 11-digit 5-4-2 billing layout.
_NDC = r"[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2}|[0-9]{11}"
# RxNorm concept ids (RXCUI): plain integers, no check digit.
_RXNORM = r"[1-9][0-9]{0,7}"
# SNOMED CT identifiers: 6 to 18 digits, the last a Verhoeff check digit (checked below).
_SCTID = r"[1-9][0-9]{5,17}"
# SNOMED CT partition identifiers (the two digits before the check digit) of concepts, descriptions and
# relationships, in the short (0x) and long (1x) formats (SNOMED CT Technical Implementation Guide, 6.2).
_SCTID_PARTITIONS = frozenset({"00", "01", "02", "10", "11", "12"})


def _matches(pattern: str) -> Callable[[pd.Series], np.ndarray]:
    def check(text: pd.Series) -> np.ndarray:
        return matches_pattern(text, pattern)

    return check


def _ssn_valid(text: pd.Series) -> np.ndarray:
    issued = ~matches_pattern(text, _SSN_NEVER_ISSUED, whole=False)
    return np.asarray(matches_pattern(text, _SSN) & issued, dtype=bool)


def _luhn_valid(codes: pd.Series, width: int, *, prefix_sum: int = 0) -> np.ndarray:
    """Luhn (mod 10) over digit strings of one ``width`` whose last digit is the check digit.

    ``prefix_sum`` is the Luhn contribution of digits implied before each code (NPI's 80840 gives 24).
    """
    strings = pyarrow.array(codes, type=pyarrow.string())
    if len(strings) == 0:
        return np.zeros(0, dtype=bool)
    # Equal-width ASCII strings: Arrow's data buffer is exactly the digits, row after row.
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)[
        strings.offset : strings.offset + len(strings) + 1
    ]
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    from_right = (data.reshape(-1, width)[:, ::-1] - ord("0")).astype(np.int64)
    doubled = from_right[:, 1::2] * 2
    from_right[:, 1::2] = np.where(doubled > 9, doubled - 9, doubled)
    return np.asarray((from_right.sum(axis=1) + prefix_sum) % 10 == 0)


def _npi_valid(text: pd.Series) -> np.ndarray:
    # CMS: the check digit is the Luhn digit of the 9 leading digits prefixed with 80840 (ISO 7812 card
    # issuer prefix); those five digits add a constant 24 to the Luhn sum.
    ok = matches_pattern(text, _NPI)
    if ok.any():
        ok[ok] = _luhn_valid(text[ok], 10, prefix_sum=24)
    return ok


def _loinc_valid(text: pd.Series) -> np.ndarray:
    # LOINC's mod 10 check digit is Luhn's; leading zeros change no Luhn sum, so pad to one width.
    ok = matches_pattern(text, _LOINC)
    if ok.any():
        digits = pc.replace_substring(pyarrow.array(text[ok], type=pyarrow.string()), "-", "")
        ok[ok] = _luhn_valid(pc.utf8_lpad(digits, 6, "0"), 6)
    return ok


def _snomed_valid(text: pd.Series) -> np.ndarray:
    """SNOMED CT identifiers: a concept, description or relationship partition and a Verhoeff digit.

    A random number passes both with a probability of about 0.6%, so a column whose values nearly all
    pass is a SNOMED CT column, not a record number. Python per value: classification checks only the
    distinct values of a sample.
    """
    ok = matches_pattern(text, _SCTID)
    if ok.any():
        ok[ok] = [v[-3:-1] in _SCTID_PARTITIONS and verhoeff.is_valid(v) for v in text[ok].tolist()]
    return ok


FORMATS: Mapping[str, Callable[[pd.Series], np.ndarray]] = {
    "icd10cm": _matches(_ICD10CM),
    "loinc": _loinc_valid,
    "npi": _npi_valid,
    "us_zip": _matches(_US_ZIP),
    "phone": _matches(_PHONE),
    "email": _matches(_EMAIL),
    "ssn": _ssn_valid,
}
"""Named formats (``checks.format``): each takes non-null text and returns a boolean array."""

CODE_SYSTEMS: Mapping[str, Callable[[pd.Series], np.ndarray]] = {
    "icd10cm": FORMATS["icd10cm"],
    "icd9cm": _matches(_ICD9CM),
    "loinc": _loinc_valid,
    "snomedct": _snomed_valid,
    "cpt": _matches(_CPT),
    "hcpcs": _matches(_HCPCS),
    "ndc": _matches(_NDC),
    "rxnorm": _matches(_RXNORM),
}
"""Clinical code systems, most specific first; classification reads a column that holds one as clinical."""

#: Code systems whose values carry a check digit: evidence on their own. The others (an ICD-10 code without
#: its dot has the shape of some driver's licence numbers) count where values repeat or the name says code.
SELF_EVIDENT_CODES = frozenset({"loinc", "snomedct"})

__all__ = ["CODE_SYSTEMS", "FORMATS", "SELF_EVIDENT_CODES", "matches_pattern"]
