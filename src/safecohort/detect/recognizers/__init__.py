"""Every recognizer the note scanner runs, one module per family of what they find, for both profiles.

One package serves the ``clinical`` profile (US hospital notes) and the ``general`` profile (text
worldwide: exports, letters, tickets): each recognizer says in its ``PROFILES`` class attribute where it
runs, and :mod:`~safecohort.detect.recognizers.registry` lists them all, in order, and keeps those of a
profile (:func:`recognizers_for`). Where the words come from (name lists, Faker's locale lexicon, the
GeoNames gazetteer, clinical terms) is :mod:`safecohort.detect.vocab`, which imports no recognizer.

The families (dependencies point one way: down to ``base`` and ``vocab``, and across only as listed):

- ``base``: the base classes (:class:`ClinicalPatternRecognizer`, :class:`AnchoredRecognizer`,
  :class:`SpanRecognizer`), the profiles, presidio's pattern loop without its overhead, the pieces of
  names the families share, and table cells;
- ``names``: names after a title, a credential, a label or a relation, in HL7 segments and from the US
  name lists; ``names_cued``: inverted names, kin, hand-offs, chat speakers, initials, nicknames;
  ``names_lexicon``: names of every locale (Faker's lexicon), names from the context of everyday text
  and in key-value fields;
- ``dates``: the date forms presidio misses; ``ages``: ages over 89, and ages of any value in general
  text;
- ``identifiers``: record, account and other id numbers, labelled ids, user names, record formats, IBANs;
- ``contact``: phone, pager and fax numbers, e-mail addresses and URLs (offline);
- ``addresses``: ZIP codes and postcodes, US and international street addresses, address blocks;
- ``places``: cities, countries, states and landmarks after a cue, in a list, by their shape;
- ``facilities``: hospitals, facilities, care sites, care homes and practices; ``organisations``:
  employers, professions, organisations by their shape and town agencies (uses ``facilities`` and
  ``addresses``); ``companies``: companies of general text by their legal form, suffix, role, brand or
  form field (uses ``names_lexicon``);
- ``ner``: :class:`ClinicalSpacyRecognizer`, the spaCy label maps and ``ENTITY_ALIASES``;
- ``registry``: :func:`presidio_recognizers`, :func:`all_recognizers`, :func:`recognizers_for`.

Import from ``safecohort.detect.recognizers``: it re-exports every recognizer class, the registry and the
few other names modules and tests import from it.
"""

from __future__ import annotations

from safecohort.detect.recognizers.addresses import (
    CuedStreetRecognizer,
    GridStreetRecognizer,
    InternationalAddressRecognizer,
    InternationalPostcodeRecognizer,
    LabelledPostcodeRecognizer,
    StreetAddressRecognizer,
    TablePostcodeRecognizer,
    ZipCodeRecognizer,
)
from safecohort.detect.recognizers.ages import (
    AgeOver89Recognizer,
    AgeRecognizer,
    ContextAgeRecognizer,
    TableAgeRecognizer,
)
from safecohort.detect.recognizers.base import (
    CASE_SENSITIVE,
    LANGUAGE,
    AnchoredRecognizer,
    ClinicalPatternRecognizer,
    SpanRecognizer,
)
from safecohort.detect.recognizers.companies import (
    BrandRoleRecognizer,
    CompanyRecognizer,
    FieldOrganisationRecognizer,
    LegalFormCompanyRecognizer,
    RoleCompanyRecognizer,
)
from safecohort.detect.recognizers.contact import (
    ClinicalPhoneRecognizer,
    CuedPhoneRecognizer,
    OfflineEmailRecognizer,
    OfflineUrlRecognizer,
    PhoneShapeRecognizer,
    UsPhoneRecognizer,
    WindowedPhoneRecognizer,
)
from safecohort.detect.recognizers.dates import (
    ClinicalDateRecognizer,
    DayMonthDateRecognizer,
    RunningDateRecognizer,
    WrittenDateRecognizer,
)
from safecohort.detect.recognizers.dates import (
    _is_date_range as _is_date_range,
)
from safecohort.detect.recognizers.facilities import (
    CareHomeRecognizer,
    CareSiteRecognizer,
    FacilityRecognizer,
    HospitalRecognizer,
    SiteBeforeDepartmentRecognizer,
    SpecialtyPracticeRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    IdNumberRecognizer,
    LabelledIdRecognizer,
    LowerCaseIbanRecognizer,
    MedicalRecordNumberRecognizer,
    RecordFormatRecognizer,
    UsernameRecognizer,
)
from safecohort.detect.recognizers.names import (
    CredentialNameRecognizer,
    DictionaryNameRecognizer,
    Hl7NameRecognizer,
    LabelledNameRecognizer,
    TitledPersonRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    CapitalsLabelNameRecognizer,
    ChatNameRecognizer,
    HandoffNameRecognizer,
    InitialledNameRecognizer,
    InvertedNameRecognizer,
    KinshipNameRecognizer,
    NameInitialsRecognizer,
    NicknameNameRecognizer,
    OccupationSubjectRecognizer,
    SpacedInitialsNameRecognizer,
    StaffInitialsRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import (
    ContextNameRecognizer,
    FieldNameRecognizer,
    MultilingualNameRecognizer,
)
from safecohort.detect.recognizers.ner import (
    ENTITY_ALIASES,
    SPACY_IGNORED_LABELS,
    SPACY_LABELS,
    ClinicalSpacyRecognizer,
)
from safecohort.detect.recognizers.ner import (
    _name_end as _name_end,
)
from safecohort.detect.recognizers.ner import (
    _name_start as _name_start,
)
from safecohort.detect.recognizers.organisations import (
    EmployerAfterJobRecognizer,
    EmployerBeforeOfficeRecognizer,
    EmployerRecognizer,
    JobAtEmployerRecognizer,
    OrganizationNameRecognizer,
    ProfessionRecognizer,
    TownAgencyRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    _occupations as _occupations,
)
from safecohort.detect.recognizers.places import (
    UNCUED_CITY_POPULATION,
    AddressCityRecognizer,
    CityRecognizer,
    CityStateRecognizer,
    ContextPlaceRecognizer,
    LandmarkRecognizer,
    ListedPlaceRecognizer,
    PlaceCueRecognizer,
    PlaceReadingRecognizer,
    PlaceRecognizer,
    TablePlaceRecognizer,
    TownShapeRecognizer,
)
from safecohort.detect.recognizers.registry import (
    all_recognizers,
    presidio_recognizers,
    recognizers_for,
)

__all__ = [
    "CASE_SENSITIVE",
    "ENTITY_ALIASES",
    "LANGUAGE",
    "SPACY_IGNORED_LABELS",
    "SPACY_LABELS",
    "UNCUED_CITY_POPULATION",
    "AddressCityRecognizer",
    "AgeOver89Recognizer",
    "AgeRecognizer",
    "AnchoredRecognizer",
    "BrandRoleRecognizer",
    "CapitalsLabelNameRecognizer",
    "CareHomeRecognizer",
    "CareSiteRecognizer",
    "ChatNameRecognizer",
    "CityRecognizer",
    "CityStateRecognizer",
    "ClinicalDateRecognizer",
    "ClinicalPatternRecognizer",
    "ClinicalPhoneRecognizer",
    "ClinicalSpacyRecognizer",
    "CompanyRecognizer",
    "ContextAgeRecognizer",
    "ContextNameRecognizer",
    "ContextPlaceRecognizer",
    "CredentialNameRecognizer",
    "CuedPhoneRecognizer",
    "CuedStreetRecognizer",
    "DayMonthDateRecognizer",
    "DictionaryNameRecognizer",
    "EmployerAfterJobRecognizer",
    "EmployerBeforeOfficeRecognizer",
    "EmployerRecognizer",
    "FacilityRecognizer",
    "FieldNameRecognizer",
    "FieldOrganisationRecognizer",
    "GridStreetRecognizer",
    "HandoffNameRecognizer",
    "Hl7NameRecognizer",
    "HospitalRecognizer",
    "IdNumberRecognizer",
    "InitialledNameRecognizer",
    "InternationalAddressRecognizer",
    "InternationalPostcodeRecognizer",
    "InvertedNameRecognizer",
    "JobAtEmployerRecognizer",
    "KinshipNameRecognizer",
    "LabelledIdRecognizer",
    "LabelledNameRecognizer",
    "LabelledPostcodeRecognizer",
    "LandmarkRecognizer",
    "LegalFormCompanyRecognizer",
    "ListedPlaceRecognizer",
    "LowerCaseIbanRecognizer",
    "MedicalRecordNumberRecognizer",
    "MultilingualNameRecognizer",
    "NameInitialsRecognizer",
    "NicknameNameRecognizer",
    "OccupationSubjectRecognizer",
    "OfflineEmailRecognizer",
    "OfflineUrlRecognizer",
    "OrganizationNameRecognizer",
    "PhoneShapeRecognizer",
    "PlaceCueRecognizer",
    "PlaceReadingRecognizer",
    "PlaceRecognizer",
    "ProfessionRecognizer",
    "RecordFormatRecognizer",
    "RoleCompanyRecognizer",
    "RunningDateRecognizer",
    "SiteBeforeDepartmentRecognizer",
    "SpacedInitialsNameRecognizer",
    "SpanRecognizer",
    "SpecialtyPracticeRecognizer",
    "StaffInitialsRecognizer",
    "StreetAddressRecognizer",
    "TableAgeRecognizer",
    "TablePlaceRecognizer",
    "TablePostcodeRecognizer",
    "TitledPersonRecognizer",
    "TownAgencyRecognizer",
    "TownShapeRecognizer",
    "UsPhoneRecognizer",
    "UsernameRecognizer",
    "WindowedPhoneRecognizer",
    "WrittenDateRecognizer",
    "ZipCodeRecognizer",
    "all_recognizers",
    "presidio_recognizers",
    "recognizers_for",
]
