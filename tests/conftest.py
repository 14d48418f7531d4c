"""Shared fixtures: the bundled demo extract and policies, a session key ring, one demo build per run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from helpers import postgres as postgres_server
from safecohort.cli import packaged

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def demo_csv() -> Path:
    """Path of the bundled synthetic demo extract."""
    return packaged("data/demo/encounters.csv")


@pytest.fixture(scope="session")
def demo_frame(demo_csv: Path) -> pd.DataFrame:
    """The demo extract as read by the builder (every cell a string)."""
    return pd.read_csv(demo_csv, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="session")
def hipaa_policy_path() -> Path:
    return packaged("rules/hipaa_safe_harbor.yaml")


@pytest.fixture(scope="session")
def research_policy_path() -> Path:
    return packaged("rules/example_hospital.yaml")


@pytest.fixture(scope="session")
def session_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A key file made once per test run."""
    from safecohort.transform.crypto import Keyring

    path = tmp_path_factory.mktemp("keys") / "test.keys.json"
    Keyring.generate(purpose="tests").save(path)
    return path


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run `safecohort demo` once per test session (the command `make demo` runs); return its folder."""
    from safecohort.cli import main

    out = tmp_path_factory.mktemp("demo") / "out"
    code = main(["demo", "--out", str(out), "--quiet"])
    assert code == 0
    return out


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when the evaluation data is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared evaluation data is only beside the project in CI")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session (tests/postgres_server.py); skips without one."""
    if postgres_server.binaries() is None:
        pytest.skip(
            "PostgreSQL binaries (Debian package 'postgresql') are not installed; .ci/run installs them"
        )
    with postgres_server.cluster() as url:
        yield url
