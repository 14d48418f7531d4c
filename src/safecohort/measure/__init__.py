"""The measure stage: how safe and how useful the output is.

- :mod:`~safecohort.measure.rescan`: residual PHI left in the safe output (``residual_phi``);
- :mod:`~safecohort.measure.risk`: k-anonymity and re-identification risk (``k_anonymity``, ``enforce_k``);
- :mod:`~safecohort.measure.utility`: a baseline model on raw vs safe data (``baseline_utility``).

Submodules are imported where used: ``utility`` loads scikit-learn on first call only.
"""
