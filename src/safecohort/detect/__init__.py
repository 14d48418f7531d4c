"""Detect stage: find PHI spans in free-text notes.

``text`` holds :class:`~safecohort.detect.text.NoteScanner` (one presidio analyzer over an installed spaCy
pipeline, batched), :func:`~safecohort.detect.text.get_scanner` and
:func:`~safecohort.detect.text.scan_text`; ``recognizers`` decides which recognizers run and adds the
clinical ones. Nothing is imported here, so ``import safecohort.detect`` does not load presidio or spaCy.
"""
