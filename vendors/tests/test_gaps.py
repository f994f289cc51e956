"""A CapabilityStatement's missing items in words, in the page's language."""

from django.utils import translation

from vendors.gaps import describe, describe_all

ALLERGY_BY_PATIENT = {
    "resource": "AllergyIntolerance",
    "kind": "search_param",
    "value": "patient",
    "expectation": "SHALL",
}


def test_a_missing_search_parameter_reads_as_a_sentence_in_both_languages():
    with translation.override("nl"):
        gap = describe(ALLERGY_BY_PATIENT)
    assert gap.sentence == "Kan geen allergieën opzoeken per patiënt"
    assert gap.required
    assert gap.technical == "SHALL AllergyIntolerance search_param patient"
    with translation.override("en"):
        assert describe(ALLERGY_BY_PATIENT).sentence == "Cannot look up allergies per patient"


def test_an_unknown_resource_and_parameter_fall_back_to_their_fhir_names():
    item = {"resource": "Specimen", "kind": "search_param", "value": "bodysite"}
    with translation.override("nl"):
        gap = describe({**item, "expectation": "SHOULD"})
    assert gap.sentence == "Kan niet zoeken in Specimen op “bodysite”"
    assert not gap.required


def test_required_gaps_come_first():
    recommended = {**ALLERGY_BY_PATIENT, "expectation": "SHOULD", "value": "date"}
    gaps = describe_all([recommended, ALLERGY_BY_PATIENT])
    assert [gap.required for gap in gaps] == [True, False]
