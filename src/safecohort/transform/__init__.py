"""The transform stage: policy actions on columns and on the PHI spans of notes.

``transform_table`` is the stage function; ``Keyring`` holds the keys of the keyed operators.
"""

from safecohort.transform.crypto import Keyring
from safecohort.transform.table import ColumnAction, TransformResult, transform_table

__all__ = ["ColumnAction", "Keyring", "TransformResult", "transform_table"]
