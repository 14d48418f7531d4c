"""Recognizers for clinical notes: which of presidio's to run, and the clinical ones it lacks.

Presidio's defaults target general PII worldwide; clinical notes from US hospitals need a different set.
This package is the one place that decides it:

- :func:`presidio_recognizers` picks presidio's own recognizers that find HIPAA identifiers in US text
  and drops the rest (non-US national ids, crypto wallets, MAC addresses, UUIDs: noise in notes);
- :func:`clinical_recognizers` adds what presidio misses: medical record numbers, ages over 89,
  hospital names, ZIP codes, street addresses, clinical date and phone forms, and names introduced by a
  title or a relation ("Dr. Hope", "MR BROWN", "daughter Mary");
- :class:`ClinicalSpacyRecognizer` keeps the spaCy NER results that are identifiers and drops what the
  model tags as a date but is not one ("3 days", "45 years old", "yesterday").

One module per concept; dependencies point one way, to ``base`` (and from ``identifiers`` to the
month and day pieces of ``dates``):

- ``base``: ``LANGUAGE``, ``CASE_SENSITIVE``, :class:`ClinicalPatternRecognizer`,
  :class:`AnchoredRecognizer`, and the pieces of names the other modules share (``_NAME_WORD``,
  ``_TITLE``, ``_CREDENTIAL``, the US name lists, :func:`_fills_name_slot`, ...);
- ``names``: person names after a title, a credential, a label, a relation, a hand-off or a chat cue,
  inverted, in capitals, in HL7 segments, and from the US name lists;
- ``identifiers``: record, account and other id numbers, labelled ids, user names, record formats, ages
  over 89, phone numbers, e-mail, URLs, and :func:`presidio_recognizers`;
- ``dates``: the date forms presidio misses, and ``_is_date_range``;
- ``locations``: hospitals, facilities, care sites and care homes, employers and companies, professions,
  landmarks, ZIP codes, street addresses, states, and cities before a state or after a cue;
- ``ner``: :class:`ClinicalSpacyRecognizer`, the spaCy label maps, ``ENTITY_ALIASES`` and the helpers
  that trim and check the spans NER finds.

Import from ``safecohort.detect.recognizers``: it re-exports every recognizer class (``__all__``) and
the other names that modules and tests import from it (``LANGUAGE``, ``CASE_SENSITIVE``,
``_is_date_range``, ``_occupations``, ``_name_start``, ``_name_end``). To add a recognizer: subclass
:class:`ClinicalPatternRecognizer` (or ``EntityRecognizer``) in its concept's module, list it in
:func:`clinical_recognizers` and in ``__all__``.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from safecohort.detect.recognizers.base import CASE_SENSITIVE as CASE_SENSITIVE
from safecohort.detect.recognizers.base import LANGUAGE as LANGUAGE
from safecohort.detect.recognizers.base import AnchoredRecognizer, ClinicalPatternRecognizer
from safecohort.detect.recognizers.dates import ClinicalDateRecognizer
from safecohort.detect.recognizers.dates import _is_date_range as _is_date_range
from safecohort.detect.recognizers.identifiers import (
    AgeOver89Recognizer,
    ClinicalPhoneRecognizer,
    IdNumberRecognizer,
    LabelledIdRecognizer,
    MedicalRecordNumberRecognizer,
    OfflineEmailRecognizer,
    OfflineUrlRecognizer,
    RecordFormatRecognizer,
    UsernameRecognizer,
    UsPhoneRecognizer,
    WindowedPhoneRecognizer,
    presidio_recognizers,
)
from safecohort.detect.recognizers.locations import (
    AddressCityRecognizer,
    CareHomeRecognizer,
    CareSiteRecognizer,
    CityRecognizer,
    CityStateRecognizer,
    EmployerAfterJobRecognizer,
    EmployerBeforeOfficeRecognizer,
    EmployerRecognizer,
    FacilityRecognizer,
    HospitalRecognizer,
    JobAtEmployerRecognizer,
    LandmarkRecognizer,
    ListedPlaceRecognizer,
    OrganizationNameRecognizer,
    PlaceCueRecognizer,
    PlaceReadingRecognizer,
    ProfessionRecognizer,
    SiteBeforeDepartmentRecognizer,
    SpecialtyPracticeRecognizer,
    StreetAddressRecognizer,
    TownAgencyRecognizer,
    ZipCodeRecognizer,
    _org_and_profession_recognizers,
    _place_recognizers,
)
from safecohort.detect.recognizers.locations import _occupations as _occupations
from safecohort.detect.recognizers.names import (
    CapitalsLabelNameRecognizer,
    ChatNameRecognizer,
    CredentialNameRecognizer,
    DictionaryNameRecognizer,
    HandoffNameRecognizer,
    Hl7NameRecognizer,
    InitialledNameRecognizer,
    InvertedNameRecognizer,
    KinshipNameRecognizer,
    LabelledNameRecognizer,
    NameInitialsRecognizer,
    NicknameNameRecognizer,
    OccupationSubjectRecognizer,
    SpacedInitialsNameRecognizer,
    StaffInitialsRecognizer,
    TitledPersonRecognizer,
    _cued_name_recognizers,
)
from safecohort.detect.recognizers.ner import (
    ENTITY_ALIASES,
    SPACY_IGNORED_LABELS,
    SPACY_LABELS,
    ClinicalSpacyRecognizer,
)
from safecohort.detect.recognizers.ner import _name_end as _name_end
from safecohort.detect.recognizers.ner import _name_start as _name_start


def clinical_recognizers() -> list[EntityRecognizer]:
    """The clinical recognizers presidio lacks; new ones slot in here."""
    return [
        MedicalRecordNumberRecognizer(),
        IdNumberRecognizer(),
        AgeOver89Recognizer(),
        HospitalRecognizer(),
        ZipCodeRecognizer(),
        StreetAddressRecognizer(),
        ClinicalDateRecognizer(),
        ClinicalPhoneRecognizer(),
        TitledPersonRecognizer(),
        CredentialNameRecognizer(),
        LabelledNameRecognizer(),
        LabelledIdRecognizer(),
        UsernameRecognizer(),
        CityRecognizer(),
        *_place_recognizers(),
        RecordFormatRecognizer(),
        Hl7NameRecognizer(),
        EmployerRecognizer(),
        FacilityRecognizer(),
        *_org_and_profession_recognizers(),
        DictionaryNameRecognizer(),
        *_cued_name_recognizers(),
    ]


__all__ = [
    "ENTITY_ALIASES",
    "SPACY_IGNORED_LABELS",
    "SPACY_LABELS",
    "AddressCityRecognizer",
    "AgeOver89Recognizer",
    "AnchoredRecognizer",
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
    "CredentialNameRecognizer",
    "DictionaryNameRecognizer",
    "EmployerAfterJobRecognizer",
    "EmployerBeforeOfficeRecognizer",
    "EmployerRecognizer",
    "FacilityRecognizer",
    "HandoffNameRecognizer",
    "Hl7NameRecognizer",
    "HospitalRecognizer",
    "IdNumberRecognizer",
    "InitialledNameRecognizer",
    "InvertedNameRecognizer",
    "JobAtEmployerRecognizer",
    "KinshipNameRecognizer",
    "LabelledIdRecognizer",
    "LabelledNameRecognizer",
    "LandmarkRecognizer",
    "ListedPlaceRecognizer",
    "MedicalRecordNumberRecognizer",
    "NameInitialsRecognizer",
    "NicknameNameRecognizer",
    "OccupationSubjectRecognizer",
    "OfflineEmailRecognizer",
    "OfflineUrlRecognizer",
    "OrganizationNameRecognizer",
    "PlaceCueRecognizer",
    "PlaceReadingRecognizer",
    "ProfessionRecognizer",
    "RecordFormatRecognizer",
    "SiteBeforeDepartmentRecognizer",
    "SpacedInitialsNameRecognizer",
    "SpecialtyPracticeRecognizer",
    "StaffInitialsRecognizer",
    "StreetAddressRecognizer",
    "TitledPersonRecognizer",
    "TownAgencyRecognizer",
    "UsPhoneRecognizer",
    "UsernameRecognizer",
    "WindowedPhoneRecognizer",
    "ZipCodeRecognizer",
    "clinical_recognizers",
    "presidio_recognizers",
]
