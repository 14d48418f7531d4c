"""Detect stage: find PHI spans in free-text notes and identifiers in structured columns.

- ``text``: :class:`~safecohort.detect.text.NoteScanner` (one presidio analyzer over an installed spaCy
  pipeline, batched), :func:`~safecohort.detect.text.get_scanner` and
  :func:`~safecohort.detect.text.scan_text`;
- ``recognizers``: which of presidio's recognizers run, and the clinical ones it lacks;
- ``vocab``: word lists for truecasing lines in capitals, gating NER, and the clinical allow-list;
- ``general``: general-PII recognizers (non-US names, addresses, places, companies, ages) for the
  ``general`` profile;
- ``columns``: column classification, ``suggest-policy`` drafts, and the build's leak check.

Nothing is imported here, so ``import safecohort.detect`` does not load presidio or spaCy.
"""
