"""Place and organisation recognizers: hospitals, facilities, care sites and care homes, employers and
companies, professions, landmarks, ZIP codes, street addresses, states, and cities read before a state
or after a cue (the gazetteer and the reading are in :mod:`safecohort.detect.places`)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from faker.providers.address.en_US import Provider as UsAddress
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from safecohort.detect.recognizers.base import (
    _LAST_NAMES,
    _TITLE,
    CASE_SENSITIVE,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    _either_case,
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
    from safecohort.detect.places import is_known_place
    from safecohort.detect.vocab import is_common_word

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
    from safecohort.detect.general import lexicon
    from safecohort.detect.places import gazetteer, is_known_place
    from safecohort.detect.vocab import clinical_terms, us_name_words, zipf

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
    from safecohort.detect.places import is_known_place
    from safecohort.detect.vocab import is_everyday_word

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


# --- ZIP codes and street addresses -------------------------------------------------------------------

# fmt: off
_US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
    "WA", "WV", "WI", "WY",
)
# fmt: on
# Postal codes, then the AP style abbreviations ("Mass.", "N.M.", "W.Va.") that older letters and notes use.
_STATE = (
    "(?:" + "|".join(_US_STATES) + r"|(?:Mass|Calif|Penn)\.?|(?:Ala|Ariz|Ark|Colo|Conn|Del|Fla|Ga|Ill|Ind|"
    r"Kans?|Ky|La|Md|Mich|Minn|Miss|Mo|Mont|Nebr?|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.|"
    r"[NSR]\.[ ]?[CDHIJMY]\.|W\.[ ]?Va\.)"
)
_STATE_NAME = _either_case(
    *"""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
    Vermont Virginia Washington Wisconsin Wyoming""".split(),  # noqa: SIM905 - a word list reads better as text
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
    "Puerto Rico",
    "District of Columbia",
)


class ZipCodeRecognizer(ClinicalPatternRecognizer):
    """US ZIP codes (5 or 5+4 digits) after a state abbreviation, or near an address word."""

    ENTITY = "ZIP_CODE"
    PATTERNS = (
        Pattern("zip after state", rf"(?<=\b{_STATE},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip after state name", rf"(?<=\b{_STATE_NAME},?[ \t]+)\d{{5}}(?:-\d{{4}})?\b", 0.75),
        Pattern("zip+4", r"(?<![\w.-])\d{5}-\d{4}(?![\w-])", 0.3),
        Pattern("5 digits", r"(?<![\w.,/-])\d{5}(?![\w/-]|[.,]\d)", 0.05),
    )
    CONTEXT = ("zip", "postal", "address", "addr", "street", "city", "state", "lives", "reside")


# Abbreviations and common forms first, then USPS Publication 28's standard suffixes as Faker ships them
# offline ("Ports", "Oval", "Pines"); dict.fromkeys drops the repeats and keeps the order.
_STREET_SUFFIX = _either_case(
    *dict.fromkeys(
        (
            "Street",
            "St",
            "Avenue",
            "Ave",
            "Road",
            "Rd",
            "Boulevard",
            "Blvd",
            "Lane",
            "Ln",
            "Drive",
            "Dr",
            "Court",
            "Ct",
            "Way",
            "Place",
            "Pl",
            "Terrace",
            "Ter",
            "Parkway",
            "Pkwy",
            "Highway",
            "Hwy",
            "Circle",
            "Cir",
            "Square",
            "Sq",
            "Park",
            "Row",
            "Trail",
            "Plaza",
            "Alley",
            "Route",
            "Rte",
            "Turnpike",
            "Pike",
            "Crescent",
            "Close",
            *UsAddress.street_suffixes,
        )
    )
)
_UNIT = (
    r"(?:(?i:apt|apartment|suite|ste|unit|rm|room|fl|floor|lot|trlr|spc)\.?[ \t]*\#?|\#)"
    r"[ \t]*[A-Za-z0-9-]*\d[A-Za-z0-9-]*"
)
_STREET = (
    # "12 Elm St", "12B Elm St", "12-14 Elm St", "12-B Elm St"
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,4}|-[A-Z](?=[ \t]))?[ \t]+"
    r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?"
    rf"(?:(?:{_CAPITALISED}|\d{{1,3}}(?:st|nd|rd|th))[ \t]+){{1,4}}{_STREET_SUFFIX}\b\.?"
)


# A house on a numbered road ("4410 Rte 9A", "12 State Route 32", "880 Hwy 61 N"), a rural route box
# ("Rural Route 4 Box 90", "RR 2, Box 15"; "RR 18" alone is a respiratory rate).
_NUMBERED_ROUTE = (
    r"(?<![\w.,/-])\d{1,6}[A-Za-z]?[ \t]+(?:(?:State|STATE|County|COUNTY|US|U\.S\.|Old|OLD)[ \t]+)?"
    r"(?:Rte|RTE|Route|ROUTE|Hwy|HWY|Highway|HIGHWAY|Road|ROAD|Rt|RT)\.?[ \t]+\d{1,4}[A-Za-z]?\b"
    r"(?:[ \t]+(?:N|S|E|W|North|South|East|West)\b)?"
)
_RURAL_ROUTE = (
    r"\b(?:Rural[ \t]+Route|RURAL[ \t]+ROUTE|RR|R\.R\.)[ \t]+\d{1,3},?[ \t]+(?i:box)[ \t]+\d{1,5}\b"
)


class StreetAddressRecognizer(ClinicalPatternRecognizer):
    """Number + capitalised words + street suffix ("12 Elm Street", "400 W 5th Ave Apt 3B"); units and
    PO boxes on their own ("Apt. 595", "Suite 200", "PO Box 12")."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = (
        Pattern("street address", rf"{_STREET}(?:,?[ \t]*{_UNIT})?", 0.75),
        Pattern("numbered route", rf"{_NUMBERED_ROUTE}(?:,?[ \t]*{_UNIT})?", 0.75),
        Pattern("rural route", _RURAL_ROUTE, 0.7),
        Pattern("unit", r"\b(?i:apt|apartment|suite|ste)\.?[ \t]*\#?[ \t]*\d+[A-Za-z]?\b", 0.5),
        Pattern("po box", r"\b(?i:p\.?[ \t]?o\.?[ \t]*box)[ \t]*\d+\b", 0.7),
    )
    CONTEXT = ("address", "lives", "reside", "street", "home")


# --- employers -------------------------------------------------------------------------------------


class EmployerRecognizer(AnchoredRecognizer):
    """Employers and workplaces: "works at the MBTA", "a cashier at Smith, Clements and Ray", "works
    nights at Martinez and Sons", "employed by OncoSeq Inc."."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "work cue",
            r"\b(?i:works|worked|working|employed|employee|job|cashier|supervisor|manager|clerk|driver|"
            r"teacher|engineer|technician|mechanic|nurse|aide|volunteers?|retired)\b:?"
            # "works as a dental hygienist at", "retired from work as a retired Army medic at"
            r"(?:[ \t]+[A-Za-z'’-]+){0,6}?[ \t]+(?i:at|for|by|from)[ \t]+(?=(?:the[ \t]+)?[A-Z])",
            0.6,
        ),
        # A work phone's employer, a letter to an employer, a device maker's representative:
        # "(WORK, STOP & SHOP)", "Human Resources, Wilson-Burns", "rep from Medtronic".
        Pattern(
            "employer label",
            r"\((?i:work|employer)[ \t]*,[ \t]*(?=[A-Z])"
            r"|\b(?:Human[ \t]+Resources|HUMAN[ \t]+RESOURCES|Employee[ \t]+Health|Payroll),"
            r"[ \t]*(?=[A-Z])"
            r"|\b(?i:rep|representative)[ \t]+(?i:from)[ \t]+(?=[A-Z])"
            # "needs a work note for Harmon Foods", "work excuse for"
            r"|\b(?i:work|employer)[ \t]+(?i:note|letter|excuse|form)[ \t]+(?i:for|to)[ \t]+(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("works", "employer", "job")
    # "the" belongs to the name where the note writes it ("works at the MBTA").
    AFTER = re.compile(
        r"(?:(?i:the)[ ])?[A-Z][A-Za-z'’&.-]*[A-Za-z]"
        r"(?:(?:,[ ]|[ ](?i:and|&|of|the)[ ]|[ ]|-)[A-Z][A-Za-z'’&.-]*[A-Za-z]){0,4}"
    )
    WINDOW = 60

    def keep(self, found: str) -> bool:
        """Not a single everyday word ("works at Home", "for Surgery"), nor a phrase in capitals read
        through a preposition ("TEACHER AND WILL DO CHANGES AT HOME IN ERIE")."""
        from safecohort.detect.vocab import is_everyday_word

        words = [word for word in re.findall(r"[A-Za-z]+", found) if word.lower() != "the"]
        if any(word.lower() in _NOT_IN_AN_EMPLOYER for word in words[1:]):
            return False
        return not (len(words) == 1 and is_everyday_word(words[0]))


_NOT_IN_AN_EMPLOYER = frozenset({"in", "on", "at", "to", "from", "with", "by", "for", "is", "was"})


# --- places: cities and countries (the gazetteer and the reading are in safecohort.detect.places) -------

_PLACE_CONNECTOR = r"(?:of|or|on|upon|de|del|la|le|du)"


class CityRecognizer(AnchoredRecognizer):
    """The city in an address line before a state and ZIP code ("Worcester, MA 02170", "Truth or
    Consequences, N.M. 87042")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("state and zip", rf",[ \t]*{_STATE}[ \t]+\d{{5}}(?:-\d{{4}})?\b", 0.7),)
    CONTEXT = ("city", "address", "lives")
    BEFORE = re.compile(
        rf"[A-Z][A-Za-z.'’-]*[A-Za-z](?:[ ](?:{_PLACE_CONNECTOR}[ ])?[A-Z][A-Za-z.'’-]*[A-Za-z]){{0,2}}$"
    )
    WINDOW = 40


_PLACE_CUES: dict[str, Any] = {}  # place cue patterns, compiled on first use


class PlaceReadingRecognizer(AnchoredRecognizer):
    """A recognizer whose anchor is a place cue and whose finding is the place name read right after it
    by :func:`safecohort.detect.places.read_place`: after a ``STRONG`` cue any capitalised name, after a
    weak one only a name the gazetteer lists that is neither an everyday word nor a person's name."""

    ENTITY = "LOCATION"
    STRONG: ClassVar[bool] = True

    def load(self) -> None:
        """Read the gazetteer now, while the scanner is built (about a second; forked workers share it)."""
        from safecohort.detect.places import gazetteer

        gazetteer()

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """One result per cue with a place after it. Cues ("in", "from", a comma) are frequent and most
        have no place after them, so the patterns run here rather than through presidio's per-match
        bookkeeping, compiled as presidio compiles them (the ``regex`` module, the class's flags)."""
        import regex

        if self.ENTITY not in entities:
            return []
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        results = []
        for pattern in self.PATTERNS:
            compiled = _PLACE_CUES.get(pattern.regex)
            if compiled is None:
                compiled = _PLACE_CUES[pattern.regex] = regex.compile(pattern.regex, flags=CASE_SENSITIVE)
            for anchor in compiled.finditer(text):
                span = self._next_to(text, anchor.start(), anchor.end())
                if span is not None and span[0] < span[1]:
                    results.append(
                        RecognizerResult(
                            self.ENTITY, span[0], span[1], pattern.score, recognition_metadata=dict(metadata)
                        )
                    )
        return results

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        from safecohort.detect.places import read_place

        return read_place(text, end, strong=self.STRONG, after_comma=text[start] == ",")


class PlaceCueRecognizer(PlaceReadingRecognizer):
    """Where someone lives, comes from or travels: "lives with her husband in Dayton", "moved to Normal",
    "recent travel to Cape Verde", "IN FROM ATHENS WITH A FRIEND", "originally from the Dominican
    Republic", "her apartment in Canton", "a wedding in Friendship". Any capitalised name after the cue
    counts; cities that are everyday words too ("Normal", "Hope") are found only this way."""

    PATTERNS = (
        Pattern(
            "place cue",
            r"\b(?i:lives|living|resides|residing|moved|relocated|grew[ \t]+up|born|travel(?:l?ed|l?ing)?|"
            r"trip|vacation(?:ed|ing)?|visiting|emigrated|immigrated)\b"
            # words between, in lower case or, in a line in capitals, in capitals ("LIVES W/ SON JOE IN")
            r"(?:[ \t]+(?!(?i:in|to|at|near|from)\b)(?:[a-z][a-z'-]*|(?<=[A-Z/][ \t]+)[A-Z][A-Z'/-]*)){0,4}"
            r"[ \t]+(?i:in|to|near|from)[ \t]+(?=[A-Z])",
            0.6,
        ),
        Pattern(
            "origin cue",
            r"\b(?i:in[ \t]+from|originally[ \t]+from|natives?[ \t]+of|home[ \t]?town(?:[ \t]+of)?|"
            r"hails[ \t]+from|residents?[ \t]+of)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])",
            0.6,
        ),
        # A home or a family event in a place: "walk-up in Lewiston", "her son's funeral in Jameshaven".
        Pattern(
            "home or event cue",
            r"\b(?i:apartment|house|home|condo|walk-up|trailer|farm|cottage|cabin|wedding|funeral|"
            r"reunion|graduation|ceremony|memorial|christening|baptism|celebration)[ \t]+(?i:in|near)[ \t]+"
            r"(?=[A-Z])",
            0.6,
        ),
    )
    CONTEXT = ("lives", "moved", "travel", "from")


class ListedPlaceRecognizer(PlaceReadingRecognizer):
    """A city or country the gazetteer lists, after a preposition or a comma: "a man from Chicopee",
    "a walk-up in Lewiston", "Office of the Chief Medical Examiner, Dayton". A weak cue: a listed name
    that is an everyday word or a person's name ("in Hope", "from Jackson", "Reilly, Cynthia") is left
    to the strong cues."""

    STRONG = False
    PATTERNS = (
        Pattern(
            "preposition or comma",
            r"\b(?i:in|from|near|at|to|outside(?:[ \t]+of)?)[ \t]+(?=[A-Z]|(?i:the)[ \t]+[A-Z])"
            r"|(?<=[A-Za-z.)]),[ \t]*(?=[A-Z])",
            0.5,
        ),
    )
    CONTEXT = ("lives", "from", "city", "address")


_LANDMARK = _either_case(
    "Beach", "Park", "Lake", "Pond", "River", "Trail", "Reservoir", "Mall", "Plaza", "Station", "Stadium",
    "Arena", "Auditorium", "Airport", "Harbor", "Harbour", "Bridge", "Forest", "Falls", "Island",
)  # fmt: skip


class AddressCityRecognizer(PlaceReadingRecognizer):
    """The city after a street address or a landmark and a comma: "291 Lower Hodge Rd., Truth or
    Consequences", "(8164 Mike Haven, Jackson)", "found at Horseneck Beach, Liberty". A strong cue: an
    address names its town whatever the town is called."""

    PATTERNS = (
        Pattern(
            "street, city",
            rf",(?<=\d[^\n,;:()]{{1,40}}?\b{_STREET_SUFFIX}\.?(?:[ \t]+\d{{1,4}}[A-Za-z]?)?"
            rf"(?:[ \t]+{_UNIT})?,|{_RURAL_ROUTE},)[ \t]*(?=[A-Z])",
            0.6,
        ),
        Pattern("landmark, city", rf",(?<=\b[A-Z][A-Za-z'’-]+[ \t]+{_LANDMARK},)[ \t]*(?=[A-Z])", 0.6),
    )
    CONTEXT = ("address", "city", "lives")


class CityStateRecognizer(AnchoredRecognizer):
    """A listed city before a state with no ZIP code: "lives in Quincy, MA", "seen in Dayton, Ohio". Only
    a city the gazetteer lists that is not an everyday word or a US name; two capitals after a comma are
    also credentials ("Lee, MD", "Jones, MA"), so before a code a word after a title is a name ("Dr.
    Lowell, MD")."""

    ENTITY = "LOCATION"
    PATTERNS = (Pattern("city, state", rf",[ \t]*(?:{_STATE_NAME}|{_STATE})(?![\w-])(?![ \t]*\d)", 0.5),)
    CONTEXT = ("lives", "city", "address", "from")
    BEFORE = CityRecognizer.BEFORE
    WINDOW = 40

    _TITLE_BEFORE: ClassVar[re.Pattern[str]] = re.compile(rf"\b{_TITLE}\.?[ \t]*$", re.IGNORECASE)

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        from safecohort.detect.places import is_known_place

        span = super()._next_to(text, start, end)
        if span is None or not is_known_place(text[span[0] : span[1]]):
            return None
        code = re.fullmatch(r",[ \t]*[A-Z]{2}", text[start:end]) is not None
        titled = self._TITLE_BEFORE.search(text, max(0, span[0] - 12), span[0]) is not None
        return None if code and titled else span


def _place_recognizers() -> list[EntityRecognizer]:
    """The recognizers that read a city or country after a cue or before a state (see above)."""
    return [PlaceCueRecognizer(), ListedPlaceRecognizer(), AddressCityRecognizer(), CityStateRecognizer()]


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
        from safecohort.detect.vocab import is_common_word, is_everyday_word

        words = [word.rstrip("'’") for word in re.findall(r"[A-Za-z][A-Za-z'’&-]*", found)]
        if not words or _HOSPITAL_UNIT.match(words[0]):
            return False
        if len(words) == 1:
            return not is_common_word(words[0])
        return any(not is_everyday_word(word) for word in words)


# --- professions, organisations by their shape, care homes and landmarks ---------------------------------


def _occupations() -> frozenset[str]:
    """Occupation head nouns and phrases (see :func:`safecohort.detect.vocab.occupations`)."""
    from safecohort.detect.vocab import occupations

    return occupations()


# "72 year old", "94-year-old", "57yo", "36 y/o", "93 y.o."
_AGE_WORDS = r"\d{1,3}[ \t-]*(?i:y[/.]?o\.?|yrs?|years?)(?:[ \t-]*(?i:old))?"
# Words that end the phrase naming a job ("a welder for 30 yrs", "a barista and lives in ...").
_JOB_PHRASE_END = frozenset(
    """and or with who whose that which for at in from of on by since until originally currently now
    but was is has had presenting presents here there referred seen sent admitted transferred brought
    followed known living lives residing visiting seeking complaining status after when while because
    to as will would working""".split()  # noqa: SIM905 - reads better as text
)
# Words before a job noun that make it a role in an event, not a job ("the restrained driver").
_NOT_A_JOB_MODIFIER = frozenset(
    {"restrained", "unrestrained", "belted", "unbelted", "intoxicated", "impaired", "drunk", "passenger"}
)
_JOB_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?")
_JOB_WORDS_MAX = 4


class ProfessionRecognizer(AnchoredRecognizer):
    """A person's job, read after a cue and ending in an occupation noun of ``data/occupations.txt``:
    "works as a dental hygienist at", "Job title: locksmith", "former seamstress with", "a 94-year-old
    bartender originally from", "pt was a welder for 30 yrs", "is a retired Army medic". Without a cue
    an occupation word is staff ("the nurse called"); after one, a phrase ending in another noun is not a
    job ("is a poor historian", "is a 72 year old man")."""

    ENTITY = "PROFESSION"
    PATTERNS = (
        Pattern(
            "job cue",
            # "works as a", "retired from work as an", "employed as"
            # "works days as a", "works part-time as"
            r"\b(?i:works?|worked|working|employed|retired[ \t]+from[ \t]+work|job)"
            r"(?:[ \t]+(?i:days|nights|evenings|weekends|overnights|part[ -]time|full[ -]time))?"
            r"[ \t]+(?i:as)[ \t]+(?:(?i:an?)[ \t]+)?"
            # "Job title: locksmith", "Occupation: retired teacher", "His former job: welder at"
            r"|\b(?i:job[ \t]+title|occupation|profession|vocation|job)[ \t]*:[ \t]*"
            # "Social: bank teller, employed at", "SH: retired machinist, lives alone"
            r"|\b(?i:social(?:[ \t]+history)?|soc[ \t]+hx|SH)[ \t]*:[ \t]*"
            # "is a barista", "pt was a welder", "is a 72 year old bus driver" (not "there was a nurse")
            r"|\b(?i:is|was)(?<!\b(?i:there|it|this|that|which|what)[ \t]+\w+)[ \t]+(?i:an?)[ \t]+"
            rf"(?:{_AGE_WORDS}[ \t]+)?"
            # ", a 94-year-old bartender", "80 year old former CNA"
            rf"|\b(?i:an?)(?<=,[ \t]*\w+)[ \t]+{_AGE_WORDS}[ \t]+"
            rf"|\b{_AGE_WORDS}[ \t]+(?=(?i:former|retired)\b)"
            # "Former machinist.", "Retired electrician."
            r"|\b(?i:former|retired)[ \t]+",
            0.6,
        ),
    )
    CONTEXT = ("works", "job", "occupation", "retired", "former")

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The words after the cue up to the end of the phrase, when they end in an occupation noun: one
        space between words, "former" left out, at most three words before the noun."""
        words: list[re.Match[str]] = []
        position = end
        while len(words) <= _JOB_WORDS_MAX:
            word = _JOB_WORD.match(text, position)
            if word is None or word[0].lower() in _JOB_PHRASE_END:
                break
            words.append(word)
            after = text[word.end() : word.end() + 2]
            if not (after[:1] == " " and after[1:2].isalpha()):
                break
            position = word.end() + 1
        if words and words[0][0].lower() in ("former", "ex"):
            words = words[1:]
        if not words or len(words) > _JOB_WORDS_MAX:
            return None
        lowered = [word[0].lower().replace("’", "'") for word in words]
        if any(word in _NOT_A_JOB_MODIFIER for word in lowered):
            return None
        occupations = _occupations()
        if lowered[-1] in occupations or " ".join(lowered[-2:]) in occupations:
            return words[0].start(), words[-1].end()
        return None


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
_WEAK_ORG_HEAD_END = re.compile(
    r"(?i:laboratories|diagnostics|manufacturing|industries|ambulance(?:[ ]service)?|fire[ ]rescue|"
    r"fire[ ]department|blood[ ](?:center|bank)|home[ ]care|electric|heating|masonry|paving|contracting|"
    r"excavating|hardware|church|parish|(?:high|middle|elementary)[ ]school|academy|public[ ]works|"
    r"housing[ ]authority|council[ ]on[ ]aging|food[ ](?:pantry|bank)|regional[ ]transit|transit[ ]authority|"
    r"medical[ ]rides|chair[ ]car|reference[ ](?:labs|laboratory)|early[ ]intervention|"
    r"police[ ](?:department|dept)|sheriff's[ ](?:office|department)|home[ ]medical|respiratory[ ]services|"
    r"oxygen|solutions|state[ ]police)"
    r"(?:(?:[ ]&[ ]|[ ](?i:of)[ ]).*)?$"
)
# A town's police department before an officer or a report ("by Dover PD Officer Ruiz").
_POLICE_CUE = (
    r"(?:officers?|ofc\.?|det\.?|detective|sgt\.?|sergeant|patrol|dispatch|report|case|badge|cruiser)"
)
_ORG_HEAD_SEEN = re.compile(
    rf"{_ORG_HEAD}|{_WEAK_ORG_HEAD}|\b(?:Office|OFFICE)[ ](?i:of)\b|\b(?:Temple|TEMPLE)[ ][A-Z]|[ ]PD[ ,]"
    r"|[ ]EMS\b"
)


class OrganizationNameRecognizer(ClinicalPatternRecognizer):
    """Companies and offices by the shape of their name: capitalised words before a company head word
    ("Westport Tool & Die", "Stoneford Credit Union", "Butler and Sons", "OncoSeq Laboratories") and
    "Office of the ..." with the town after it ("Office of the Chief Medical Examiner, Dayton")."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "name + company head word",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b)(?:(?:St|ST|Mt|MT)\.|{_ORG_WORD})"
            rf"(?:[ ](?!{_CAPITALS_PREPOSITION}){_ORG_WORD}){{0,3}}"
            rf"[ ](?:{_ORG_HEAD}|{_WEAK_ORG_HEAD})"
            # "Todd & Sons Plumbing"
            rf"(?:(?<=Sons|SONS)[ ](?:{_ORG_HEAD}|{_WEAK_ORG_HEAD}))?"
            # "First Methodist Church of Dover", "Ruiz Roofing & Siding, 555-..."
            rf"(?:(?<=Church|CHURCH)[ ](?i:of)[ ](?:(?i:the)[ ])?{_ORG_WORD}(?:[ ]{_ORG_WORD})?)?"
            r"(?:[ ]&[ ][A-Z][A-Za-z'’-]+(?=[ \t]*(?:[,.;:|()]|$)|[ \t]+[a-z0-9+]))?"
            r"(?![A-Za-z])",
            0.6,
        ),
        # A synagogue by its name ("Temple Shalom", "Temple Beth Torah"); see ``validate_result``.
        Pattern(
            "temple",
            rf"\b(?:Temple|TEMPLE)[ ](?!{_HOSPITAL_NOT_NAME}\b)[A-Z][A-Za-z'’-]+"
            r"(?:[ ][A-Z][A-Za-z'’-]+){0,2}(?![A-Za-z])",
            0.6,
        ),
        Pattern(
            "town + PD",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}[ ]PD"
            rf"(?=,?[ \t]+(?i:{_POLICE_CUE})(?![A-Za-z]))",
            0.6,
        ),
        # A town's or a company's ambulance service ("by Ruiz EMS", "BIBA Dover EMS"): the first word has a
        # small letter, so a cue in capitals before it ("BIBA", "ALS") is left out.
        Pattern(
            "name + EMS",
            rf"\b(?=[A-Z][a-z'’])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}"
            r"[ ]EMS(?![A-Za-z])",
            0.6,
        ),
        Pattern(
            "office of",
            rf"\b(?:Office|OFFICE)[ ](?i:of)[ ](?:(?i:the)[ ])?{_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,3}}"
            rf"(?:,[ ]{_ORG_WORD}(?:[ ]{_ORG_WORD})?(?=[,.;)]))?",
            0.6,
        ),
    )
    CONTEXT = ("works", "employer", "company", "fax")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The companies of a note, or none without a head word in it (the pattern tries every capital),
        each without the label word in front of its name."""
        if not _ORG_HEAD_SEEN.search(text):
            return []
        return _trim_leading_words(text, super().analyze(text, entities, nlp_artifacts, regex_flags))

    def validate_result(self, pattern_text: str) -> bool:
        """Before a weak head word, a word that is not everyday English or a clinical term, or a listed
        place ("Dublin Fire Rescue")."""
        if re.match(r"(?i:temple)[ ]", pattern_text):  # a name after it, not "Temple Tenderness"
            return _holds_a_name(pattern_text[7:])
        if pattern_text.endswith(" EMS"):
            head: re.Match[str] | None = re.search(r"[ ]EMS$", pattern_text)
        else:
            head = _WEAK_ORG_HEAD_END.search(pattern_text)
        if head is None or re.search(r"(?i:sons)[ ]\S+$", pattern_text):
            return True
        name = pattern_text[: head.start()]
        if re.search(r"(?i:state[ ]police)$", pattern_text):  # a state's, not "NOTIFIED STATE POLICE"
            return _names_a_listed_town(name)
        if _holds_a_name(name):
            return True
        # A town's public service is named after the town, an everyday word or not ("Friendly Police
        # Department", "Unity EMS"): a place the gazetteer lists.
        return _TOWN_SERVICE.search(pattern_text, head.start() - 1) is not None and _names_a_listed_town(name)


_TOWN_SERVICE = re.compile(
    r"[ ](?:EMS|(?i:police[ ](?:department|dept)|fire[ ](?:department|rescue)|ambulance(?:[ ]service)?|"
    r"state[ ]police))$"
)


def _names_a_listed_town(text: str) -> bool:
    """Whether ``text`` is one or two capitalised words the gazetteer lists as a place, or a state."""
    from safecohort.detect.places import gazetteer

    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", text)
    name = " ".join(words)
    return 0 < len(words) <= 2 and (
        gazetteer().is_place(name.title()) or re.fullmatch(_STATE_NAME, name) is not None
    )


class TownAgencyRecognizer(ClinicalPatternRecognizer):
    """The town a public health agency is named after ("reported to Dover Board of Health", "NEWTON
    HEALTH DEPARTMENT notified"): the town only, a name or a listed place, not "the State Board of Health"."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "town + health agency",
            rf"\b(?=[A-Z])(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:[ ]{_ORG_WORD}){{0,2}}"
            r"(?=[ ](?:(?:Board|BOARD)[ ](?:of|OF)[ ](?:Health|HEALTH)"
            r"|(?:Health|HEALTH)[ ](?:Department|DEPARTMENT))(?![A-Za-z]))",
            0.6,
        ),
    )
    CONTEXT = ("reported", "notified", "health")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The towns, or none without an agency's head words in the note (most notes have none)."""
        if not self._HEAD.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    _HEAD: ClassVar[re.Pattern[str]] = re.compile(r"(?i:board[ ]of[ ]health|health[ ]department)")

    def validate_result(self, pattern_text: str) -> bool:
        """A name or a listed place, not everyday words ("the State", "County")."""
        return _holds_a_name(pattern_text)


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


class LandmarkRecognizer(AnchoredRecognizer):
    """Named landmarks where something happened ("found at Lake Quinsigamond", "in the parking lot of the
    Route 9 Park and Ride", "at the Lowell Memorial Auditorium"): after a preposition, capitalised words
    or a route number before a landmark word (Park, Beach, Reservoir, Trail, ...). One word must be a name
    rather than everyday English ("at the Nurses Station" is not a landmark)."""

    ENTITY = "LOCATION"
    PATTERNS = (
        Pattern(
            "preposition",
            r"\b(?i:at|in|near|outside|behind|from|of|to)[ \t]+(?=(?:(?i:the)[ \t]+)?[A-Z0-9])",
            0.6,
        ),
    )
    CONTEXT = ("found", "lot", "scene", "pickup")
    AFTER = re.compile(
        rf"(?:(?i:the)[ ])?(?:(?:{_ORG_WORD}|\d{{1,4}})[ ]){{1,3}}{_LANDMARK}(?:[ ](?:and|&)[ ]{_ORG_WORD})?"
        rf"(?![A-Za-z])|(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ]{_ORG_WORD}(?:[ ]{_ORG_WORD})?"
        r"(?![A-Za-z])"
    )
    WINDOW = 70
    _HEAD = re.compile(rf"\b{_LANDMARK}\b|\b(?:Lake|Mount|Mt\.|Fort|Cape|LAKE|MOUNT|FORT|CAPE)[ ][A-Z]")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """The landmarks of a note, or none without a landmark word in it (most notes have none)."""
        if not self._HEAD.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def keep(self, found: str) -> bool:
        """A route number, or a word that is neither everyday English nor a clinical term."""
        from safecohort.detect.vocab import is_everyday_word

        words = re.findall(r"[A-Za-z]+|\d+", found)
        return any(word.isdigit() or not is_everyday_word(word) for word in words)


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
        from safecohort.detect.vocab import clinical_terms

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
        from safecohort.detect.vocab import clinical_terms

        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", found)
        if not words or all(word.lower() in clinical_terms() for word in words):
            return False
        if words[0].lower() in _HOSPITAL_OPENER and len(words) > 1:
            return True
        return _holds_a_name(found)


# What stands right before a job named before its employer: an opening parenthesis, a patient's
# description ("64 yo F RHD", "a 30 y/o"), "is a", "as a", a comma.
_BEFORE_A_JOB = re.compile(
    r"(?:\(|,|\b(?:[RL]HD|[MF]|y/?o|yrs?|(?i:is|was|as|works?)[ ]an?|(?i:retired|former)))[ \t]*$"
)
_NOT_IN_A_JOB = _JOB_PHRASE_END | {"a", "an", "the", "his", "her", "their", "my", "pt", "yo", "fob"}


def _job_before(text: str, at: int, past: bool = False) -> tuple[int, int] | None:
    """The job phrase ending right before ``at`` (a job noun of ``data/occupations.txt`` last, at most
    four words, in capitals or in small letters but for the noun: "radio DJ"), when a description of the
    person or a parenthesis stands before it, or (``past``) one the person has retired from."""
    tail = re.search(r"(?:[A-Za-z][A-Za-z'’-]*[ ]){0,3}[A-Za-z][A-Za-z'’-]*$", text[max(0, at - 60) : at])
    if tail is None:
        return None
    offset = max(0, at - 60)
    words = list(re.finditer(r"[A-Za-z][A-Za-z'’-]*", tail[0]))
    capitals = tail[0].isupper()
    kept: list[re.Match[str]] = []
    for word in reversed(words):
        same_case = word[0].isupper() if capitals else (word[0].islower() or not kept)
        if word[0].lower() in _NOT_IN_A_JOB or not same_case:
            break
        kept.insert(0, word)
    retired = bool(kept) and kept[0][0].lower() in ("former", "ex", "retired")
    if kept and kept[0][0].lower() in ("former", "ex"):
        kept = kept[1:]
    if not kept or (past and not retired):
        return None
    lowered = [word[0].lower().replace("’", "'") for word in kept]
    if any(word in _NOT_A_JOB_MODIFIER for word in lowered):
        return None
    occupations = _occupations()
    if lowered[-1] not in occupations and " ".join(lowered[-2:]) not in occupations:
        return None
    start = offset + tail.start() + kept[0].start()
    if not past and not _BEFORE_A_JOB.search(text, max(0, start - 12), start):
        return None
    return start, offset + tail.start() + kept[-1].end()


_AT_AN_EMPLOYER = Pattern("at", r"[ \t]+(?:at|AT)[ \t]+(?=[A-Z])", 0.6)


class JobAtEmployerRecognizer(AnchoredRecognizer):
    """A job named right before its employer: "64 yo F RHD optician at Lowell Creamery", "(SECURITY
    GUARD AT IDEXX)", "Pt is a medical coder at Adams Excavation". The job: a phrase ending in a job noun
    after a description of the person or a parenthesis (so "the nurse at bedside" is not read)."""

    ENTITY = "PROFESSION"
    PATTERNS = (_AT_AN_EMPLOYER,)
    CONTEXT = ("works", "job")

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        return _job_before(text, start)


class EmployerAfterJobRecognizer(AnchoredRecognizer):
    """The employer after a job read by :class:`JobAtEmployerRecognizer` ("optician at Lowell Creamery",
    "RADIO DJ AT KEURIG DR PEPPER"), or in parentheses after a past job ("retired welder (Acme Tool)"; not
    "the nurse (Ann Lee)")."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (_AT_AN_EMPLOYER, Pattern("parenthesis", r"[ ]\((?=[A-Z])", 0.6))
    CONTEXT = ("works", "employer")
    AFTER = EmployerRecognizer.AFTER
    WINDOW = EmployerRecognizer.WINDOW

    def _next_to(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        parenthesis = text[end - 1] == "("
        if _job_before(text, start, past=parenthesis) is None:
            return None
        span = super()._next_to(text, start, end)
        if parenthesis and (span is None or not text.startswith(")", span[1])):
            return None
        return span

    def keep(self, found: str) -> bool:
        """As :meth:`EmployerRecognizer.keep`: not one everyday word, nor a phrase read through a
        preposition."""
        return EmployerRecognizer.keep(self, found)  # type: ignore[arg-type]


class EmployerBeforeOfficeRecognizer(AnchoredRecognizer):
    """An employer heading a line before its office that writes about a worker ("Acme Mutual Human
    Resources", "DOVER SCHOOLS PAYROLL"): the capitalised words from the start of the line."""

    ENTITY = "ORGANIZATION"
    PATTERNS = (
        Pattern(
            "office",
            r"[ ](?:Human[ ]Resources|HUMAN[ ]RESOURCES|Payroll|PAYROLL|Benefits[ ]Office|"
            r"Leave[ ]Administration)(?![A-Za-z])",
            0.6,
        ),
    )
    CONTEXT = ("employer", "leave")
    BEFORE = re.compile(
        rf"(?m)^[ \t]*(?!{_HOSPITAL_NOT_NAME}\b){_ORG_WORD}(?:(?:[ ]|[ ]&[ ]|-){_ORG_WORD}){{0,3}}\Z"
    )
    WINDOW = 50

    def keep(self, found: str) -> bool:
        """Not an office of the hospital's own ("Employee Health", "Patient Services")."""
        from safecohort.detect.vocab import clinical_terms

        words = re.findall(r"[A-Za-z]+", found)
        return any(word.lower() not in clinical_terms() | _HOSPITAL_OFFICE_WORDS for word in words)


_HOSPITAL_OFFICE_WORDS = frozenset(
    {"employee", "patient", "hospital", "staff", "nursing", "medical", "services", "health"}
)


def _org_and_profession_recognizers() -> list[EntityRecognizer]:
    """The recognizers above: jobs, companies by their shape, care homes and landmarks."""
    return [
        ProfessionRecognizer(),
        OrganizationNameRecognizer(),
        TownAgencyRecognizer(),
        CareHomeRecognizer(),
        LandmarkRecognizer(),
        CareSiteRecognizer(),
        SpecialtyPracticeRecognizer(),
        SiteBeforeDepartmentRecognizer(),
        JobAtEmployerRecognizer(),
        EmployerAfterJobRecognizer(),
        EmployerBeforeOfficeRecognizer(),
    ]
