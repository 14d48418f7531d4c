"""Person names where a cue or a shape puts them: inverted ("Okafor, Marisol D."), after kin or a
hand-off ("son Mark", "handed over to Priya"), chat speakers, labels in capitals, initials (staff
initials, "J. Smith", "J S"), nicknames, and a person named before an occupation."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _CAPS_WORD,
    _CREDENTIAL,
    _DEGREE,
    _LEADING_PARTICLE,
    _LETTER,
    _NAME,
    _NAME_WORD,
    _NOT_A_NAME,
    _NOT_INITIALS,
    _PARTICLE,
    _SURNAME_WORD,
    _UPPER,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    Pattern,
    _fills_name_slot,
)
from safecohort.detect.recognizers.names import _LETTERS, _RELATION, _by_pattern
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import clinical_terms, is_common_word, is_everyday_word, occupations, zipf
from safecohort.detect.vocab.words import occupations as _occupations

# --- names where a cue puts them: inverted names, kin, hand-offs, chat ------------------------------------

#: A listed name in lower case after a kinship word must be rarer than this ("his son will", "her son ray").
_LOWER_CASE_NAME_MAX_ZIPF = 4.5
#: Below this frequency a word no name list holds may still be a name where a cue puts one ("Eitan").
_UNLISTED_NAME_MAX_ZIPF = 3.0


def _fills_weak_name_slot(word: str) -> bool:
    """:func:`_fills_name_slot` for a slot without a capital to tell it ("loop in koffi from CM"): a word
    no name list holds must also be rare in English ("Ortho", "Cardiology" are departments)."""

    if not _fills_name_slot(word):
        return False
    return lexicon().is_name(word.lower()) or zipf(word.lower()) < _UNLISTED_NAME_MAX_ZIPF


_PARTICLES = frozenset(
    "van von der den de del della da das dos do di du la le an ter ten y bin ibn al el st ste mac mc".split()  # noqa: SIM905
)


def _name_words(found: str) -> list[str]:
    """The words of a name found, particles left out ("dos", "an" in "Mac an tSaoir")."""
    return [word for word in _LETTERS.findall(found) if word.lower() not in _PARTICLES]


# "Okafor, Marisol D.", "dos Santos, Oksana S.", "Mac an tSaoir, Dagny": surname(s), comma, given name(s).
_INVERTED_NAME = (
    rf"(?:{_LEADING_PARTICLE}[ ])?(?=[{_UPPER}]){_NAME_WORD}"
    rf"(?:[ -](?:{_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}){{0,2}}"
    rf",[ ]?(?!(?:{_CREDENTIAL}|{_DEGREE})\b){_NAME_WORD}(?:[ -]{_NAME_WORD})?"
)


# "Bradford, T.", "Chen-Dickson, M.": a surname and the initial of the given name.
_INVERTED_INITIAL = (
    rf"(?:{_LEADING_PARTICLE}[ ])?(?=[{_UPPER}]){_NAME_WORD}"
    rf"(?:[ -](?:{_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}){{0,2}},[ ]?[A-Z]\.(?![\w])"
)
# What follows a patient's name in a header or a sentence: a birth date, a record number, an age.
_IDENTIFIER_AFTER = (
    r"(?=[ \t]*[,(][ \t]*(?i:dob|d\.o\.b\.|mrn|age[ \t:]|\d{1,3}[ \t-]*(?:y\b|yo\b|y/o|y\.o\.|yrs?\b|year))"
    r"|[ \t]+(?:DOB|D\.O\.B\.|MRN)\b"
    r"|[ \t]+(?:(?i:age)[ \t]*:|\d{1,3}[ \t-]*(?:y/o|yo\b|y\.o\.|yrs?\b|years?[ \t-]+old)))"
)


# A cheap look at the shape first (words, a comma, a capital): most capitalised words fail here, before the
# costly look-ahead of every name word.
_INVERTED_SHAPE = rf"(?=[{_UPPER}dlv][{_LETTER}'’.-]*(?:[ -][{_LETTER}'’.-]+){{0,3}},[ ]?[{_UPPER}])"


class InvertedNameRecognizer(ClinicalPatternRecognizer):
    """Names written surname first with a middle initial, anywhere ("Read by Harris, Thuy V.", "Pt
    LaFleur, Deacon D.", "Attending Çelik, Sunny C., MD"), and "Surname, Given" alone on a line (a
    report's patient line, "MOORE, FATIMA"). A capitalised word, a comma, a capitalised word and an
    initial is a name's shape; one of the words must be able to be a name ("Clear, Equal B." is not)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "surname, given initial.",
            rf"(?<![\w'’.-]){_INVERTED_SHAPE}{_INVERTED_NAME}[ ][{_UPPER}]\.(?![\w])",
            0.7,
        ),
        Pattern(
            "surname, given alone in a field",
            rf"(?:(?m:^)|\|)[ \t]*\K{_INVERTED_SHAPE}{_INVERTED_NAME}(?:[ ][{_UPPER}]\.?)?"
            r"(?=[ \t]*(?:(?m:$)|\||[ \t]{2}))",
            0.6,
        ),
        # "NOVÁK, MATÍAS, DOB 05.29.1975", "Tsegaye, Constance (MRN ...)", "Scott, Brooke, 60-year-old".
        Pattern(
            "surname, given before a birth date, record number or age",
            rf"(?<![\w'’.-]){_INVERTED_SHAPE}{_INVERTED_NAME}(?:[ ][{_UPPER}]\.?)?{_IDENTIFIER_AFTER}",
            0.7,
        ),
        # "Bradford, T., MD", "transfer RN Condori, T.", "Reyes, T., DOB": an initial for the given name.
        Pattern(
            "surname, initial.",
            rf"(?<![\w'’.-]){_INVERTED_SHAPE}{_INVERTED_INITIAL}"
            rf"(?=,?[ \t]*(?:(?m:$)|(?:{_CREDENTIAL}|{_DEGREE})\b|[;(]"
            r"|(?i:dob|mrn|by|at|for|notified|[a-z]+ed)\b))",
            0.7,
        ),
        # "Referring: YELLOWHORSE, C", "RN PETROVA, W / PCT", "discussed with OKAFOR, J on": the initial
        # of the given name without its dot, only after a label, a role or "with"/"by".
        Pattern(
            "cue + surname, bare initial",
            rf"(?<=(?:[:/]|\b(?i:pt|rn|pcp|lpn|np|pa|md|with|by|to|cc))[ \t]{{1,3}})"
            rf"{_INVERTED_SHAPE}{_NAME_WORD}(?:[ -]{_SURNAME_WORD}){{0,2}},[ ]?[{_UPPER}](?![\w.'’-])",
            0.7,
        ),
    )
    CONTEXT = ("patient", "name", "pt", "read", "signed")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the given name may be one, or the surname is no everyday word: "Guest, Star T.",
        "Oduya, Honor Q." are names, "Clear, Equal B." is not (see :func:`_fills_name_slot`)."""

        surname, _, given = pattern_text.partition(",")
        given_words, surname_words = _name_words(given), _name_words(surname)
        if any(word.lower() in occupations() for word in given_words):  # "Ann Lee, Leave Administrator"
            return False
        if len(given.strip()) == 1:  # "OKONKWO, C": a bare initial tells least ("Lungs: Clear, R" is not)
            return bool(surname_words) and not any(map(is_everyday_word, surname_words))
        if not given_words:  # "Cross, A.": only the surname tells, and every word of it must be a name's
            return all(map(_fills_name_slot, surname_words))
        if given_words and _fills_name_slot(given_words[0]):
            return True
        return any(not is_everyday_word(word) for word in surname_words)


class KinshipNameRecognizer(AnchoredRecognizer):
    """Relatives and friends named after the kinship word in any case or order: "lives with her grandson,
    Desmond, who", "WITH A FRIEND, GIOVANNI;", "authorized by goddaughter Moses, Alexa", "his stepson
    jimmy", "my patient, June Przybylski" (a name in lower case only when a name list holds it and it is
    not a frequent word)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "kinship word",
            rf"\b(?:{_RELATION}(?i:-in-law)?|(?i:my|our)[ \t]+(?i:patient))"
            r"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)"
            r"(?:(?i:dr|mr|mrs|ms|miss)\.?[ \t]+)?"
            rf"(?=[{_LETTER}])",
            0.6,
        ),
    )
    CONTEXT = ("daughter", "son", "wife", "husband", "friend", "family")
    AFTER = re.compile(
        rf"(?:{_INVERTED_NAME}(?![{_LETTER}])|{_INVERTED_INITIAL}|(?:[A-Z]\.){{2,3}}(?![\w])|{_NAME}"
        rf"|[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]+)(?![{_LETTER}'’-])"
    )
    WINDOW = 60

    def keep(self, found: str) -> bool:
        """A name in Title case right after the kinship word is one ("her partner Honor"); one in capitals
        as :meth:`AnchoredRecognizer.keep` ("A FRIEND, PAPERWORK" is not); a lower-case word only when
        it is a listed name or rare in English, and not a frequent word ("his son is", "her friend will";
        see :func:`_fills_weak_name_slot`)."""
        if found[0].isupper():
            return not found.isupper() or super().keep(found)

        if not lexicon().is_name(found) and _WORD_FORM.search(found):  # "her son ambulates", "wife tearful"
            return False
        return zipf(found) < _LOWER_CASE_NAME_MAX_ZIPF and _fills_weak_name_slot(found)


# Endings of verb forms, adverbs and adjectives: an unlisted lower-case word with one is no name.
_WORD_FORM = re.compile(r"(?:s|ing|ed|ly|ful|ous|ive|able|ible|tion|ment)$")


_HANDOFF_VERB = (
    r"(?i:handing|hands|handed|signing|signs|signed|giving|gives|gave)[ \t]+(?i:over|off|out)[ \t]+(?i:to)"
    r"|(?i:read|reads|repeated|repeats)[ \t]+(?i:back)"
)


class HandoffNameRecognizer(AnchoredRecognizer):
    """The speaker of a hand-off or a read-back, at the start of a clause: "-- Kalani handing over to
    Blessing d.", "Synthesis: Star read back", "Night RN. Tevita signing out to". The name after "handing
    over to" is :class:`LabelledNameRecognizer`'s."""

    ENTITY = "PERSON"
    PATTERNS = (Pattern("hand-off verb", rf"[ \t]+(?:{_HANDOFF_VERB})\b", 0.6),)
    CONTEXT = ("handoff", "report", "read")
    BEFORE = re.compile(rf"(?:(?<=[\n:;.>|–—-][ \t])|(?<=[\n>|–—-])|^){_NAME}$")
    WINDOW = 50


_NAMEISH = rf"[{_LETTER}][{_LETTER}'’-]*[{_LETTER}](?:[ ][{_UPPER}][{_LETTER}'’-]*[{_LETTER}])?"
# Two words in any case: a name typed in lower case in a text message ("elena van-dyk").
_LOWER_NAMEISH = rf"[{_LETTER}][{_LETTER}'’-]*[{_LETTER}](?:[ ][{_LETTER}][{_LETTER}'’-]*[{_LETTER}])?"


class ChatNameRecognizer(ClinicalPatternRecognizer):
    """Names in chat and phone talk, in any case: "hey, mary in 412 says", "loop in Tendai from CM", "call
    Eitan at (351) 482-4103", "Royal Baker from church drives her". Each word must be able to be a name
    and, in lower case, be listed or rare (see :func:`_fills_weak_name_slot`)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "greeting, name in room",
            rf"\b(?i:hey|hi|hello|fyi|btw)[ \t]*,?[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+in[ \t]+(?:(?i:rm|room|bed|bay)[ \t]*)?\d)",
            0.6,
        ),
        Pattern(
            "loop in",
            rf"\b(?i:loop(?:ed|ing)?[ \t]+in|ping(?:ed)?|cc(?:'d)?)[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+(?i:from|re|about|on|in)\b)",
            0.6,
        ),
        Pattern(
            "call name at number",
            rf"\b(?i:call|page|text|contact|reach)[ \t]+\K{_NAMEISH}"
            r"(?=[ \t]+(?i:at|on)[ \t]+(?:[(+]?\d|(?i:x|ext)\.?[ \t]*\d))",
            0.6,
        ),
        Pattern(
            "name from church",
            rf"(?<![\w'’.-])[{_UPPER}][{_LETTER}'’-]+(?:[ ][{_UPPER}][{_LETTER}'’-]+)?"
            r"(?=[ \t]+from[ \t]+(?:(?i:his|her|their|the|my)[ \t]+)?"
            r"(?i:church|synagogue|mosque|temple|parish|congregation|next[ \t]+door))",
            0.6,
        ),
        # A text message's greeting: "hi its dennis my machine beeps", "hey it's Ama,".
        Pattern(
            "greeting, it's name",
            r"\b(?i:hi|hey|hello)[ \t]*,?[ \t]+(?i:it'?s|it’s|this[ \t]+is)[ \t]+"
            rf"\K[{_LETTER}][{_LETTER}'’-]*[{_LETTER}](?![{_LETTER}'’-])",
            0.6,
        ),
        # Who said what in a text message: "robert said u would call", "Ama said you'd come".
        Pattern(
            "name said you",
            rf"(?<![\w'’.-])[{_LETTER}][{_LETTER}'’-]*[{_LETTER}]"
            r"(?=[ \t]+(?i:said|says|told)[ \t]+(?i:u|you|me|us)\b)",
            0.6,
        ),
        # A text-message reply: "this is wojtek her boyfriend", "it's Ama his great-granddaughter".
        Pattern(
            "this is name + relation",
            rf"\b(?i:this[ \t]+is|it'?s)[ \t]+\K{_LOWER_NAMEISH}"
            r"(?=[ \t]+(?:(?i:his|her|their|your|the[ \t]+(?:pt|patient)'?s?)[ \t]+(?i:great-)?"
            rf"{_RELATION}(?i:-in-law)?\b|(?i:from|calling[ \t]+from)[ \t]+))",
            0.6,
        ),
    )
    CONTEXT = ("call", "page", "loop")

    def validate_result(self, pattern_text: str) -> bool:
        """True when a lone word may be a name where the cue puts one, and in a longer name when every
        word in lower case may be and one capitalised word may be ("Vusi Guest", not "Social Work")."""
        words = _name_words(pattern_text)
        if len(words) == 1:
            return _fills_weak_name_slot(words[0])
        lower_ok = all(_fills_weak_name_slot(word) for word in words if word.islower())
        return lower_ok and any(_fills_name_slot(word) for word in words)


_INFLECTED = re.compile(r"(?i:ing|ed|ly|tion)$")


class CapitalsLabelNameRecognizer(ClinicalPatternRecognizer):
    """A full name in capitals after a label in capitals without a colon ("PATIENT HYUN-JOO ACHTERBERG
    DOB ...", "DECEDENT CHARITY MAC AN TSAOIR"): two to four words, none of them an everyday word, so
    "PATIENT RESTING COMFORTABLY" is not a name."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "capitals label + capitals name",
            rf"(?<=\b(?:PATIENT|PT|DECEDENT|EMPLOYEE|CLIENT|RESIDENT|NAME)[ \t]+)(?:{_LEADING_PARTICLE}[ ])?"
            rf"{_CAPS_WORD}(?:,?[ ](?:{_PARTICLE}[ ]){{0,2}}{_CAPS_WORD}){{1,3}}(?![{_LETTER}])",
            0.6,
        ),
        # "PT SMITH (83YO)": a surname alone when the patient's age follows it in parentheses.
        Pattern(
            "capitals label + surname + age",
            rf"(?<=\b(?:PATIENT|PT)[ \t]+){_CAPS_WORD}"
            r"(?=[ \t]*\((?:AGE[ ]?)?\d{1,3}[ ]?(?:Y|YO|Y/O|Y\.O\.|YRS?|YEARS?)?\))",
            0.6,
        ),
    )
    CONTEXT = ("patient", "name")

    def validate_result(self, pattern_text: str) -> bool:
        """True when every word may be a name, one is not a common English word, and no word is an
        unlisted inflected form ("AMBULATING", "SEDATED")."""

        words = _name_words(pattern_text)
        if any(_INFLECTED.search(word) and not lexicon().is_name(word) for word in words):
            return False
        return all(map(_fills_name_slot, words)) and not all(map(is_common_word, words))


# Species after a genus initial ("E. coli", "S. AUREUS") and atrial rhythms ("A. fib"): never a surname
# after an initial.
_SPECIES = frozenset(
    "coli aureus epidermidis pyogenes agalactiae pneumoniae influenzae pylori albicans glabrata "  # noqa: SIM905
    "faecalis faecium aeruginosa difficile diff marcescens cloacae mirabilis oxytoca baumannii maltophilia "
    "jirovecii trachomatis gonorrhoeae vaginalis fumigatus neoformans tuberculosis catarrhalis vulgaris "
    "lugdunensis meningitidis monocytogenes burgdorferi pallidum typhi jejuni cholerae "
    "fib flutter".split()  # and atrial rhythms: "A. fib", "A. flutter"
)


class InitialledNameRecognizer(AnchoredRecognizer):
    """A name written with initials after a preposition, a sign-off verb or a field label: "Follow-up
    with M. Pierce", "CONSULT FROM R. DE LA CRUZ", "PER F. SALMON.", "cosign A.H.", "left VM for A.W.",
    "Palliative care: S. Norman". Initials make the
    next capitalised word a surname; initials alone count from two letters on, abbreviations ("A.M.",
    "P.O.") and a genus before its species ("E. coli") are not names."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "preposition + initials",
            r"(?<![A-Za-z])(?i:with|w/|per|from|by|for|to|cc|cosign(?:ed)?(?:[ \t]+by)?|behalf[ \t]+of"
            r"(?:[ \t]+(?:pt|patient))?)[ \t]+(?=[A-Z]\.)",
            0.6,
        ),
        # a field's value: "Palliative care: S. Norman", "Chaplain: J. Ortiz"
        Pattern("label + initials", r"(?<=[A-Za-z)])[ \t]*:[ \t]+(?=[A-Z]\.[ ]?[A-Z])", 0.6),
    )
    CONTEXT = ("with", "per", "cosign")
    AFTER = re.compile(
        rf"(?:[A-Z]\.[ ]?){{1,3}}(?:{_LEADING_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}(?![{_LETTER}])"
        rf"|(?:[A-Z]\.){{2,3}}(?![\w])"
    )
    WINDOW = 40

    def keep(self, found: str) -> bool:
        """As :meth:`AnchoredRecognizer.keep`, and the word after the initials is no species."""
        words = _LETTERS.findall(found)
        return not (words and words[-1].lower() in _SPECIES) and super().keep(found)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """As :meth:`AnchoredRecognizer.analyze`; after a field label the surname must not be an everyday
        word ("Assessment: A. Acute kidney injury", "Plan: A. Fib" are outline letters)."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not (_by_pattern(r, "label + initials") and self._worded(text, r))]

    @staticmethod
    def _worded(text: str, result: RecognizerResult) -> bool:

        words = _LETTERS.findall(text[result.start : result.end])
        return bool(words) and is_common_word(words[-1])


class NameInitialsRecognizer(ClinicalPatternRecognizer):
    """A person's initials in parentheses right after their name, letter for letter: "Melanie Condori
    (M.C.), PACU RN", "Tuyet C. (T.C.)". Initials that do not repeat the name's ("Intensive Care (ICU)")
    are not reported."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "name (initials)",
            rf"(?<=(?<![{_LETTER}])([{_UPPER}])[{_LETTER}'’-]+[ ]([{_UPPER}])[{_LETTER}'’-]*\.?[ ]\()"
            r"\1\.?\2\.?(?=\))",
            0.6,
        ),
    )
    CONTEXT = ("rn", "signed")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The initials whose name before them may be one: "Emergency Department (ED)" is not a name."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        kept = []
        for result in results:
            words = re.findall(rf"[{_LETTER}]+", text[max(0, result.start - 60) : result.start])[-2:]
            last_ok = len(words) == 2 and (len(words[1]) == 1 or _fills_name_slot(words[1]))
            if last_ok and _fills_name_slot(words[0]):  # "Tuyet C. (T.C.)", "Melanie Condori (M.C.)"
                kept.append(result)
        return kept


# Who collected, dictated or closed something, or is the charge nurse, by initials: "Collected by: SLB",
# "Dictated by JPS", "CHARGE R.d.", "Technologist: IBH".
_STAFF_INITIALS_CUE = (
    r"(?:(?i:collected|closed|dictated|drawn|witnessed|transcribed|initialed|checked)[ \t]+(?i:by)"
    r"|(?i:technologist|tech|initials|scribe)|CHARGE|Charge)(?:[ \t]+(?:RN|(?i:nurse)))?[ \t]*:?[ \t]+"
)
#: Two or three capitals that are units, teams or roles, not a person's initials.
_NOT_STAFF_INITIALS = frozenset(
    "RN MD NP PA DO LPN CNA RT PT OT ST SW CM SLP ED ER OR IR ICU CCU EMS LAB RRT MET NA MA PCA PCT "  # noqa: SIM905
    "EP GI ENT OB NICU PICU SICU MICU CT MRI US XR IV PO IM SQ PRN STAT NPO DNR".split()
)


class StaffInitialsRecognizer(ClinicalPatternRecognizer):
    """Staff initials after a cue that names who did a task: "Collected by: SLB", "Case closed by JPS",
    "CHARGE J.B.", "Technologist: IBH", "closed by R.d.". Two or three capitals alone are initials only
    here, and not when they name a unit, a team or a role ("collected by RN", "closed by ED")."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "cue + staff initials",
            rf"(?<=\b{_STAFF_INITIALS_CUE})"
            rf"(?:[{_UPPER}]{{2,3}}|[{_UPPER}]\.[{_LETTER}]\.(?:[{_UPPER}]\.)?)(?![\w.])",
            0.6,
        ),
        # Who grossed a specimen or documented an event: "Gross by PE.", "Documented by WT on 3/2": only a
        # person does that, so two or three capitals there are initials even when they spell an
        # abbreviation ("PE"), unless they name a unit, team or role ("documented by ED").
        Pattern(
            "task cue + staff initials",
            r"(?<=\b(?i:gross(?:ed)?|grossing[ \t]+(?i:performed|done)|documented)"
            r"[ \t]+(?i:by)[ \t]*:?[ \t]+)"
            rf"[{_UPPER}]{{2,3}}(?!\w|\.\w)",
            0.6,
        ),
    )
    CONTEXT = ("collected", "closed", "charge")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The initials that are no unit, team, role or time ("A.M."), and after a weak cue no clinical
        abbreviation ("collected by IV")."""

        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            found = text[result.start : result.end]
            letters = found.replace(".", "")
            if "." in found:
                ok = found.upper() not in _NOT_INITIALS
            else:
                ok = letters not in _NOT_STAFF_INITIALS and (
                    _by_pattern(result, "task cue + staff initials")
                    or letters.lower() not in clinical_terms()
                )
            if ok:
                kept.append(result)
        return kept


# Letters of Vietnamese names and others from Latin Extended Additional ("PHẠM-LÊ", "Trịnh"): that block
# mixes both cases, so it counts as a capital too where a surname starts after initials.
_X_UPPER = _UPPER + "Ḁ-Ỿ"
_X_LETTER = _LETTER + "Ḁ-ỿ"
_X_SURNAME = rf"[{_X_UPPER}][{_X_LETTER}'’]*[{_X_LETTER}](?:-[{_X_UPPER}][{_X_LETTER}'’]*[{_X_LETTER}])*"
# A word in Title case ("Elk", "Phádraig").
_X_TITLE_WORD = rf"[{_X_UPPER}][a-zß-öø-ÿĀ-ſḀ-ỿ'’]+"
# Irish and Scottish surname prefixes written apart ("Ó Ceallaigh", "Nic Giolla Phádraig").
_GAELIC_PREFIX = r"(?:Ó|Ní|Nic|Mac|Mc|Ua|Uí)"
# Head words of a place or team that can follow a doctor's name ("A. B. Lee Clinic").
_NOT_NAME_TAIL = frozenset(
    "hospital clinic center centre medical health practice group associates department dept office team "  # noqa: SIM905
    "unit services partners".split()
)


class SpacedInitialsNameRecognizer(ClinicalPatternRecognizer):
    """A name opened by two or three initials, each with its dot and a space: "A. D. Gibbs", "C. H.
    PHẠM-LÊ", "T. W. Ó Ceallaigh", "Z. X. van Wyk". Initials spaced that way before a capitalised word are
    a name's shape wherever they stand; abbreviations ("A. M.", "P. O.") and a genus's species are not."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "spaced initials + surname",
            rf"(?<![\w.])(?:[A-Z]\.[ ]){{2,3}}(?:(?:{_PARTICLE}|{_GAELIC_PREFIX})[ ]){{0,2}}{_X_SURNAME}"
            rf"(?:[ ](?!{_NOT_A_NAME}\b){_X_TITLE_WORD}(?:-{_X_TITLE_WORD})?){{0,2}}(?![\w'’-])",
            0.6,
        ),
    )
    CONTEXT = ("dr", "attending", "referring", "md")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The names whose initials are no abbreviation and whose surname is no clinical term or species,
        without a place's head word after them ("A. B. Lee Clinic")."""

        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            found = text[result.start : result.end]
            parts = found.split()
            count = 3 if len(parts[2]) == 2 and parts[2].endswith(".") else 2
            initials, words = "".join(parts[:count]), parts[count:]
            if initials in _NOT_INITIALS or not words:
                continue
            surname = words[0].lower()
            if surname in clinical_terms() or surname in _SPECIES:
                continue
            while len(words) > 1 and (words[-1].lower() in _NOT_NAME_TAIL | clinical_terms()):
                result.end = result.start + found.rindex(" " + words[-1])
                found, words = text[result.start : result.end], words[:-1]
            kept.append(result)
        return kept


class NicknameNameRecognizer(ClinicalPatternRecognizer):
    """A full name with a nickname in quotes between its words: 'Elijah "Butch" Boateng', 'Mae “Sis”
    Okoro'. The first word must be a listed given name, so a quoted word in a sentence ('Patient "Feels"
    Better') is not one."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            'given "nickname" surname',
            rf"(?<![\w'’.-])[{_UPPER}][{_LETTER}'’-]+[ ](?:[\"“][{_UPPER}][{_LETTER}'’-]+[\"”]"
            rf"|['‘][{_UPPER}][{_LETTER}-]+['’])[ ]"
            rf"(?:{_LEADING_PARTICLE}[ ])?[{_UPPER}][{_LETTER}'’-]*[{_LETTER}]",
            0.6,
        ),
        # the name a patient goes by, in quotes after a cue: 'prefers "Gigi"', "goes by 'Bud'"
        Pattern(
            "preferred name in quotes",
            r"\b(?i:prefers|goes[ \t]+by|known[ \t]+as|likes[ \t]+to[ \t]+be[ \t]+called|nickname:?|aka)"
            rf"[ \t]+[\"“'‘]\K[{_UPPER}][{_LETTER}'’-]*[{_LETTER}](?=[\"”'’])",
            0.6,
        ),
    )
    CONTEXT = ("client", "patient", "name")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the first word is a given name of any locale Faker ships, and not an everyday word;
        a preferred name alone when it may be a name where a cue puts one."""

        first = pattern_text.split()[0]
        if first == pattern_text:
            return _fills_name_slot(first)
        return lexicon().is_name(first.lower()) and _fills_name_slot(first)


_OCCUPATION_AFTER = re.compile(
    r"[ \t]+(?:is|was|works[ \t]+as)[ \t]+an?[ \t]+([a-z-]+(?:[ \t]+[a-z-]+){0,2})"
)


class OccupationSubjectRecognizer(ClinicalPatternRecognizer):
    """A name as the subject of an occupation: "Liberty is a school librarian", "Hope was a welder". A
    capitalised word that may be a name where a cue puts one (see :func:`_fills_name_slot`: "She",
    "Mother", "Patient" are not), then "is a" and an occupation of ``data/occupations.txt`` within three
    words ("Pharmacy is a resource" is not)."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "name is a(n) occupation",
            rf"(?<![\w'’.-])[{_UPPER}][{_LETTER}'’-]*[{_LETTER}]"
            r"(?=[ \t]+(?:is|was|works[ \t]+as)[ \t]+an?[ \t])",
            0.6,
        ),
    )
    CONTEXT = ("works", "job")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The subjects whose predicate names an occupation."""

        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            after = _OCCUPATION_AFTER.match(text, result.end)
            if after is None or not _fills_name_slot(text[result.start : result.end]):
                continue
            words = after[1].split()
            if any(
                " ".join(words[:k]) in _occupations() or words[k - 1] in _occupations()
                for k in (1, 2, 3)[: len(words)]
            ):
                kept.append(result)
        return kept


__all__ = [
    "CapitalsLabelNameRecognizer",
    "ChatNameRecognizer",
    "HandoffNameRecognizer",
    "InitialledNameRecognizer",
    "InvertedNameRecognizer",
    "KinshipNameRecognizer",
    "NameInitialsRecognizer",
    "NicknameNameRecognizer",
    "OccupationSubjectRecognizer",
    "SpacedInitialsNameRecognizer",
    "StaffInitialsRecognizer",
]
