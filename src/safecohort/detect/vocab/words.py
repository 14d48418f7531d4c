"""Word lists that decide what in a note could be a name: common English, clinical terms, name lists.

The note scanner uses them in three places, all offline:

- **case normalisation** (:func:`truecase`): nursing notes are often entirely in capitals, where spaCy's
  NER sees a name in every word ("BROWN SPUTUM") or in none. Each word of a line written in capitals is
  rewritten, at the same length, to lower case when it is a common English or clinical word and to Title
  case when it may be a name (listed as a name and not very common, or too rare to be an English word),
  so NER reads "pt resting. dtr Mary at bedside. brown sputum" - the scanner keeps the original text for
  every pattern and for the output, only NER reads the copy;
- **NER gating** (:func:`ner_segments`): spaCy's NER is the slowest part of a scan and only finds names
  and places; sentences with no capitalised word that could be one ("Pt c/o CP. BP 120/80.") are not
  given to it. Regex recognizers still read every character;
- **allow-list** (:func:`is_clinical_phrase`): "Foley", "Lasix", "Parkinson's", "Bell's palsy" are not
  people; a name-like finding made only of clinical terms is dropped.

Frequencies come from ``wordfreq`` (bundled data); name lists from Faker's offline ``en_US`` provider;
clinical terms from ``data/clinical_terms.txt``, written for this project (see its README).
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from importlib import resources

from faker.providers.person.en_US import Provider as UsPerson

#: Zipf frequency (log10 of uses per billion words) at or above which a word is "common English".
COMMON_ZIPF = 3.0
#: Below this a word is too rare to be English: in capitals it may be a name ("SIIRI", "KOWALCZYK").
RARE_ZIPF = 2.0

#: Listed names that are everyday English words: in capitals they are read as the word ("BROWN SPUTUM",
#: "MAY START", "HOPE TO WEAN"); a title still makes them names ("DR MAY"). Picked by hand from the names
#: in Faker's en_US lists with a Zipf frequency of 4.3 or more, plus the obvious few below it.
WORD_NAMES = frozenset(
    """
    good may day best love long little house case small white black young short west price summer strong
    april english weeks king church park green key page french ball wall brown cross miles rich gay
    christian hall glass faith hill rose stone wood prince moon powers banks golden grant fox max snow cook
    flowers bird walls bright fields bell bond branch lane grace joy rice wise ford roman bush hunt marks
    rush sharp angel duke gray gross waters woods chase diamond crystal dean pace pope ward wolf parks
    robin gates rivers hope will mark bill jack art dawn sunny june august guy drew gene ray don sue pat
    frank earnest young bass burns bean bowers boone carpenter cole cooper curry fisher gardner glover
    hardy hood horn house hudson knight lamb lord love lowe mann marsh mason mayo nash noble norman
    page patch pierce potter pratt rowe salt savage shepherd short singer sparks spears strong sweet
    swift todd tucker wade walsh weaver webb west wells wheeler whitaker wilder winter woodward worth
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A line counts as written in capitals when this share of its cased letters are capitals.
_CAPITALS_SHARE = 0.8
_LINE = re.compile(r"[^\n]+")
# Sentence-like pieces for NER: split after sentence punctuation or at line breaks.
_SEGMENT = re.compile(r"[^\n.!?;]+(?:[.!?;]+|$)", re.MULTILINE)
_CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z'’-]*[A-Za-z]\b")


@cache
def _terms() -> dict[str, frozenset[str]]:
    """Groups of ``data/clinical_terms.txt`` by their ``# `` heading (lower case terms)."""
    groups: dict[str, set[str]] = {}
    current = "terms"
    text = resources.files("safecohort.detect").joinpath("data/clinical_terms.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            current = line.lstrip("# ").lower()
            continue
        if line:
            groups.setdefault(current, set()).add(line.lower())
    return {name: frozenset(words) for name, words in groups.items()}


def _group(*keywords: str) -> frozenset[str]:
    return frozenset(
        word for name, words in _terms().items() if any(k in name for k in keywords) for word in words
    )


@cache
def clinical_terms() -> frozenset[str]:
    """Clinical abbreviations, drug names and unambiguous eponyms: never names on their own."""
    return _group("abbreviation", "drug", "eponym") - ambiguous_eponyms() - eponym_heads()


@cache
def ambiguous_eponyms() -> frozenset[str]:
    """Eponyms that are also common surnames ("Bell", "Murphy"): clinical only before a head word."""
    return _group("ambiguous")


@cache
def eponym_heads() -> frozenset[str]:
    """Words that make the eponym before them clinical: "Bell's palsy", "Murphy's sign"."""
    return _group("head")


@cache
def occupations() -> frozenset[str]:
    """Occupation head nouns and phrases of ``data/occupations.txt`` (lower case), read once."""
    text = resources.files("safecohort.detect").joinpath("data/occupations.txt").read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def us_first_names() -> frozenset[str]:
    """Faker's en_US first names (female and male), lower-cased."""
    return frozenset(n.lower() for n in (*UsPerson.first_names_female, *UsPerson.first_names_male))


@cache
def us_last_names() -> frozenset[str]:
    """Faker's en_US last names, lower-cased."""
    return frozenset(n.lower() for n in UsPerson.last_names)


@cache
def us_name_words() -> frozenset[str]:
    """Faker's en_US first and last names, lower-cased: the names an everyday-word test never drops."""
    return us_first_names() | us_last_names()


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """English Zipf frequency of a lower-case word (0 when unknown)."""
    # lazy: wordfreq loads its frequency tables; only a scan needs them
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _base(word: str) -> str:
    """Lower case, possessive dropped: "Parkinson's" -> "parkinson"."""
    lowered = word.lower().replace("’", "'")
    return lowered[:-2] if lowered.endswith("'s") else lowered


@lru_cache(maxsize=200_000)
def may_be_name(word: str) -> bool:
    """Whether a word read in capitals could be a name: a listed name that is not a very common word, or
    a word too rare to be English; never a clinical term."""
    base = _base(word)
    if base in clinical_terms() or base in WORD_NAMES or base in _RECORD_WORDS or len(base) < 2:
        return False
    return base in us_name_words() or zipf(base) < RARE_ZIPF


def is_common_word(word: str) -> bool:
    """A common English or clinical word that is not a listed name ("Patient", "Daughter", "Labs")."""
    base = _base(word)
    if base in clinical_terms():
        return True
    return base not in us_name_words() and zipf(base) >= COMMON_ZIPF


#: At or above this frequency an unlisted word is everyday English, never a name on its own ("PLANS").
EVERYDAY_ZIPF = 4.0


def is_everyday_word(word: str) -> bool:
    """A clinical term, or a very frequent English word that is not a listed name ("DC", "PLANS")."""
    base = _base(word)
    if base in clinical_terms() or base in _RECORD_WORDS:
        return True
    return base not in us_name_words() and zipf(base) >= EVERYDAY_ZIPF


# Field labels of clinical records, read as words, never names ("MRN", "DOB" after a name in capitals).
_RECORD_WORDS = frozenset(
    {"mrn", "dob", "acct", "ssn", "pcp", "npi", "dea", "cc", "hpi", "pmh", "ros", "referral", "requisition"}
)


def _in_capitals(line: str) -> bool:
    if line.isascii():
        # The same counts as below, twenty times faster: in ASCII only A-Z are upper case, a-z lower.
        raw = line.encode("ascii")
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
    else:
        upper = sum(map(str.isupper, line))
        lower = sum(map(str.islower, line))
    return upper >= 3 and upper >= _CAPITALS_SHARE * (upper + lower)


_ASCII_UPPER = string.ascii_uppercase.encode("ascii")
_ASCII_LOWER = string.ascii_lowercase.encode("ascii")


def truecase(text: str) -> str:
    """``text`` with its lines in capitals rewritten word by word (see the module docstring); other lines
    unchanged. Same length as ``text`` and the same characters up to case, so offsets carry over."""
    pieces: list[str] = []
    last = 0
    for line in _LINE.finditer(text):
        if not _in_capitals(line[0]):
            continue
        for match in _WORD.finditer(line[0]):
            word = match[0]
            new = word.capitalize() if may_be_name(word) else word.lower()
            if len(new) != len(word):  # casing that changes length (rare outside ASCII): leave as is
                continue
            start = line.start() + match.start()
            pieces += [text[last:start], new]
            last = start + len(word)
    pieces.append(text[last:])
    return "".join(pieces)


_MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    }
)  # fmt: skip
#: Below this frequency a capitalised word inside a sentence may be a name or place ("Okonkwo", "Dayton").
CANDIDATE_ZIPF = 3.5
# Words after which a capitalised common word may still be a place ("lives in Reading", "from Mobile").
_PLACE_CUES = frozenset({"in", "from", "near", "at", "to"})


@lru_cache(maxsize=200_000)
def _is_candidate(word: str, first: bool, after_cue: bool) -> bool:
    base = _base(word)
    if base in clinical_terms() or base in _MONTHS or len(base) < 2:
        return False
    if word.isupper() and len(word) <= 5 and base not in us_name_words():
        return False  # acronyms and credentials: "BP", "CXR", "FACC", "ASCP"
    if first:
        return may_be_name(word)
    return base in us_name_words() or after_cue or zipf(base) < CANDIDATE_ZIPF


_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W*$")


def ner_segments(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences NER should read: those with a capitalised word that may be a
    name or place - a listed name, a word too rare to be common English, or any capitalised word after
    "in", "from", "at", ... - and not a clinical term, a month or an acronym. ``text`` should be truecased."""
    segments: list[tuple[int, int]] = []
    for segment in _SEGMENT.finditer(text):
        body = segment[0]
        opening = len(body) - len(body.lstrip())
        for word in _CAPITALISED_WORD.finditer(body):
            before = _PREVIOUS_WORD.search(body, 0, word.start())
            cue = before is not None and before[1].lower() in _PLACE_CUES
            if _is_candidate(word[0], word.start() == opening, cue):
                segments.append((segment.start(), segment.end()))
                break
    return segments


@cache
def strong_eponym_heads() -> frozenset[str]:
    """Head words of diseases, signs and findings ("syndrome", "disease", "sign", "pupil"): one to three
    capitalised words before one are an eponym ("Meigs syndrome", "Argyll Robertson pupil")."""
    return _group("strong")


@cache
def _eponyms() -> frozenset[str]:
    """Unambiguous eponyms ("Ortolani", "Charcot"): a word joined to one is part of the eponym."""
    return _group("eponyms:") - ambiguous_eponyms() - eponym_heads()


# What may stand between an eponym and its head word: "Hunt and Hess grade", "Salter-Harris II fracture",
# "Forrest IIa ulcer", "Berg balance score", "Rocky Mountain spotted fever", "Kerley B lines".
_LINK_WORDS = frozenset(
    {"and", "de", "von", "van", "spotted", "balance", "anxiety", "depression", "agitation", "sedation"}
)
_GRADE = re.compile(r"[ivx]{1,4}[a-d]?|[a-d]|\d{1,2}[a-d]?")
_CHAIN = re.compile(r"(?:['’]s\b)?(?:[ \t-]+([A-Za-z0-9][A-Za-z0-9'’]*))")
_LOWER_OPENING = re.compile(r"^(?:[a-z][a-z'’-]*[ ]?)+,[ ]*")
# An unambiguous eponym right before the span, by a hyphen or an "and": "Tay-", "Ortolani and ".
_JOINED_BEFORE = re.compile(r"([A-Za-z]+)(?:['’]s)?(?:-|,? (?:and|&) )$")


def _head_follows(following: str, capitals_only: bool = False) -> bool:
    """Whether a head word ends the chain of eponym words, grades and links that starts ``following``
    (the text right after a span), on the same line and with no sentence punctuation on the way."""
    position, heads = 0, eponym_heads()
    for _ in range(4):
        match = _CHAIN.match(following, position)
        if match is None:
            return False
        word = _base(match[1])
        if word in heads:
            return not capitals_only or word in strong_eponym_heads()
        linking = word in _LINK_WORDS or _GRADE.fullmatch(word) is not None
        if not (linking or word in ambiguous_eponyms() or word in clinical_terms() or match[1][0].isupper()):
            return False
        position = match.end()
    return False


def is_clinical_phrase(span: str, following: str = "", preceding: str = "") -> bool:
    """True when a name-like finding is an eponym or a clinical word, not a name: every word is a clinical
    term ("Foley", "Lasix", "Parkinson's"), or an ambiguous eponym before its head word ("Bell" in "Bell's
    palsy", "Hunt and Hess grade"; ``following`` is the text after the span), or part of a double-barrelled
    eponym before a head word ("Jackson-Pratt drain", "Stevens-Johnson syndrome"), or joined to a listed
    eponym before it (``preceding`` the text before the span: "Tay-Sachs", "Ortolani and Barlow"); or the
    span is one to three capitalised words before the head word of a disease, sign or finding ("Argyll
    Robertson pupil", "Braxton Hicks contractions", "Meigs syndrome", "Uhthoff's phenomenon")."""
    # Lower-case words before a comma are no part of a name ("ophthalmoplegia, Tolosa-Hunt" read as an
    # inverted name): the rest is judged.
    span = _LOWER_OPENING.sub("", span) or span
    raw = _WORD.findall(span)
    if not raw:
        return False
    terms, ambiguous, heads = clinical_terms(), ambiguous_eponyms(), eponym_heads()
    joined = _JOINED_BEFORE.search(preceding)
    if joined is not None and _base(joined[1]) in _eponyms():
        return True
    head = _head_follows(following)
    capitalised = all(w[0].isupper() for w in raw)
    compound = "-" in span.strip("-") and capitalised and len(raw) <= 3
    if head and compound:
        return True
    if capitalised and len(raw) <= 3 and _head_follows(following, capitals_only=True):
        return True
    for match in _WORD.finditer(span):
        word = _base(match[0])
        if word in terms or word in heads:
            continue
        linking = word in ambiguous or word in _LINK_WORDS or _GRADE.fullmatch(word) is not None
        if linking and _head_follows(span[match.end() :] + following):
            continue
        return False
    return True


__all__ = [
    "CANDIDATE_ZIPF",
    "COMMON_ZIPF",
    "EVERYDAY_ZIPF",
    "RARE_ZIPF",
    "WORD_NAMES",
    "ambiguous_eponyms",
    "clinical_terms",
    "eponym_heads",
    "is_clinical_phrase",
    "is_common_word",
    "is_everyday_word",
    "may_be_name",
    "ner_segments",
    "occupations",
    "strong_eponym_heads",
    "truecase",
    "us_first_names",
    "us_last_names",
    "us_name_words",
    "zipf",
]
