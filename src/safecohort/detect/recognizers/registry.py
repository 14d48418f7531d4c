"""The registry: every recognizer the scanner runs, in one order, and the profiles that choose them.

Each recognizer says where it runs in its ``PROFILES`` class attribute: :data:`~.base.EVERY_PROFILE`
(the default of :class:`~.base.ClinicalPatternRecognizer`, and of presidio's own recognizers, which have
no such attribute) or :data:`~.base.GENERAL_ONLY` (the default of :class:`~.base.SpanRecognizer`: too
loose for clinical notes). :func:`recognizers_for` keeps, from :func:`all_recognizers`, those of one
profile, in the registry's order; the order matters, since presidio and the scanner break ties between
equal findings by it. To add a recognizer: write it in its family's module, set ``PROFILES`` if it is
not the default, and list it here.
"""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    DateRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MedicalLicenseRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

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
from safecohort.detect.recognizers.base import EVERY_PROFILE
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
    ClinicalSpacyRecognizer,
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
from safecohort.detect.recognizers.places import (
    AddressCityRecognizer,
    CityRecognizer,
    CityStateRecognizer,
    ContextPlaceRecognizer,
    LandmarkRecognizer,
    ListedPlaceRecognizer,
    PlaceCueRecognizer,
    PlaceRecognizer,
    TablePlaceRecognizer,
    TownShapeRecognizer,
)


def presidio_recognizers() -> list[EntityRecognizer]:
    """presidio's recognizers that find HIPAA identifiers in US notes (non-US ids, crypto wallets, MAC
    addresses and UUIDs are left out: in notes they only add false positives)."""
    return [
        OfflineEmailRecognizer(),
        OfflineUrlRecognizer(),
        IpRecognizer(),
        UsPhoneRecognizer(),
        DateRecognizer(),
        UsSsnRecognizer(),
        CreditCardRecognizer(),
        IbanRecognizer(),
        UsPassportRecognizer(),
        MedicalLicenseRecognizer(),
        UsBankRecognizer(),
        UsLicenseRecognizer(),
        UsItinRecognizer(),
    ]


def all_recognizers(ner_entities: Iterable[str] | None = None) -> list[EntityRecognizer]:
    """A fresh instance of every recognizer of every profile, in the registry's order: presidio's, the
    US clinical set, spaCy's NER (when ``ner_entities``, the NLP engine's entities, are given), then the
    recognizers of general text worldwide."""
    ner: list[EntityRecognizer] = (
        [ClinicalSpacyRecognizer(supported_entities=ner_entities)] if ner_entities is not None else []
    )
    return [
        *presidio_recognizers(),
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
        PlaceCueRecognizer(),
        ListedPlaceRecognizer(),
        AddressCityRecognizer(),
        CityStateRecognizer(),
        RecordFormatRecognizer(),
        Hl7NameRecognizer(),
        EmployerRecognizer(),
        FacilityRecognizer(),
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
        DictionaryNameRecognizer(),
        InvertedNameRecognizer(),
        KinshipNameRecognizer(),
        HandoffNameRecognizer(),
        ChatNameRecognizer(),
        CapitalsLabelNameRecognizer(),
        InitialledNameRecognizer(),
        NameInitialsRecognizer(),
        SpacedInitialsNameRecognizer(),
        StaffInitialsRecognizer(),
        NicknameNameRecognizer(),
        OccupationSubjectRecognizer(),
        *ner,
        MultilingualNameRecognizer(),
        InternationalAddressRecognizer(),
        InternationalPostcodeRecognizer(),
        CuedStreetRecognizer(),
        LabelledPostcodeRecognizer(),
        PlaceRecognizer(),
        CompanyRecognizer(),
        AgeRecognizer(),
        ContextNameRecognizer(),
        RoleCompanyRecognizer(),
        CuedPhoneRecognizer(),
        PhoneShapeRecognizer(),
        LegalFormCompanyRecognizer(),
        TownShapeRecognizer(),
        BrandRoleRecognizer(),
        FieldNameRecognizer(),
        FieldOrganisationRecognizer(),
        RunningDateRecognizer(),
        WrittenDateRecognizer(),
        TableAgeRecognizer(),
        TablePostcodeRecognizer(),
        TablePlaceRecognizer(),
        ContextAgeRecognizer(),
        DayMonthDateRecognizer(),
        LowerCaseIbanRecognizer(),
        ContextPlaceRecognizer(),
        GridStreetRecognizer(),
        # General text is international: presidio's phone recognizer with all its regions.
        WindowedPhoneRecognizer(),
    ]


def recognizers_for(profile: str, ner_entities: Iterable[str] | None = None) -> list[EntityRecognizer]:
    """The recognizers a scanner of ``profile`` (``clinical`` or ``general``) runs, in the registry's
    order: those whose ``PROFILES`` name it."""
    return [r for r in all_recognizers(ner_entities) if profile in getattr(r, "PROFILES", EVERY_PROFILE)]


__all__ = ["all_recognizers", "presidio_recognizers", "recognizers_for"]
