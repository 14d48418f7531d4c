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
  employers, professions, companies by their shape, their legal form or their role (uses
  ``facilities``, ``addresses`` and ``names_lexicon``);
- ``ner``: :class:`ClinicalSpacyRecognizer`, the spaCy label maps and ``ENTITY_ALIASES``;
- ``registry``: :func:`presidio_recognizers`, :func:`all_recognizers`, :func:`recognizers_for`.

Import from ``safecohort.detect.recognizers``: it re-exports every recognizer class, the registry and the
few other names modules and tests import from it.
"""

from __future__ import annotations

from safecohort.detect.recognizers.addresses import (
    CuedStreetRecognizer as CuedStreetRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    GridStreetRecognizer as GridStreetRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    InternationalAddressRecognizer as InternationalAddressRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    InternationalPostcodeRecognizer as InternationalPostcodeRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    LabelledPostcodeRecognizer as LabelledPostcodeRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    StreetAddressRecognizer as StreetAddressRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    TablePostcodeRecognizer as TablePostcodeRecognizer,
)
from safecohort.detect.recognizers.addresses import (
    ZipCodeRecognizer as ZipCodeRecognizer,
)
from safecohort.detect.recognizers.ages import (
    AgeOver89Recognizer as AgeOver89Recognizer,
)
from safecohort.detect.recognizers.ages import (
    AgeRecognizer as AgeRecognizer,
)
from safecohort.detect.recognizers.ages import (
    ContextAgeRecognizer as ContextAgeRecognizer,
)
from safecohort.detect.recognizers.ages import (
    TableAgeRecognizer as TableAgeRecognizer,
)
from safecohort.detect.recognizers.base import (
    CASE_SENSITIVE as CASE_SENSITIVE,
)
from safecohort.detect.recognizers.base import (
    LANGUAGE as LANGUAGE,
)
from safecohort.detect.recognizers.base import (
    AnchoredRecognizer as AnchoredRecognizer,
)
from safecohort.detect.recognizers.base import (
    ClinicalPatternRecognizer as ClinicalPatternRecognizer,
)
from safecohort.detect.recognizers.base import (
    SpanRecognizer as SpanRecognizer,
)
from safecohort.detect.recognizers.contact import (
    ClinicalPhoneRecognizer as ClinicalPhoneRecognizer,
)
from safecohort.detect.recognizers.contact import (
    CuedPhoneRecognizer as CuedPhoneRecognizer,
)
from safecohort.detect.recognizers.contact import (
    OfflineEmailRecognizer as OfflineEmailRecognizer,
)
from safecohort.detect.recognizers.contact import (
    OfflineUrlRecognizer as OfflineUrlRecognizer,
)
from safecohort.detect.recognizers.contact import (
    PhoneShapeRecognizer as PhoneShapeRecognizer,
)
from safecohort.detect.recognizers.contact import (
    UsPhoneRecognizer as UsPhoneRecognizer,
)
from safecohort.detect.recognizers.contact import (
    WindowedPhoneRecognizer as WindowedPhoneRecognizer,
)
from safecohort.detect.recognizers.dates import (
    ClinicalDateRecognizer as ClinicalDateRecognizer,
)
from safecohort.detect.recognizers.dates import (
    DayMonthDateRecognizer as DayMonthDateRecognizer,
)
from safecohort.detect.recognizers.dates import (
    RunningDateRecognizer as RunningDateRecognizer,
)
from safecohort.detect.recognizers.dates import (
    WrittenDateRecognizer as WrittenDateRecognizer,
)
from safecohort.detect.recognizers.dates import (
    _is_date_range as _is_date_range,
)
from safecohort.detect.recognizers.facilities import (
    CareHomeRecognizer as CareHomeRecognizer,
)
from safecohort.detect.recognizers.facilities import (
    CareSiteRecognizer as CareSiteRecognizer,
)
from safecohort.detect.recognizers.facilities import (
    FacilityRecognizer as FacilityRecognizer,
)
from safecohort.detect.recognizers.facilities import (
    HospitalRecognizer as HospitalRecognizer,
)
from safecohort.detect.recognizers.facilities import (
    SiteBeforeDepartmentRecognizer as SiteBeforeDepartmentRecognizer,
)
from safecohort.detect.recognizers.facilities import (
    SpecialtyPracticeRecognizer as SpecialtyPracticeRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    IdNumberRecognizer as IdNumberRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    LabelledIdRecognizer as LabelledIdRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    LowerCaseIbanRecognizer as LowerCaseIbanRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    MedicalRecordNumberRecognizer as MedicalRecordNumberRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    RecordFormatRecognizer as RecordFormatRecognizer,
)
from safecohort.detect.recognizers.identifiers import (
    UsernameRecognizer as UsernameRecognizer,
)
from safecohort.detect.recognizers.names import (
    CredentialNameRecognizer as CredentialNameRecognizer,
)
from safecohort.detect.recognizers.names import (
    DictionaryNameRecognizer as DictionaryNameRecognizer,
)
from safecohort.detect.recognizers.names import (
    Hl7NameRecognizer as Hl7NameRecognizer,
)
from safecohort.detect.recognizers.names import (
    LabelledNameRecognizer as LabelledNameRecognizer,
)
from safecohort.detect.recognizers.names import (
    TitledPersonRecognizer as TitledPersonRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    CapitalsLabelNameRecognizer as CapitalsLabelNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    ChatNameRecognizer as ChatNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    HandoffNameRecognizer as HandoffNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    InitialledNameRecognizer as InitialledNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    InvertedNameRecognizer as InvertedNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    KinshipNameRecognizer as KinshipNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    NameInitialsRecognizer as NameInitialsRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    NicknameNameRecognizer as NicknameNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    OccupationSubjectRecognizer as OccupationSubjectRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    SpacedInitialsNameRecognizer as SpacedInitialsNameRecognizer,
)
from safecohort.detect.recognizers.names_cued import (
    StaffInitialsRecognizer as StaffInitialsRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import (
    ContextNameRecognizer as ContextNameRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import (
    FieldNameRecognizer as FieldNameRecognizer,
)
from safecohort.detect.recognizers.names_lexicon import (
    MultilingualNameRecognizer as MultilingualNameRecognizer,
)
from safecohort.detect.recognizers.ner import (
    ENTITY_ALIASES as ENTITY_ALIASES,
)
from safecohort.detect.recognizers.ner import (
    SPACY_IGNORED_LABELS as SPACY_IGNORED_LABELS,
)
from safecohort.detect.recognizers.ner import (
    SPACY_LABELS as SPACY_LABELS,
)
from safecohort.detect.recognizers.ner import (
    ClinicalSpacyRecognizer as ClinicalSpacyRecognizer,
)
from safecohort.detect.recognizers.ner import (
    _name_end as _name_end,
)
from safecohort.detect.recognizers.ner import (
    _name_start as _name_start,
)
from safecohort.detect.recognizers.organisations import (
    BrandRoleRecognizer as BrandRoleRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    CompanyRecognizer as CompanyRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    EmployerAfterJobRecognizer as EmployerAfterJobRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    EmployerBeforeOfficeRecognizer as EmployerBeforeOfficeRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    EmployerRecognizer as EmployerRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    FieldOrganisationRecognizer as FieldOrganisationRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    JobAtEmployerRecognizer as JobAtEmployerRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    LegalFormCompanyRecognizer as LegalFormCompanyRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    OrganizationNameRecognizer as OrganizationNameRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    ProfessionRecognizer as ProfessionRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    RoleCompanyRecognizer as RoleCompanyRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    TownAgencyRecognizer as TownAgencyRecognizer,
)
from safecohort.detect.recognizers.organisations import (
    _occupations as _occupations,
)
from safecohort.detect.recognizers.places import (
    UNCUED_CITY_POPULATION as UNCUED_CITY_POPULATION,
)
from safecohort.detect.recognizers.places import (
    AddressCityRecognizer as AddressCityRecognizer,
)
from safecohort.detect.recognizers.places import (
    CityRecognizer as CityRecognizer,
)
from safecohort.detect.recognizers.places import (
    CityStateRecognizer as CityStateRecognizer,
)
from safecohort.detect.recognizers.places import (
    ContextPlaceRecognizer as ContextPlaceRecognizer,
)
from safecohort.detect.recognizers.places import (
    LandmarkRecognizer as LandmarkRecognizer,
)
from safecohort.detect.recognizers.places import (
    ListedPlaceRecognizer as ListedPlaceRecognizer,
)
from safecohort.detect.recognizers.places import (
    PlaceCueRecognizer as PlaceCueRecognizer,
)
from safecohort.detect.recognizers.places import (
    PlaceReadingRecognizer as PlaceReadingRecognizer,
)
from safecohort.detect.recognizers.places import (
    PlaceRecognizer as PlaceRecognizer,
)
from safecohort.detect.recognizers.places import (
    TablePlaceRecognizer as TablePlaceRecognizer,
)
from safecohort.detect.recognizers.places import (
    TownShapeRecognizer as TownShapeRecognizer,
)
from safecohort.detect.recognizers.registry import (
    all_recognizers as all_recognizers,
)
from safecohort.detect.recognizers.registry import (
    presidio_recognizers as presidio_recognizers,
)
from safecohort.detect.recognizers.registry import (
    recognizers_for as recognizers_for,
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
