"""FHIR names that changed between versions. The requirement sets are written with R4
names; a statement in another version is compared with the names of its own version, so
the same server gets the same coverage in R4 and R5.

Only renames are mapped (a resource or search parameter that R5 calls differently but
means the same); a resource that R5 dropped or merged stays missing, as it is."""

# R4 name -> R5 name
R5_RESOURCES = {
    "DeviceUseStatement": "DeviceUsage",
    "MedicinalProduct": "MedicinalProductDefinition",
    "SubstanceSpecification": "SubstanceDefinition",
}
# (R4 resource, R4 search parameter) -> R5 search parameter
R5_SEARCH_PARAMS = {
    ("DeviceUseStatement", "subject"): "patient",
    ("MedicationStatement", "context"): "encounter",
}


def is_r5(fhir_version):
    return str(fhir_version or "").startswith("5.")


def resource_name(resource, fhir_version):
    """The name ``fhir_version`` uses for the R4 resource ``resource``."""
    if is_r5(fhir_version):
        return R5_RESOURCES.get(resource, resource)
    return resource


def search_param_name(resource, param, fhir_version):
    """The name ``fhir_version`` uses for the R4 search parameter ``param``."""
    if is_r5(fhir_version):
        return R5_SEARCH_PARAMS.get((resource, param), param)
    return param
