"""Person names introduced by a cue: a title, a credential, a label or a relation ("Dr. Hope", "John
Smith, RN", "Patient: Ana Lee", "daughter Mary"), names in HL7 segments, and full names from the US name
lists. Inverted names, kin, hand-offs, chat and initials are in ``names_cued``; names of every locale
and from the context of everyday text in ``names_lexicon``."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _CAPS_WORD,
    _CREDENTIAL,
    _DEGREE,
    _FIRST_NAMES,
    _LAST_NAMES,
    _LEADING_PARTICLE,
    _LETTER,
    _NAME,
    _NAME_WORD,
    _NOT_A_NAME,
    _PARTICLE,
    _SURNAME_WORD,
    _TITLE,
    _UPPER,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    Pattern,
)
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import is_everyday_word

# --- names introduced by a title or a relation --------------------------------------------------------

# Roles and relations in parentheses after a name ("Harris, Thuy V. (attending)", "Leah D. (EMT-P)").
_ROLE_IN_PARENTHESES = (
    r"\((?i:attending|fellow|resident|intern|diener|prosector|scribe|student|preceptor|chaperone|hcp|poa|"
    r"nok|guardian|proxy|emt(?:-[bpi])?|paramedic|interpreter|chaplain|sitter|daughter|son|wife|husband|"
    r"mother|father|sister|brother|niece|nephew|friend|partner|spouse|caregiver|"
    # care-team roles in a list of attendees ("Ana Ruiz (SLP); Bo K. (charge RN)")
    r"slp|ot|pt|rt|dietitian|nutritionist|pharmacist|social[ \t]+worker|case[ \t]+manager|"
    r"(?:charge|primary|bedside)[ \t]+(?:rn|nurse)|mds[ \t]+coordinator|nurse[ \t]+manager)\)"
)
_RELATION = (
    r"(?i:daughter|son|wife|husband|mother|mom|father|dad|sister|brother|niece|nephew|grandson|"
    r"granddaughter|grandmother|grandfather|friend|partner|spouse|caregiver|guardian|neighbor|aunt|"
    r"uncle|cousin|hcp|poa|proxy|grandnephew|grandniece|great-grandson|great-granddaughter|fianc[eé]e?|fob|doula|dtr|stepson|stepdaughter|nurse|aide|cna|caseworker|"
    r"ex-wife|ex-husband|goddaughter|godson|godmother|godfather|stepmother|stepfather|roommate|landlord|"
    r"coworker|co-worker|boss|pastor|sitter|boyfriend|girlfriend)"
)


class TitledPersonRecognizer(ClinicalPatternRecognizer):
    """Names after a title ("Dr. Hope", "Mr. Brown", "MR BROWN") or "pt" ("pt Jane Doe"); names after a
    relation ("daughter Mary called") are :class:`KinshipNameRecognizer`'s. The title stays in the note;
    only the name is reported. A capitalised word alone is never a name here: "BROWN SPUTUM" is not a
    person, "MR. BROWN" is."""

    ENTITY = "PERSON"
    PATTERNS = (
        # "Dr. Hope", "Mr Brown", "dr. Smith", "MR. BROWN": a Title-case title, or any title with a dot.
        # Cues are matched and dropped (\K), not looked behind for: a look-behind runs at every character.
        Pattern(
            "title + name",
            rf"\b(?:{_TITLE}\.?|(?i:dr|mr|mrs|ms|mx|prof)\.)[ \t]*\K{_NAME}",
            0.85,
        ),
        # "MR BROWN": a capitals title without a dot only before a capitals name ("MS Contin" is a drug);
        # an initial only after a doctor's title ("DR K. OYELARAN", not "MS C. DIFF").
        Pattern(
            "capitals title + capitals name",
            rf"\b(?:DR|MR|MRS|MS|MX|PROF|DOCTOR)[ \t]+\K(?:(?<=(?:DR|DOCTOR|PROF)[ \t]+)[A-Z]\.[ \t]?)?"
            rf"{_CAPS_WORD}"
            rf"(?:[ \t]+{_CAPS_WORD}){{0,2}}\b",
            0.85,
        ),
        # "pt Jane Doe": first and last name, so "Pt Denies" or "PT EVAL" (physical therapy) are not names.
        Pattern(
            "patient + full name",
            rf"\b(?i:pt|patient)\.?[ \t]+\K(?!{_NOT_A_NAME}\b)[{_UPPER}][a-zß-öø-ÿ'’-]+(?:[ \t]+[A-Z]\.)?"
            rf"[ \t]+(?!{_NOT_A_NAME}\b)[{_UPPER}][a-zß-öø-ÿ'’]+(?:-[{_UPPER}]?[a-zß-öø-ÿ'’]+)*"
            rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+){{1,2}}{_SURNAME_WORD})?",
            0.6,
        ),
    )
    CONTEXT = ("dr", "doctor", "mr", "mrs", "ms", "daughter", "son", "wife", "husband", "name")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """As the patterns find them, without a post-nominal after a name in Title case ("Dr Ann Lee
        MRCGP", "Dr Bo Park FRCS"): letters in capitals without a vowel are a qualification."""
        return _without_post_nominal(text, super().analyze(text, entities, nlp_artifacts, regex_flags))


# A qualification after a name in Title case: capitals without a vowel ("MRCGP", "FRCS", "MBBS").
_POST_NOMINAL = re.compile(rf"(?<=[{_LETTER}][a-zß-öø-ÿ'’])[ \t]+[B-DF-HJ-NP-TV-XZ]{{3,6}}$")


def _without_post_nominal(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The names found, each without a qualification after it ("Dr Ann Lee MRCGP" -> "Ann Lee")."""
    for result in results:
        tail = _POST_NOMINAL.search(text, result.start, result.end)
        if tail is not None and tail.start() > result.start:
            result.end = tail.start()
    return results


class CredentialNameRecognizer(AnchoredRecognizer):
    """Names before a clinical credential: "Jane Smith, RN", "JOHN KOWALCZYK RN", "A. Patel MD"."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "credential",
            rf"(?<=[{_LETTER}.])[ \t]*,?[ \t]+(?:{_DEGREE}(?:[ \t]*,[ \t]*|[ \t]+))*{_CREDENTIAL}(?![\w-])",
            0.6,
        ),
        # "T.K. Kidd, pgr 581953": a name, then the pager that reaches the person.
        Pattern("pager", rf"(?<=[{_LETTER}.]),[ \t]*(?i:pgr|pager)[ \t]*#?[ \t]*\d", 0.6),
        Pattern("role in parentheses", rf"(?<=[{_LETTER}.])[ \t]+{_ROLE_IN_PARENTHESES}", 0.6),
        # "by Ana R. (AROSS4)": a name, then the user id that signs for the person.
        Pattern("user id in parentheses", r"(?<=[A-Za-z]\.)[ \t]+\((?=[A-Za-z]{1,10}\d{1,6}\))", 0.6),
    )
    CONTEXT = ("rn", "md", "np", "signed", "nurse", "provider")
    BEFORE = re.compile(
        rf"(?:(?:{_LEADING_PARTICLE}[ ])?{_NAME_WORD}(?:[ -]{_NAME_WORD})?,[ ]?{_NAME_WORD}(?:[ ][A-Z]\.)?"
        rf"|{_NAME_WORD}[ ][a-z]\.|{_NAME}|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}})$"
    )
    WINDOW = 50

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """As :meth:`AnchoredRecognizer.analyze`; before a role in parentheses the last word must not be
        everyday English: "Occupational Therapy (OT)" is a service, "Ana Ruiz (OT)" a person."""

        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            words = _LETTERS.findall(text[result.start : result.end])
            if _by_pattern(result, "role in parentheses") and words and is_everyday_word(words[-1]):
                continue
            kept.append(result)
        return kept


# Names in a labelled field: one space between words (fields are separated by more, or by punctuation).
_FIELD_NAME = re.compile(
    rf"(?!(?:{_CREDENTIAL}|{_DEGREE})(?![{_LETTER}]))"  # "RN CWOCN": a credential is no name
    rf"(?:(?:{_LEADING_PARTICLE}[ ])?{_NAME_WORD}(?:[ -](?:{_PARTICLE}[ ])?{_SURNAME_WORD})?,"  # Smith,
    rf"[ ]?(?!(?:{_CREDENTIAL}|{_DEGREE})\b|[A-Z]{{1,3}}-[A-Z]{{2,}})"  # "D-ABMDI" is a board credential
    rf"{_NAME_WORD}(?:[ ][A-Z]\.?)?(?![{_LETTER}])"  # Jane Q.
    rf"|(?:{_LEADING_PARTICLE}[ ])?{_NAME_WORD}(?:[ -]{_SURNAME_WORD})?,[ ]?[A-Z]\.(?![\w])"  # Pena, M.
    rf"|(?:[A-Z]\.[ ]?){{0,3}}(?:{_LEADING_PARTICLE}[ ](?:{_PARTICLE}[ ])?(?=[{_UPPER}]))?{_NAME_WORD}"
    rf"(?:[ ][A-Za-z]\.(?![{_LETTER}])|[ ][A-Z](?=[ ](?:[{_UPPER}]|{_PARTICLE}[ ])))?"
    rf"(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_SURNAME_WORD}){{0,3}}"
    r"|(?:[A-Z]\.){2,3}(?![\w]))"  # initials alone: "D/w J.K. (OB hospitalist)"
)
_PERSON_FIELD = (
    r"patient(?:[ \t]+name)?|pt(?:[ \t]+name)?|name|caller|contact|emergency[ \t]+contact|"
    r"next[ \t]+of[ \t]+kin|"
    # "NOK notified same day: Lee", "Family contacted: Ana Ruiz"
    r"(?:nok|family|hcp|poa)[ \t]+(?:notified|contacted|called|informed)(?:[ \t]+[a-z]+){0,2}|"
    r"nok|guardian|hcp|poa|spouse|interpreter|re|attn|to|from|cc|"
    r"(?:ordering|referring|attending|consulting|submitting|primary)"
    r"(?:[ \t]+(?:physician|provider|md|doctor))?|"
    r"clinician|provider|physician|surgeon|assistant|anesthesiologist|anesthesia|resident|fellow|intern|"
    r"radiologist|sonographer|technologist|tech|endoscopist|proceduralist|investigator|peds|"
    r"(?:cyto|hemato|dermato|neuro)?pathologist|prescriber|recipient|donor|"
    r"nurse|triage[ \t]+rn|rn|np|pa|pcp|cm|case[ \t]+manager|social[ \t]+worker|sw|"
    r"(?:dictated|signed|electronically[ \t]+signed|screened|reviewed|verified|performed|seen|cosigned|"
    r"co-signed|transcribed|read|interpreted|assisted|witnessed|accompanied)(?:[ \t]+by)?|"
    r"decedent|deceased|employee|claimant|client|id[ \t]+band|crew|sitter|adjuster|prosector|diener|scribe|"
    r"witness|chaperone|counselor|genetic[ \t]+counsel(?:or|ing)|therapist|chaplain|operators?|caseworker|"
    r"mother|father|infant|baby[ \t]+(?:boy|girl)|caregiver|(?:medical[ \t]+)?director"
)
# Without a colon only role words and reporting verbs introduce a name ("PCP West, Dennis", "d/w Dr X").
_PERSON_CUE = (
    r"pcp|cm|rn|np|attending|radiologist|results[ \t]+called[ \t]+to|called[ \t]+to|discussed[ \t]+with|d/w|"
    r"spoke[ \t]+with|seen[ \t]+by|paged|signed|sitter|crew|handing[ \t]+over[ \t]+to|"
    r"handed[ \t]+over[ \t]+to|relieved[ \t]+by|adjuster|prosector|diener|(?:assisted|accompanied)[ \t]+by|"
    r"(?:attending[ \t]+)?(?:pathologist|surgeon|physician|hospitalist|intensivist)|"
    r"(?-i:SW|PCT)|w/(?=[ ][A-Z]\.[ ]?[A-Z])|cosign(?:ed)?(?:[ \t]+by)?|"
    r"(?:follow(?:[ \t]|-)?up|f/u|appt\.?(?:[ \t]+(?:booked|made|scheduled))?)[ \t]+with|"
    # who asked for, dictated or drew something; a named counselor, therapist, coach or director
    r"(?:dictated|requested|collected|drawn|referred|written|prescribed)[ \t]+by|"
    r"(?:medical[ \t]+)?director|therapist|counselor|counsellor|coach|"
    # a supervisor, a resident (physician), the colleague of a double check, who ordered something
    r"supervisor|resident|(?:double[ -]?)?check(?:ed)?[ \t]+with|ordered[ \t]+by"
)


class LabelledNameRecognizer(AnchoredRecognizer):
    """Names in labelled fields and after role words: "Patient: Smith, Jane", "Ordering: J. Patel",
    "Sonographer: Bao", "PCP West, Dennis", "Results called to D. Gonzalez-Rivera", "-- Thuy Church"."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "labelled field",
            # "Insurance verified: BCBS PPO" names a payer, not the person who verified it.
            rf"(?<![A-Za-z])(?<!(?i:insurance|coverage|eligibility|benefits)[ \t]{{1,3}})(?i:{_PERSON_FIELD})"
            r"[ \t]*:[ \t]*(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?",
            0.7,
        ),
        Pattern(
            "role word",
            rf"(?<![A-Za-z/])(?i:{_PERSON_CUE})(?:[ \t]*:)?[ \t]+"
            r"(?:(?i:dr|mr|mrs|ms)\.?[ \t]*|(?:PA|NP|RN)[ ])?"
            rf"(?=[{_UPPER}]|{_LEADING_PARTICLE}[ ][{_UPPER}])",
            0.6,
        ),
        Pattern(
            "letter closing",
            r"(?<![A-Za-z])(?i:sincerely|regards|best[ \t]+wishes|best|thanks|thank[ \t]+you|"
            r"yours[ \t]+truly|"
            r"cordially|respectfully),?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:(?i:dr|mr|mrs|ms)\.?[ \t]*)?(?=[A-Z])",
            0.6,
        ),
        Pattern("signature dash", r"(?m:^)[ \t]*--[ \t]*(?=[A-Z])", 0.6),
        # a letter's salutation: "Dear Ana Ruiz:", "Dear Dr. Okafor,"
        # ("Dear Colleague", "Dear Sir or Madam" address no one by name).
        Pattern(
            "salutation",
            r"(?m:^)[ \t]*(?i:dear)[ \t]+(?:(?i:dr|mr|mrs|ms|mx)\.?[ \t]*)?(?=[A-Z])"
            r"(?!(?i:colleagues?|sirs?|madam|doctors?|team|patients?|parents?|providers?|friends?|family|"
            r"members?|customers?|valued|all|to|whom|provider|physician|clinician|employer|student)\b)",
            0.6,
        ),
    )
    CONTEXT = ("patient", "name", "signed", "physician", "provider")
    AFTER = _FIELD_NAME
    WINDOW = 60

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """As :meth:`AnchoredRecognizer.analyze`, without a qualification after a name ("Yours sincerely,
        Dr Ann Lee MRCGP")."""
        return _without_post_nominal(text, super().analyze(text, entities, nlp_artifacts, regex_flags))

    def keep(self, found: str) -> bool:
        """As :meth:`AnchoredRecognizer.keep`, and two or three capitals alone are an acronym: "CC: VB"
        is a chief complaint (vaginal bleeding), not a person."""
        if _ACRONYM.fullmatch(found):
            return False
        # "RE: Certification of ...", "Attn: Billing"
        if " " not in found and _NOUN_SUFFIX.search(found) and not lexicon().is_name(found.lower()):
            return False
        return super().keep(found)


_ACRONYM = re.compile(r"[A-Z]{2,3}")
# Endings of nouns that name a thing or an act, not a person ("Certification", "Management", "Billing").
_NOUN_SUFFIX = re.compile(r"(?i:tion|ment|ing|ness|ity|ance|ence)$")


class Hl7NameRecognizer(ClinicalPatternRecognizer):
    """Names written the HL7 way, family^given^middle ("HAYES^EITAN^S", "VAN WYK^TOMÁS^T")."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "hl7 name",
            rf"(?<![{_LETTER}])(?:[{_UPPER}][{_LETTER}'’-]*[ ])?[{_UPPER}][{_LETTER}'’-]+"
            rf"\^[{_UPPER}][{_LETTER}'’-]+(?:\^[{_UPPER}][{_LETTER}.]*)?(?![{_LETTER}])",
            0.7,
        ),
    )
    CONTEXT = ("pid", "obr", "patient")


_LISTED_NAME_WORD = r"(?:[A-Z][a-z'’-]+|[A-Z][A-Z'’-]+)"


class DictionaryNameRecognizer(ClinicalPatternRecognizer):
    """Full names whose first and last words are both in the US name lists Faker ships offline ("Amber
    Gamble is a 78-year-old..."): spaCy's small model misses many names at the start of a sentence or in
    capitals. Both words must be listed, so "Brown sputum" or "May start" are never names here."""

    ENTITY = "PERSON"
    PATTERNS = (
        Pattern(
            "first + last name", rf"\b{_LISTED_NAME_WORD}(?:[ \t]+[A-Z]\.?)?[ \t]+{_LISTED_NAME_WORD}\b", 0.7
        ),
    )
    CONTEXT = ("patient", "pt", "name", "called", "seen")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the first word is a listed first name and the last a listed last name."""
        words = pattern_text.split()
        return words[0].lower() in _FIRST_NAMES and words[-1].lower() in _LAST_NAMES


_LETTERS = re.compile(rf"[{_LETTER}]{{2,}}")


def _by_pattern(result: RecognizerResult, name: str) -> bool:
    explanation = result.analysis_explanation
    return explanation is not None and explanation.pattern_name == name


__all__ = [
    "CredentialNameRecognizer",
    "DictionaryNameRecognizer",
    "Hl7NameRecognizer",
    "LabelledNameRecognizer",
    "TitledPersonRecognizer",
]
