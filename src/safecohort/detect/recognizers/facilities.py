"""Facilities: hospitals (by their name's head word, its shape, a religious system or a campus),
facilities and care sites after a cue, care homes, specialty practices and sites before a department."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _LAST_NAMES,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    Pattern,
    _either_case,
)
from safecohort.detect.vocab.gazetteer import gazetteer, is_known_place
from safecohort.detect.vocab.lexicon import lexicon
from safecohort.detect.vocab.words import (
    clinical_terms,
    is_common_word,
    is_everyday_word,
    us_name_words,
    zipf,
)

# --- hospitals ----------------------------------------------------------------------------------------

_HOSPITAL_SUFFIX = _either_case(
    "Hospital Center",
    "Hospital",
    "Medical Center",
    "Medical Centre",
    "Med Ctr",
    "Clinic",
    "Health Center",
    "Health Centre",
    "Healthcare Center",
    "Health System",
    "Infirmary",
    "Hospice & Palliative Care",
    "Hospice and Palliative Care",
    "Hospice House",
    "Hospice",
    "Nursing Home",
    "Rehabilitation Center",
    "Rehab Center",
    "Center for Nursing & Rehabilitation",
    "Center for Nursing and Rehabilitation",
    "Surgical Center",
    "Surgery Center",
    "Cancer Center",
    "Medical Group",
    "Care Center",
    "Nursing Facility",
    "Skilled Nursing Facility",
    "Nursing and Rehabilitation Center",
    "Rehab",
    "Manor",
    "Associates",
    "Group",
    "Practice",
    "Pharmacy",
    "Drug",
    "Drugs",
    "VNA",
    "Home Health",
    "Medical Supply",
    "Occupational Health",
    "Inc.",
    "Inc",
    "LLC",
    "Women's and Infants",
    "Women's & Infants",
    "Internal Medicine",
    "Family Practice",
    "Family Medicine",
    "Urgent Care",
    "Rehabilitation and Nursing",
    "Rehabilitation & Nursing",
    # Generic heads below need a name word before them (see ``_GENERIC_SUFFIX_END``).
    "Institute",
    "Pavilion",
    "Assisted Living",
    "Senior Living",
    "Post-Acute & Memory Care",
    "Post-Acute and Memory Care",
    "Post-Acute Care",
    "Memory Care",
    "Skilled Nursing",
    "Endoscopy Center",
    "Sleep Center",
    "Community Health",
    "Memorial Health",
    "Primary Care",
    "Partners",
    "Consultants",
    "Specialists",
    "Laboratory",
    "Dialysis Unit",
    "Dialysis Center",
    "Kidney Center",
    "Health & Rehabilitation",
    "Health and Rehabilitation",
    "Adult Day Health",
    "Behavioral Health",
    "Renal Care",
    "Palliative Care",
    "Psych Unit",
    "Women's Imaging",
    "Imaging",
    "Counseling",
    "Pediatrics",
)
# A short name of a system or a site: "<name> Health" ("Kokomo Health", not "Health Maintenance") and
# "<name> Memorial" where the phrase ends ("seen at Ortiz Memorial before", "Ortiz Memorial Jan-2020").
_SHORT_FACILITY_HEAD = (
    rf"(?:Health|HEALTH)(?![ ]{_HOSPITAL_SUFFIX}\b)"
    r"(?![ ](?i:maintenance|questionnaire|history|status|literacy|insurance|proxy|care|"
    r"screening|education|plan|assessment)\b)"
    r"|(?:Memorial|MEMORIAL)(?=[ \t]*(?:[,.;:|()]|$)|[ \t]+(?:[a-z0-9]|(?i:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\b))"
)
# Words that name an institution in a facility's name although they are everyday English ("Mercy Psych
# Unit", "Sinai North", "Good Samaritan West").
_INSTITUTION_WORDS = frozenset(
    """mercy sinai methodist presbyterian baptist lutheran adventist samaritan providence deaconess
    saint st va""".split()  # noqa: SIM905 - reads better as text
)
_INSTITUTION = _either_case(
    "Sinai", "Mount Sinai", "Mt. Sinai", "Mercy", "Methodist", "Presbyterian", "Baptist", "Lutheran",
    "Adventist", "Good Samaritan", "Providence", "Deaconess",
)  # fmt: skip
# Institutions that name a hospital on their own (not "Baptist", "Methodist": also a faith).
_INSTITUTION_ALONE = _either_case("Mount Sinai", "Mt. Sinai", "Sinai", "Mercy", "Good Samaritan", "Deaconess")
# Hospitals named after a Christian title ("Holy Cross", "Good Shepherd", "Holy Redeemer").
_HOLY_NAME = _either_case(
    "Holy Cross", "Holy Family", "Holy Redeemer", "Holy Name", "Holy Spirit", "Holy Trinity", "Good Shepherd",
)  # fmt: skip
_COMPASS = _either_case(
    "North", "South", "East", "West", "Central", "Northeast", "Northwest", "Southeast", "Southwest"
)  # fmt: skip
# Forms of business after a practice's name ("Lakeside Internal Medicine, PC").
_BUSINESS_FORM = r"(?:,[ ](?:P\.C\.|PC|PLLC|LLC|L\.L\.C\.|Inc\.|INC\.|Inc|INC)(?![A-Za-z]))"
# A campus or a town after a dash ends a system's name ("Mercy Health - Dover Campus", "Saint Jude
# Hospital - Newton Emergency Department"): the name ends there, or a department follows.
_DASH_SITE = (
    r"(?:[ ][-–][ ][A-Z][A-Za-z'’-]+"
    r"(?:[ ](?!(?i:emergency|clinical|department|radiology|laboratory|campus)\b)[A-Z][A-Za-z'’-]+)?"
    r"(?:[ ](?:Campus|CAMPUS)(?![A-Za-z])"
    r"|(?=[ \t]*(?:[,.;:|()]|$)|[ \t]{2}|[ \t]+(?:[a-z0-9]|(?i:emergency|clinical|department|radiology|"
    r"laboratory|campus)\b))))"
)

# A building of a campus after a comma ends a hospital's name ("Dover Hospital Center, Reyes Tower").
_CAMPUS_BUILDING = (
    r"(?:,[ ][A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+)?[ ]"
    r"(?:Tower|TOWER|Building|BUILDING|Pavilion|PAVILION|Wing|WING|Annex|ANNEX)(?![A-Za-z]))"
)

# Specialties a practice joins with "&" to name itself ("Erie Skin & Laser", "Methuen Sleep & Pulmonary",
# "Riverside Ear, Nose & Throat", "Thomas Dermatology & Mohs Surgery").
_SPECIALTY = _either_case(
    "Skin", "Laser", "Sleep", "Pulmonary", "Lung", "Heart", "Vascular", "Vein", "Dermatology", "Mohs Surgery",
    "Surgery", "Allergy", "Asthma", "Ear", "Nose", "Throat", "Eye", "Vision", "Retina", "Spine", "Sports",
    "Orthopedics", "Orthopaedics", "Joint", "Bone", "Pain", "Wellness", "Fertility", "Kidney", "Hypertension",
    "Diabetes", "Endocrine", "Digestive", "Liver", "Foot", "Ankle", "Hand", "Plastic", "Cosmetic", "Hearing",
    "Balance", "Neurology", "Rheumatology", "Arthritis", "Cancer", "Blood", "Imaging", "Urology",
)  # fmt: skip
_SPECIALTY_PAIR = (
    rf"{_SPECIALTY}(?:,[ ]{_SPECIALTY})?[ ](?:&|and|AND)[ ]{_SPECIALTY}"
    r"(?:[ ](?:Center|Institute|Associates|Clinic|Specialists|CENTER|INSTITUTE|ASSOCIATES|CLINIC))?"
)
# Religious health systems named "Sisters of <order> <town>" (cf. "Our Lady of ...").
_RELIGIOUS_SYSTEM = (
    r"\b(?:Sisters|SISTERS|Daughters|DAUGHTERS)[ ](?i:of)[ ](?:(?:St|ST)\.[ ])?"
    r"(?!(?i:the|pt|patient)\b)[A-Z][A-Za-z'’-]+"
    r"(?:[ ](?!(?i:ed|er|icu|or|clinic|campus|unit|floor)\b)[A-Z][A-Za-z'’-]+){0,2}"
)
# Capitalised words that open a sentence or a header rather than a name ("Brief Hospital Course").
_HOSPITAL_NOT_NAME = (
    r"(?i:the|a|an|this|that|our|your|his|her|their|brief|outside|other|same|local|previous|prior|"
    r"at|in|to|from|admitted|transferred|discharged|seen|presented|called|via|and|or|dr|mr|mrs|ms|prof)"
)
_CAPITALISED = r"[A-Z][A-Za-z'’&./-]*"
# Not the start of a facility's name: a word right after a title and a name ("Dr. Ng of Oakridge Primary
# Care" names the practice from "Oakridge").
_NOT_AFTER_A_TITLE = r"(?<![-'’])(?<!\b(?i:dr|mr|mrs|ms|prof)\.?(?:[ ][A-Z][A-Za-z'’.-]*){0,2}[ ])"
# Prepositions of a line in capitals, never inside a name ("NOTED AT LAKEVIEW DIALYSIS UNIT").
_CAPITALS_PREPOSITION = r"(?:(?:AT|IN|TO|FROM|ON|WITH|PER|BY|VIA)\b|W/)"
# "Urgent Care & Occ Med", "... & Occupational Health" close a clinic's name.
_OCCUPATIONAL_HEALTH = r"(?i:occ(?:upational)?\.?[ ](?:med(?:icine)?|health))"
# Words after "Hospital" that start a department, an event or a record, not the hospital's town.
_NOT_A_HOSPITAL_TOWN = (
    r"(?i:course|stay|day|visit|note|records?|follow|admission|discharge|emergency|department|dept|"
    r"medical|center|inpatient|outpatient|pharmacy|lab|laboratory|radiology|cardiology|oncology|surgery|"
    r"medicine|icu|unit|floor|campus|system|network|transfer|policy|security|police|staff|ward|wing|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow)"
)


_PHARMACY_CHAIN = r"(?:CVS|Walgreens|WALGREENS|Rite Aid|RITE AID|Walmart|WALMART|Costco|Kroger|Stop & Shop)"


class HospitalRecognizer(ClinicalPatternRecognizer):
    """Capitalised names ending in Hospital, Medical Center, Clinic, Infirmary, ... ("St. Elsewhere
    Medical Center", "Brookline General Hospital", "Children's Hospital of Philadelphia")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "name + hospital suffix",
            rf"\b(?=[A-Z])(?!(?!(?:Our|OUR)[ ](?:Lady|LADY)\b){_HOSPITAL_NOT_NAME}\b)"
            rf"{_NOT_AFTER_A_TITLE}{_CAPITALISED}"
            rf"(?:[ ](?:(?i:of|the|and|for)[ ]|&[ ])*(?!{_CAPITALS_PREPOSITION}){_CAPITALISED}){{0,5}}?"
            rf"[ ](?:{_HOSPITAL_SUFFIX}\b|{_SHORT_FACILITY_HEAD})(?![ ](?:Hospital|HOSPITAL)\b)"
            r"(?:[ ](?:Group|GROUP|Associates|ASSOCIATES|Services|SERVICES|Partners|PARTNERS)\b)?"
            # "... Pharmacy & Gifts, 555-...", "... VNA & Hospice | Visit": a last word after "&".
            r"(?:[ ]&[ ][A-Z][A-Za-z'’-]+(?=[ \t]*(?:[,.;:|()]|$)|[ \t]+[a-z0-9+]))?"
            # "... at Attleboro", "... of St. Louis"; a full stop ends the town ("at Waterbury. Risks").
            r"(?:[ \t]+(?i:of|at)(?:[ \t]+(?i:the))?"
            r"(?:[ \t]+(?!(?i:department|dept|division|section|service|clinical|laboratory|emergency)\b)"
            r"(?:(?:St|ST|Mt|MT|Ft|FT)\.|[A-Z][A-Za-z'’-]*)){1,3})?"
            rf"(?:[ ]&[ ]{_OCCUPATIONAL_HEALTH})?{_CAMPUS_BUILDING}?{_DASH_SITE}?{_BUSINESS_FORM}?"
            r"(?![ \t]+(?i:course|stay|day|visit|note|follow))",
            0.7,
        ),
        # A practice named by its specialties ("Erie Skin & Laser", "Dublin Heart & Vascular Institute").
        Pattern(
            "name + specialty & specialty",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b){_CAPITALISED}"
            rf"(?:[ ](?!{_CAPITALS_PREPOSITION}){_CAPITALISED}){{0,2}}?"
            rf"[ ]{_SPECIALTY_PAIR}\b",
            0.6,
        ),
        Pattern("religious health system", _RELIGIOUS_SYSTEM, 0.6),
        # A centre of a hospital named before it ("Center for Sleep Medicine at Dover General Hospital"):
        # the words up to "at"; the hospital after it is found on its own.
        Pattern(
            "center for ... at",
            r"\b(?:Center|CENTER|Institute|INSTITUTE)[ ](?:for|FOR)[ ][A-Z][A-Za-z'’-]+"
            rf"(?:[ ](?:&[ ]|(?i:and)[ ])?[A-Z][A-Za-z'’-]+){{0,3}}?[ ](?:at|AT)(?=[ ]{_CAPITALISED}[ ]"
            rf"(?:{_CAPITALISED}[ ]){{0,4}}(?:{_HOSPITAL_SUFFIX})\b)",
            0.6,
        ),
        # An institution's name on its own where a place stands ("records from Deaconess", "(Good
        # Shepherd)"): after "from", "at" or "to", or alone in parentheses.
        Pattern(
            "institution alone",
            rf"(?:(?<=\()|(?<=\b(?:from|at|to|FROM|AT|TO)[ ]))(?:{_INSTITUTION_ALONE}|{_HOLY_NAME})"
            r"(?=[ \t]*(?:[.,;:)|]|$))",
            0.6,
        ),
        # A system's campus named by its direction ("Sinai West", "Good Samaritan North", "Mercy South").
        Pattern("institution + compass point", rf"\b{_INSTITUTION}[ ]{_COMPASS}(?![A-Za-z'’-])", 0.6),
        # A hospital's short possessive form ("(Saint Agatha's)", "LAST ADMIT SAINT ROCH'S"); not the
        # herb, the feast or the disease ("St. John's wort", "St. Patrick's Day", "St. Vitus' dance").
        Pattern(
            "saint's",
            r"\b(?:Saint|SAINT|St\.|ST\.)[ ][A-Z][A-Za-z-]+['’][sS](?![A-Za-z])"
            r"(?![ \t]+(?i:wort|day|eve|dance|fire|cross|feast|parish|church|school|academy)\b)",
            0.6,
        ),
        # "Hospice of the Valley", "Hospice of Dover": the town after it names the agency.
        Pattern(
            "hospice of",
            r"\b(?:Hospice|HOSPICE)[ ](?i:of)[ ](?:(?i:the)[ ])?(?:(?:North|South|East|West|New|Port)[ ])?"
            r"[A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+)?(?=[ \t]*(?:[,.;:|()]|$)|[ \t]+[a-z0-9])",
            0.6,
        ),
        # A chain's hospital named after its town ("Kindred Hospital Sandwich", "Shriners Hospital
        # Springfield"): one or two capitalised words after "Hospital" that end the phrase.
        Pattern(
            "name + hospital + town",
            rf"\b(?!{_HOSPITAL_NOT_NAME}\b){_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,2}}?"
            rf"[ ](?:Hospital|HOSPITAL)[ ](?!{_NOT_A_HOSPITAL_TOWN}\b)[A-Z][a-z'’-]+"
            rf"(?:[ ](?!{_NOT_A_HOSPITAL_TOWN}\b)[A-Z][a-z'’-]+)?"
            r"(?=[ \t]*(?:[,.;:|()]|$)|[ \t]{2}|[ \t]+[a-z])",
            0.6,
        ),
        # Pharmacy chains a refill or a call names ("from CVS", "Walgreens #1234").
        Pattern(
            "pharmacy chain",
            rf"\b{_PHARMACY_CHAIN}(?:[ \t]+(?i:pharmacy))?(?:[ \t]*\#[ \t]*\d+)?",
            0.6,
        ),
    )
    CONTEXT = ("hospital", "transfer", "admit", "center", "clinic")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The facilities of a note, each without the label word in front of its name."""
        return _trim_leading_words(text, super().analyze(text, entities, nlp_artifacts, regex_flags))

    def validate_result(self, pattern_text: str) -> bool:
        """A name before a generic suffix ("Pharmacy", "Group", "Rehab") must hold a word that is not
        everyday English or a place: "Stonebrook Pharmacy" is a place, "Spanish Pharmacy" or "WANTS REHAB"
        is not; a chain is named whatever its words ("Stop & Shop Pharmacy")."""
        match = _GENERIC_SUFFIX_END.search(pattern_text) or _SPECIALTY_PAIR_SEEN.search(pattern_text)
        if match is None or re.match(_PHARMACY_CHAIN, pattern_text):
            return True
        if _CLINICAL_SERVICE_HEAD.match(pattern_text, match.start()):
            topic = _HEALTH_TOPIC.search(pattern_text)
            # "Oral Health", "Mental Health": a topic, not a system; "Lee Home Health" is an agency
            if topic is not None and not (
                topic[0].lower().startswith("home") and _holds_a_proper_name(pattern_text[: topic.start()])
            ):
                return False
            return _holds_a_proper_name(pattern_text[: match.start()])
        return _holds_a_name(pattern_text[: match.start()])


# Words that open a name ("Lake John", "North Sean", "St. Clare", "Our Lady of"): never trimmed off it.
_TOWN_PREFIX = frozenset(
    """north south east west new old lake port mount mt fort ft saint st san santa glen point cape upper
    lower great little our""".split()  # noqa: SIM905 - reads better as text
)
# Words that open a facility's name rather than label it ("University Hospitals Dover Medical Center").
_FACILITY_OPENER = frozenset(
    {"university", "hospitals", "county", "regional", "veterans", "general", "holy", "good"}
)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_NAME_HEAD: re.Pattern[str] | None = None
# A name that starts right after a preposition, a bar or a parenthesis starts there: nothing to trim
# ("Isolate sent to Climax Genomic Diagnostics", "REPORT | Hope Genomic Diagnostics").
_NAME_STARTS_BEFORE = re.compile(r"(?:\b(?i:at|to|from|of|by|with|via|for|in)[ \t]+|[|(][ \t]*|--[ \t]*)$")


# Cues of a transport report before an ambulance service's name: "BIBA" (brought in by ambulance), "BIB",
# "ALS", "BLS".
_TRANSPORT_CUES = frozenset({"biba", "bib", "als", "bls"})


def _after_a_preposition(text: str, result: RecognizerResult) -> bool:
    """Whether ``result`` starts right after a preposition, a bar, a parenthesis or a dash."""
    return _NAME_STARTS_BEFORE.search(text, max(0, result.start - 8), result.start) is not None


def _trim_leading_words(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` with common words in front of the name dropped ("Supplier Hartford Regional Blood
    Center", "Referral Shore Home Care"), as long as what is left before the head word still holds a name."""

    global _NAME_HEAD
    if _NAME_HEAD is None:
        _NAME_HEAD = re.compile(
            rf"[ ](?:{_HOSPITAL_SUFFIX}|{_SHORT_FACILITY_HEAD}|{_SPECIALTY_PAIR}|{_ORG_HEAD}|"
            rf"{_WEAK_ORG_HEAD})(?![A-Za-z])"
        )
    for result in results:
        head = _NAME_HEAD.search(text, result.start, result.end)
        if head is None:
            continue
        words = list(_NAME_WORD.finditer(text, result.start, head.start()))
        while len(words) > 1:
            first, rest = words[0][0], words[1]
            if first.rstrip(".").lower() in _TOWN_PREFIX | _FACILITY_OPENER | _INSTITUTION_WORDS:
                break
            if not rest[0][0].isupper():
                break
            if is_known_place(first) or is_known_place(f"{first} {rest[0]}"):
                break
            if _after_a_preposition(text, result):
                break
            if first.lower() in _TRANSPORT_CUES:  # "BIBA Dover Ambulance": how the patient came
                words.pop(0)
                result.start = rest.start()
                continue
            if not is_common_word(first) or not _holds_a_name(text[rest.start() : head.start()]):
                break
            words.pop(0)
            result.start = rest.start()
    return results


# Heads that clinical text also puts after a modality or a specialty ("Myocardial Perfusion Imaging",
# "Genetic Counseling", "General Pediatrics", "Mental Health"): the name before them must be a proper name.
_CLINICAL_SERVICE_HEAD = re.compile(
    r"(?i:women's[ ]imaging|imaging|counseling|pediatrics|psych[ ]unit|health|memorial|behavioral[ ]health|"
    r"renal[ ]care|palliative[ ]care|adult[ ]day[ ]health)\b(?![ ](?i:health|hospital)\b)"
)
_HEALTH_TOPIC = re.compile(
    r"\b(?i:oral|mental|public|women's|men's|sexual|employee|student|population|global|community|home|"
    r"child|family|dental|spiritual|emotional|physical|reproductive|environmental)[ ](?i:health)\b"
)
#: Words rarer than this in English are names rather than vocabulary ("Pinefield", "Rachelside").
_RARE_WORD_ZIPF = 2.0
# A name any locale lists, or a town the gazetteer lists, is a proper name below this frequency
# ("Okafor", "Salem"; not "Grace", "Central").
_LISTED_NAME_MAX_ZIPF = 4.0


def _holds_a_proper_name(text: str) -> bool:
    """Whether the words before a clinical service head hold a proper name: a listed person's name, a
    place the gazetteer lists, an institution's word ("Mercy", "Sinai"), or a word too rare to be
    vocabulary; not a modality or a specialty ("Myocardial Perfusion", "Genetic")."""

    words = [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() not in _NAME_FILLERS]
    for word in words:
        base = word.lower()
        if base in clinical_terms():
            continue
        if base in _INSTITUTION_WORDS or base in us_name_words() or zipf(base) < _RARE_WORD_ZIPF:
            return True
        if zipf(base) < _LISTED_NAME_MAX_ZIPF and (
            lexicon().is_name(base) or gazetteer().is_place(word.title())
        ):
            return True
    pairs = (" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    return any(is_known_place(name) or is_known_place(name.title()) for name in (*words, *pairs))


def _holds_a_name(text: str) -> bool:
    """Whether the words before a generic head hold a name: a word that is not everyday English, or a
    place the gazetteer lists ("Norway Community Blood Bank", "Dublin Fire Rescue"; not "Normal Heart &
    Lung", "Spanish Pharmacy")."""

    words = [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() not in _NAME_FILLERS]
    if any(not is_everyday_word(word) or word.lower() in _INSTITUTION_WORDS for word in words):
        return True
    pairs = (" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    return any(is_known_place(name) or is_known_place(name.title()) for name in (*words, *pairs))


_GENERIC_SUFFIX_END = re.compile(
    r"(?i:rehab|manor|associates|group|practice|pharmacy|drugs?|internal[ ]medicine|urgent[ ]care|"
    r"endoscopy[ ]center|sleep[ ]center|post-acute[ ](?:care|(?:&|and)[ ]memory[ ]care)|"
    r"institute|pavilion|assisted[ ]living|senior[ ]living|memory[ ]care|skilled[ ]nursing|"
    r"community[ ]health|memorial[ ]health|primary[ ]care|partners|consultants|specialists|laboratory|"
    r"dialysis[ ](?:unit|center)|kidney[ ]center|health[ ](?:&|and)[ ]rehabilitation|adult[ ]day[ ]health|"
    r"behavioral[ ]health|renal[ ]care|palliative[ ]care|psych[ ]unit|women's[ ]imaging|imaging|counseling|"
    r"pediatrics|health|memorial)"
    # what may follow the head word: a town, a last word after "&", a site after a dash, a business form
    r"(?:(?:[ \t]+(?i:of|at)\b|[ ]&[ ]|[ ][-–][ ]|,[ ]|[ ](?i:group|associates|services)\b).*)?$"
)
_NAME_FILLERS = frozenset({"of", "the", "and", "for", "at", "w"})
_SPECIALTY_PAIR_SEEN = re.compile(rf"\b{_SPECIALTY_PAIR}")


_FACILITY_WORD = r"(?:St\.|ST\.|[A-Z][A-Za-z'’&-]*)"
_FACILITY_CUE = (
    r"facility|pharmacy|agency|snf|rehab[ \t]+at|sent(?:[ \t]+in)?[ \t]+from|transferred[ \t]+(?:from|to)|"
    r"admitted[ \t]+from|discharged[ \t]+to|nursing[ \t]+home"
)


class FacilityRecognizer(AnchoredRecognizer):
    """Facilities named after a label or a transfer ("Facility: Burke House Nursing and Rehabilitation
    Center", "WANTS REHAB AT CEDARDALE REHAB", "sent in from Mill Pines")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (Pattern("facility cue", rf"(?<![A-Za-z])(?i:{_FACILITY_CUE})[ \t]*:?[ \t]*(?=[A-Z])", 0.6),)
    CONTEXT = ("facility", "transfer", "rehab", "pharmacy")
    AFTER = re.compile(
        rf"(?!(?i:the|home|hospital|rehab|nursing|ed|er|icu|floor|clinic)\b){_FACILITY_WORD}"
        rf"(?:[ ](?:(?i:of|and|the|at|for)[ ]|&[ ])*{_FACILITY_WORD}){{0,6}}"
    )
    WINDOW = 90


# Units and services a patient is admitted or transferred to: never a facility's name.
_HOSPITAL_UNIT = re.compile(
    r"(?i:icu|micu|sicu|ccu|cvicu|nicu|picu|pacu|ed|er|or|tele|telemetry|floor|medicine|surgery|rehab|"
    r"hospice|home|step-?down|psych|psychiatry|labor|l&d|ir|cath|cardiology|neurology|oncology|bedside)$"
)


class CareSiteRecognizer(FacilityRecognizer):
    """A facility or a health system's site named where care happens, with no suffix to tell it: "Site:
    UMass Fitchburg", "transfer to UMass Amyland for", "followed by Dr. Perez at Bayhaven Women's and
    Infants'", "MD (NPI 2582083016), UMass Woonsocket". The name must hold a word that is not everyday
    English and not open with a unit ("admit to MICU", "transfer to Medicine" are not facilities)."""

    PATTERNS = (
        Pattern(
            "site cue",
            r"(?<![A-Za-z])(?i:site|performing[ \t]+site|location|retrieval[ \t]+clinic)[ \t]*:[ \t]*"
            r"(?=[A-Z])"
            r"|\b(?i:transfer|admit|return(?:ed)?|follow(?:ed|s)?[ \t]+up|going)[ \t]+(?i:to|at)[ \t]+"
            r"(?=[A-Z])"
            r"|\b(?:Dr|DR)\.?[ \t]+[A-Z][A-Za-z'’-]+(?:[ -][A-Z][A-Za-z'’-]+)?[ \t]+(?i:at)[ \t]+(?=[A-Z])"
            r"|\((?i:npi)[ \t]*[\#:]?[ \t]*\d{10}\),[ \t]*(?=[A-Z])",
            0.6,
        ),
    )
    # Without "for" and "at" between words: "transfer to Lahey Burlington for ERCP" ends at the town.
    AFTER = re.compile(
        rf"(?!(?i:the|home|hospital|rehab|nursing|ed|er|icu|floor|clinic)\b){_FACILITY_WORD}"
        rf"(?:[ ](?:(?i:of|and|the)[ ]|&[ ])*{_FACILITY_WORD}){{0,6}}"
    )

    def keep(self, found: str) -> bool:
        """Not a unit or service, and a word that is neither everyday English nor a clinical term (a
        name of one word must not even be common English: "at BEDSIDE")."""

        words = [word.rstrip("'’") for word in re.findall(r"[A-Za-z][A-Za-z'’&-]*", found)]
        if not words or _HOSPITAL_UNIT.match(words[0]):
            return False
        if len(words) == 1:
            return not is_common_word(words[0])
        return any(not is_everyday_word(word) for word in words)


_ORG_WORD = r"[A-Z][A-Za-z'’.-]*[A-Za-z]"
# Head words that make the capitalised words before them a company whatever they are ("Boston Public
# Schools", "Lopez Landscaping"), and weaker ones that need a name no dictionary calls everyday English
# ("Genomix Diagnostics", not "Clinical Laboratories").
_ORG_HEAD = _either_case(
    "Tool & Die", "Tool and Die", "Landscaping", "Credit Union", "Apothecary", "Public Schools",
    "School District", "& Sons", "and Sons", "Construction", "Trucking", "Roofing", "Plumbing",
    "Visiting Nurse Association", "Visiting Nurses Association", "Critical Care Transport",
    "Home Care Partners", "Islamic Center", "Baptist Church", "Methodist Church", "Catholic Church",
    "Lutheran Church", "Presbyterian Church", "Episcopal Church", "Congregational Church", "Synagogue",
    "Mosque", "Water Department", "Water Dept", "Cremation Services", "Cremation Service", "Funeral Home",
    "Funeral Chapel", "Funeral Services", "Funeral Service", "Visiting Nurses", "Home Infusion",
    "Department of Social Services", "Excavation", "Creamery",
)  # fmt: skip
# ("Labs" is left out: it heads a section of most notes; "Ambulance", "Blood Bank" and "Fire Rescue" are
# also services of the hospital itself: "called Blood Bank", "ALS Ambulance".)
_WEAK_ORG_HEAD = _either_case(
    "Laboratories", "Diagnostics", "Manufacturing", "Industries", "Ambulance Service", "Ambulance",
    "Fire Rescue", "Fire Department", "Blood Center", "Blood Bank", "Home Care", "Electric", "Heating",
    "Masonry", "Paving", "Contracting", "Excavating", "Hardware",
    # faith communities, schools, public agencies and services, transport, reference labs
    "Church", "Parish", "High School", "Middle School", "Elementary School", "Academy", "Public Works",
    "Housing Authority", "Council on Aging", "Food Pantry", "Food Bank", "Regional Transit",
    "Transit Authority", "Medical Rides", "Chair Car", "Reference Labs", "Reference Laboratory",
    "Early Intervention", "Police Department", "Police Dept", "Sheriff's Office", "Sheriff's Department",
    # suppliers of home equipment and oxygen, state police
    "Home Medical", "Respiratory Services", "Oxygen", "Solutions", "State Police",
)  # fmt: skip


class CareHomeRecognizer(ClinicalPatternRecognizer):
    """Senior living and care homes named "The <surname> at <place>" ("The Bentley at Brookridge"), the
    way such communities are branded; the surname must be in Faker's US list, or the word one of the
    plural landscape words such communities take ("The Willows at Westfield", "The Arbors at Hill")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "the name at place",
            r"\b(?:The|THE)[ ][A-Z][A-Za-z'’-]+[ ](?:at|AT)[ ][A-Z][A-Za-z'’-]+(?:[ ][A-Z][A-Za-z'’-]+)?\b",
            0.6,
        ),
    )
    CONTEXT = ("resident", "facility", "discharge", "transition")

    def validate_result(self, pattern_text: str) -> bool:
        """True when the word after "The" is a listed surname or a care-home word."""
        word = pattern_text.split()[1].lower()
        return word in _LAST_NAMES or word in _CARE_HOME_WORDS


_CARE_HOME_WORDS = frozenset(
    """arbors gardens willows pines oaks elms maples birches meadows commons terraces residences landings
    orchards groves highlands villas cottages courtyards estates woods heights glens knolls residence
    village lodge""".split()  # noqa: SIM905
)


# Specialties a practice is named after ("Dover Area Gastroenterology", "Unity Pathology Associates").
_PRACTICE_SPECIALTY = _either_case(
    "Gastroenterology", "Hematology-Oncology", "Hematology/Oncology", "Hematology & Oncology", "Hematology",
    "Oncology", "Rheumatology", "Cardiology", "Dermatology", "Urology", "Nephrology", "Pulmonology",
    "Neurology", "Endocrinology", "Ophthalmology", "Otolaryngology", "Podiatry", "Pathology", "OB-GYN",
    "OB/GYN", "Obstetrics & Gynecology", "Digestive Health", "Digestive Disease",
)  # fmt: skip
_PRACTICE_TAIL = _either_case(
    "Associates", "Partners", "Group", "Consultants", "Specialists", "Center", "Institute", "Clinic"
)  # fmt: skip
_PRACTICE_HEAD = re.compile(rf"[ ](?:(?:Area|AREA)[ ])?{_PRACTICE_SPECIALTY}(?![A-Za-z/-])")


class SpecialtyPracticeRecognizer(AnchoredRecognizer):
    """A practice named after its town or founder and its specialty: "Dover Area Gastroenterology",
    "Unity Pathology Associates", "St. Albans Hematology-Oncology & Wellness", "Lowell Digestive Health,
    LLC". The specialty is the anchor and the name is read before it; without "Area" or a word of a
    practice after the specialty ("Associates", "& Wellness", ", LLC") the name must be a proper name,
    so a service ("Pediatric Cardiology", "GI Pathology", "Called Cardiology") is not a practice."""

    ENTITY = "HOSPITAL"
    PATTERNS = (
        Pattern(
            "specialty",
            rf"(?<=[A-Za-z])[ ](?:(?:Area|AREA)[ ])?{_PRACTICE_SPECIALTY}(?![A-Za-z/-])"
            rf"(?:[ ]{_PRACTICE_TAIL}(?![A-Za-z]))?(?:[ ](?:&|and|AND)[ ](?:Wellness|WELLNESS)\b)?"
            rf"{_BUSINESS_FORM}?",
            0.6,
        ),
    )
    CONTEXT = ("practice", "referring", "clinic")
    BEFORE = re.compile(
        rf"(?:(?:St|ST|Mt|MT)\.[ ])?(?!{_HOSPITAL_NOT_NAME}\b)(?!{_CAPITALS_PREPOSITION}){_ORG_WORD}"
        rf"(?:[ ](?!{_CAPITALS_PREPOSITION}){_ORG_WORD}){{0,2}}$"
    )
    WINDOW = 50

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The name before the specialty and the specialty with what closes it."""
        span = super()._next_to(text, start, end)
        return None if span is None else (span[0], end)

    def keep(self, found: str) -> bool:
        """A word before the specialty that is not a clinical term, and "Area", a practice's word after
        the specialty or a proper name."""

        head = _PRACTICE_HEAD.search(found)
        if head is None:
            return False
        before = found[: head.start()]
        words = [
            word
            for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", before)
            if word.lower() not in clinical_terms() and word.lower() not in _NAME_FILLERS
        ]
        if not words:
            return False
        if head[0].lower().startswith(" area ") or found[head.end() :].strip():
            return True
        return _holds_a_proper_name(before)


_SITE_DEPARTMENT = (
    r"[ ](?:(?:Emergency|EMERGENCY)[ ](?:Dept|Department|DEPT|DEPARTMENT)|(?:Birthing|BIRTHING)[ ]"
    r"(?:Center|CENTER))(?![A-Za-z])"
)
# Words that open a hospital's name of everyday words ("Holy Cross", "Good Shepherd", "Our Lady").
_HOSPITAL_OPENER = frozenset({"holy", "good", "our", "saint", "st", "mount", "mt"})


class SiteBeforeDepartmentRecognizer(AnchoredRecognizer):
    """A hospital named before one of its departments: "Mercy Emergency Dept", "HOLY CROSS BIRTHING
    CENTER". The name only; it must hold a name, an institution's word or open like one ("Holy", "Good"),
    not a kind of department ("Pediatric Emergency Department", "Main Emergency Department")."""

    ENTITY = "HOSPITAL"
    PATTERNS = (Pattern("department", _SITE_DEPARTMENT, 0.6),)
    CONTEXT = ("hospital", "department")
    BEFORE = re.compile(
        rf"(?!{_HOSPITAL_NOT_NAME}\b)(?!{_CAPITALS_PREPOSITION}){_ORG_WORD}"
        rf"(?:[ ](?!{_CAPITALS_PREPOSITION}){_ORG_WORD}){{0,2}}$"
    )
    WINDOW = 40

    def keep(self, found: str) -> bool:
        """A name, an institution's word, or a name opened by "Holy", "Good", "Saint", ..."""

        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", found)
        if not words or all(word.lower() in clinical_terms() for word in words):
            return False
        if words[0].lower() in _HOSPITAL_OPENER and len(words) > 1:
            return True
        return _holds_a_name(found)


__all__ = [
    "CareHomeRecognizer",
    "CareSiteRecognizer",
    "FacilityRecognizer",
    "HospitalRecognizer",
    "SiteBeforeDepartmentRecognizer",
    "SpecialtyPracticeRecognizer",
]
