"""Column names read as PHI kinds: shapes of names from many schema families, and the safety side of each
rule (a name that looks like metadata but dates a person's care is still a date)."""

from __future__ import annotations

import pytest

from safecohort.detect.columns.names import kind_from_name


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        pytest.param("drug_exposure_id", "identifier", id="key-word-last"),
        pytest.param("CHARGEID", "identifier", id="glued-key"),
        pytest.param("subject.reference", "identifier", id="fhir-reference"),
        pytest.param("identifier.value", "identifier", id="identifier-value"),
        pytest.param("ENCOUNTER", "identifier", id="entity-alone"),
        pytest.param("person_source_value", "identifier", id="source-value-of-a-person"),
        pytest.param("fact_id_2", "identifier", id="key-then-digit"),
        pytest.param("name.family", "name", id="fhir-family-name"),
        pytest.param("PAT_LAST_NM", "name", id="abbreviated-last-name"),
        pytest.param("Patient.generalPractitioner.display", "provider", id="display-of-a-practitioner"),
        pytest.param("managingOrganization.display", "organization", id="display-of-an-organisation"),
        pytest.param("LAT", "geocode", id="latitude"),
        pytest.param("address.postalCode", "zip", id="postal-code"),
        pytest.param("BIRTHPLACE", "city", id="birthplace"),
        pytest.param("start_date", "date", id="date-word-last"),
        pytest.param("release_date", "date", id="release-of-whom-unknown"),
        pytest.param("viral_load_date", "date", id="load-is-no-pipeline-word"),
        pytest.param("card_valid_until_date", "date", id="validity-of-a-persons-card"),
        pytest.param("obsclin_result_text", "free_text", id="text-of-a-result"),
        pytest.param("reason_for_no_barcode", "identifier", id="barcode-number"),
    ],
)
def test_identifying_names(column: str, kind: str) -> None:
    assert kind_from_name(column)[0] == kind


@pytest.mark.parametrize(
    "column",
    [
        pytest.param("gender_concept_id", id="concept-id-is-a-code"),
        pytest.param("code.coding.display", id="display-of-a-code"),
        pytest.param("maritalStatus.text", id="text-of-a-coded-element"),
        pytest.param("address.state", id="state-is-allowed"),
        pytest.param("stop_reason", id="date-word-not-last"),
        pytest.param("upload_date", id="pipeline-date"),
        pytest.param("refresh_encounter_date", id="refresh-of-a-table"),
        pytest.param("source_release_date", id="release-of-the-data"),
        pytest.param("valid_start_date", id="validity-of-a-vocabulary-row"),
        pytest.param("is_hierarchical", id="flag-prefix"),
        pytest.param("birth_date_mgmt", id="descriptor-last"),
        pytest.param("drug_name", id="name-of-a-drug"),
        pytest.param("value_as_number", id="number-is-no-key"),
    ],
)
def test_clinical_and_administrative_names(column: str) -> None:
    assert kind_from_name(column)[0] == "none"
