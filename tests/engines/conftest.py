"""One local Spark session for the whole test run: starting the JVM costs several seconds.

The session is real (pyspark from the ``spark`` extra, which ``make test`` installs, and the machine's
Java): ``local[2]``, bound to 127.0.0.1, UI off. Without Java the Spark tests skip, unless
``SAFECOHORT_REQUIRE_SPARK`` is set (``.ci/run`` sets it), where its absence fails them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(home and os.access(os.path.join(home, "bin", "java"), os.X_OK)) or bool(shutil.which("java"))


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """The test run's Spark session (``local[2]``: the two cores the acceptance run names)."""
    if not java_available():
        if os.environ.get("SAFECOHORT_REQUIRE_SPARK"):
            pytest.fail("SAFECOHORT_REQUIRE_SPARK is set but no Java runtime is on PATH or JAVA_HOME")
        pytest.skip(
            "no Java runtime: the Spark engine's tests need Java 17+ (Debian: openjdk-17-jre-headless)"
        )
    from safecohort.engines.spark import local_session

    session = local_session("local[2]")
    yield session
    session.stop()
