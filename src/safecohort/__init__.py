"""safecohort: turn a hospital extract into a validated, de-identified, risk-measured, audited dataset.

Public API::

    import safecohort
    policy = safecohort.load_policy("rules/hipaa_safe_harbor.yaml")
    result = safecohort.build(frame, policy, keys="site.keys.json")
    result.data, result.quarantine, result.report
    tables = safecohort.build_tables("extract_folder/", "rules/synthea_hipaa.yaml", keys="site.keys.json")
    tables.tables["encounters"], tables.quarantine["encounters"], tables.report

Heavy modules (presidio, spaCy, scikit-learn) load on first use, so ``import safecohort`` and the CLI's
``--help`` stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from safecohort import errors
from safecohort._version import __version__ as __version__
from safecohort.errors import SafecohortError
from safecohort.policy import Policy, load_policy, parse_policy

_LAZY = {
    "build": "safecohort.builder",
    "BuildResult": "safecohort.builder",
    "build_tables": "safecohort.builder",
    "TablesResult": "safecohort.builder",
    "scan_text": "safecohort.detect.text",
    "Finding": "safecohort.detect.text",
    "Keyring": "safecohort.transform.crypto",
}

if TYPE_CHECKING:
    from safecohort.builder import BuildResult, TablesResult, build, build_tables
    from safecohort.detect.text import Finding, scan_text
    from safecohort.transform.crypto import Keyring


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'safecohort' has no attribute '{name}'")
    return getattr(import_module(module), name)


__all__ = [
    "BuildResult",
    "Finding",
    "Keyring",
    "Policy",
    "SafecohortError",
    "TablesResult",
    "build",
    "build_tables",
    "errors",
    "load_policy",
    "parse_policy",
    "scan_text",
]
