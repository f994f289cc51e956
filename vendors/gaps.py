"""What a CapabilityStatement misses, in words a procurement specialist understands.

vendors.capability stores each missing item as its structured parts (resource,
kind, value, expectation: "SHALL AllergyIntolerance search_param patient"); here they
become a sentence in the page's language ("Kan geen allergieën opzoeken per patiënt"),
with the technical line kept beside it for those who want it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vendors.capability import INTERACTION, PROFILE, SEARCH_PARAM

# The FHIR resources of the shipped requirement sets and a few other common ones, as the
# things they hold (plural); any other resource is shown by its FHIR name.
RESOURCE_NAMES = {
    "AllergyIntolerance": gettext_lazy("allergies"),
    "Appointment": gettext_lazy("appointments"),
    "Binary": gettext_lazy("files"),
    "Composition": gettext_lazy("composed documents"),
    "Condition": gettext_lazy("problems and diagnoses"),
    "Consent": gettext_lazy("consents"),
    "Coverage": gettext_lazy("insurance details"),
    "DeviceUseStatement": gettext_lazy("medical devices in use"),
    "DiagnosticReport": gettext_lazy("reports of examinations"),
    "DocumentReference": gettext_lazy("documents"),
    "Encounter": gettext_lazy("contacts and admissions"),
    "Flag": gettext_lazy("alerts"),
    "ImagingStudy": gettext_lazy("imaging studies"),
    "Immunization": gettext_lazy("vaccinations"),
    "MedicationRequest": gettext_lazy("prescriptions"),
    "MedicationStatement": gettext_lazy("medication use"),
    "Observation": gettext_lazy("measurements and results"),
    "Organization": gettext_lazy("organisations"),
    "Patient": gettext_lazy("patients"),
    "Practitioner": gettext_lazy("care professionals"),
    "Procedure": gettext_lazy("procedures"),
    "Task": gettext_lazy("tasks"),
}

INTERACTION_SENTENCES = {
    "read": gettext_lazy("Cannot retrieve individual %(things)s"),
    "search-type": gettext_lazy("Cannot search %(things)s"),
    "update": gettext_lazy("Cannot update %(things)s"),
    "create": gettext_lazy("Cannot add %(things)s"),
}

SEARCH_SENTENCES = {
    "patient": gettext_lazy("Cannot look up %(things)s per patient"),
    "category": gettext_lazy("Cannot look up %(things)s by category"),
    "code": gettext_lazy("Cannot look up %(things)s by code"),
    "date": gettext_lazy("Cannot look up %(things)s by date"),
    "status": gettext_lazy("Cannot look up %(things)s by status"),
    "type": gettext_lazy("Cannot look up %(things)s by type"),
    "identifier": gettext_lazy("Cannot find %(things)s by an identifying number such as the BSN"),
    "_id": gettext_lazy("Cannot look up %(things)s by their technical id"),
    "_include": gettext_lazy("Cannot fetch %(things)s together with what they refer to"),
}


@dataclass(frozen=True)
class Gap:
    """One missing item: the sentence, whether it is required, and the technical line."""

    sentence: str
    required: bool
    technical: str


def resource_name(resource):
    name = RESOURCE_NAMES.get(resource)
    return str(name) if name is not None else resource


def sentence(resource, kind, value):
    """The missing item as a sentence in the active language."""
    things = resource_name(resource)
    if kind == "resource":
        return _("Does not support %(things)s at all") % {"things": things}
    if kind == INTERACTION and value in INTERACTION_SENTENCES:
        return INTERACTION_SENTENCES[value] % {"things": things}
    if kind == INTERACTION:
        return _("Cannot do “%(interaction)s” with %(things)s") % {
            "interaction": value,
            "things": things,
        }
    if kind == SEARCH_PARAM and value in SEARCH_SENTENCES:
        return SEARCH_SENTENCES[value] % {"things": things}
    if kind == SEARCH_PARAM:
        return _("Cannot search %(things)s by “%(param)s”") % {"things": things, "param": value}
    if kind == PROFILE:
        profile = str(value).rstrip("/").rsplit("/", 1)[-1]
        return _("Does not state support for the Dutch profile of %(things)s (%(profile)s)") % {
            "things": things,
            "profile": profile,
        }
    return f"{resource} {kind} {value}"


def describe(item):
    """A Gap for one stored missing item (vendors.capability.coverage)."""
    resource, kind, value = item["resource"], item["kind"], item["value"]
    technical = f"{item['expectation']} {resource}"
    if kind != "resource":
        technical += f" {kind} {value}"
    return Gap(
        sentence=sentence(resource, kind, value),
        required=item["expectation"] == "SHALL",
        technical=technical,
    )


def describe_all(missing):
    """Gaps for a requirement set's missing items, the required ones first."""
    gaps = [describe(item) for item in missing]
    return sorted(gaps, key=lambda gap: not gap.required)
