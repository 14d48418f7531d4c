"""Detect stage: find PHI spans in free-text notes and identifiers in structured columns.

- ``text``: :class:`~safecohort.detect.text.NoteScanner` (one presidio analyzer over an installed spaCy
  pipeline, batched), :func:`~safecohort.detect.text.get_scanner` and
  :func:`~safecohort.detect.text.scan_text`;
- ``recognizers``: every recognizer of both profiles (clinical, general), one module per family of what
  it finds (names, dates, ages, identifiers, contact, addresses, places, facilities, organisations, NER),
  and the registry that picks a profile's set by each recognizer's ``PROFILES``;
- ``spanish``: Spanish notes (``notes.language: es``): spaCy's blank Spanish tokenizer, a CRF trained on
  MEDDOCAN train and rules for fixed forms; the scanner takes this path instead of presidio's;
- ``vocab``: the words the recognizers read: word lists (truecasing, NER gating, clinical allow-list),
  Faker's locale lexicon and the GeoNames gazetteer;
- ``columns``: column classification that fails closed, ``suggest-policy`` drafts, and the build's guard
  on the columns a policy keeps (vocabulary, names, values, classify, leaks, draft).

Nothing is imported here, so ``import safecohort.detect`` does not load presidio or spaCy.
"""
