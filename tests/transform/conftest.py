"""Fixtures of the transform tests: a key ring, Finding-like spans, small policies."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from safecohort.policy import Policy, parse_policy
from safecohort.transform.crypto import Keyring


@dataclass(frozen=True, slots=True)
class FakeFinding:
    """Stands in for ``safecohort.detect.text.Finding`` (same fields): the transform only duck-types it."""

    start: int
    end: int
    entity_type: str
    score: float = 0.9


def _make_policy(columns: str, extra: str = "", patient_id: str | None = "pid") -> Policy:
    head = "version: 1\ninstitution: Test\n" + (f"patient_id: {patient_id}\n" if patient_id else "")
    body = "columns:\n" + textwrap.indent(textwrap.dedent(columns).strip("\n"), "  ") + "\n"
    return parse_policy(head + body + textwrap.dedent(extra))


@pytest.fixture(scope="session")
def keyring() -> Keyring:
    """One key ring for the run (session-scoped so hypothesis tests may use it)."""
    return Keyring.generate(purpose="tests")


@pytest.fixture(scope="session")
def finding() -> type[FakeFinding]:
    """The Finding-like class: ``finding(start, end, entity_type, score=0.9)``."""
    return FakeFinding


@pytest.fixture(scope="session")
def make_policy() -> Callable[..., Policy]:
    """``make_policy(columns_yaml, extra_yaml="", patient_id="pid")``: a parsed policy (runs ``check``)."""
    return _make_policy
