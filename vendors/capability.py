"""FHIR CapabilityStatements: read (an upload or a server's /metadata), validate with
fhir.resources, keep every version, and compare with the requirement sets shipped in
vendors/requirement_sets/ (SHALL/SHOULD expectations per resource, interaction, search
parameter and profile).

JSON and XML are read; FHIR R4 (4.0.x) statements are validated with fhir.resources' R4B models (the
CapabilityStatement did not change between R4 and R4B); R5 with the R5 models. Anything
that is not a valid CapabilityStatement is refused with a message and stores nothing."""

import codecs
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError

from portal.translation import localized
from vendors import fhir_versions
from vendors.models import CapabilityStatementVersion
from vendors.public_fetch import FetchFailed, UnsafeURL, fetch, parse_url

REQUIREMENT_SETS = Path(__file__).parent / "requirement_sets"
INTERACTION, SEARCH_PARAM, PROFILE = "interaction", "search_param", "profile"
FHIR_NS = "http://hl7.org/fhir"


class CapabilityStatementError(ValueError):
    """Why a document was refused; the message is for the user."""


# --- reading ---------------------------------------------------------------------------


def _model_for(fhir_version):
    if fhir_version.startswith(("4.0", "4.3")):
        from fhir.resources.R4B.capabilitystatement import CapabilityStatement
    elif fhir_version.startswith("5."):
        from fhir.resources.capabilitystatement import CapabilityStatement
    else:
        raise CapabilityStatementError(
            _("FHIR version %(version)s is not supported; upload an R4 or R5 statement.")
            % {"version": fhir_version or "?"}
        )
    return CapabilityStatement


def _first_errors(error: ValidationError, count=3):
    parts = []
    for problem in error.errors()[:count]:
        where = ".".join(str(p) for p in problem.get("loc", ())) or "document"
        parts.append(f"{where}: {problem.get('msg', '')}")
    return "; ".join(parts)


def read_statement(data: bytes) -> dict:
    """The validated statement as JSON, or CapabilityStatementError."""
    if len(data) > settings.CAPABILITY_STATEMENT_MAX_BYTES:
        raise CapabilityStatementError(
            _("The file is too large; the limit is %(limit)s MB.")
            % {"limit": settings.CAPABILITY_STATEMENT_MAX_BYTES // 2**20}
        )
    text = data.decode("utf-8-sig", errors="replace").strip()
    if not text:
        raise CapabilityStatementError(_("The file is empty."))
    if _looks_like_xml(data):
        return _read_xml(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CapabilityStatementError(
            _("This is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": error.lineno, "column": error.colno}
        ) from error
    if not isinstance(document, dict) or "resourceType" not in document:
        raise CapabilityStatementError(_("This is not a FHIR resource."))
    if document["resourceType"] != "CapabilityStatement":
        raise CapabilityStatementError(
            _("This is a %(type)s, not a CapabilityStatement.")
            % {"type": str(document["resourceType"])[:60]}
        )
    model = _model_for(str(document.get("fhirVersion", "")))
    try:
        model.model_validate(document)
    except ValidationError as error:
        raise CapabilityStatementError(
            _("This CapabilityStatement is not valid: %(errors)s")
            % {"errors": _first_errors(error)}
        ) from error
    return document


_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def _ascii_view(data: bytes) -> bytes:
    """The document without a byte order mark and NUL bytes: ASCII text of a UTF-8,
    UTF-16 or UTF-32 document reads as ASCII. Only for choosing a path or a message;
    the parser decodes the document itself."""
    for bom in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.replace(b"\0", b"")


def _looks_like_xml(data: bytes) -> bool:
    """Whether the document starts with "<" in any encoding an XML parser detects."""
    return _ascii_view(data[:256]).lstrip().startswith(b"<")


def _read_xml(data: bytes) -> dict:
    """An XML statement, validated and returned in its JSON form.

    Parsed once, by lxml on the document as the parser decodes it (so a UTF-16 document
    is seen as it is): no DTD loading, no entity substitution, no network, libxml2's size
    limits on. Any DTD, internal or external, is refused, as is any entity it would
    declare; the parsed tree goes to fhir.resources as it is, without a second parse."""
    from fhir_core.xml_utils import Node
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in _ascii_view(data).upper():  # e.g. parameter entities
            raise CapabilityStatementError(_("XML with a DOCTYPE is not accepted.")) from error
        raise CapabilityStatementError(
            _("This is not valid XML: %(reason)s") % {"reason": str(error)[:200]}
        ) from error
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise CapabilityStatementError(_("XML with a DOCTYPE is not accepted."))
    kind = etree.QName(root).localname
    if kind != "CapabilityStatement":
        raise CapabilityStatementError(
            _("This is a %(type)s, not a CapabilityStatement.") % {"type": kind[:60]}
        )
    version = root.find(f"{{{FHIR_NS}}}fhirVersion")
    model = _model_for(version.get("value", "") if version is not None else "")
    try:
        # what model.model_validate_xml does after its own (default) parse
        parsed = Node.from_element(root, fhir_class=model).to_fhir(model)
    except (ValidationError, ValueError, TypeError, KeyError) as error:
        errors = _first_errors(error) if isinstance(error, ValidationError) else str(error)[:200]
        raise CapabilityStatementError(
            _("This CapabilityStatement is not valid: %(errors)s") % {"errors": errors}
        ) from error
    return json.loads(parsed.model_dump_json(exclude_none=True))


def metadata_url(url):
    """The /metadata URL for a server's base URL (or the /metadata URL itself), checked as
    written: CapabilityStatementError for a malformed URL, another scheme or port."""
    url = str(url).strip()
    try:
        parse_url(url)
    except UnsafeURL as error:
        if error.reason == "scheme":
            message = _("Give an http or https address.")
        elif error.reason == "port":
            message = _("Give an address on port %(ports)s.") % {
                "ports": " / ".join(str(port) for port in settings.CAPABILITY_FETCH_PORTS)
            }
        else:
            message = _("This is not a valid web address.")
        raise CapabilityStatementError(message) from error
    return url if url.rstrip("/").endswith("/metadata") else url.rstrip("/") + "/metadata"


def fetch_statement(url) -> bytes:
    """GET [base]/metadata from a public address, within the time and size limits. Every
    failure after the URL was accepted gets the same message, which never says what
    answered (or did not) and never shows what the server sent."""
    try:
        return fetch(
            metadata_url(url),
            headers={"Accept": "application/fhir+json, application/json"},
            max_bytes=settings.CAPABILITY_STATEMENT_MAX_BYTES,
            timeout=settings.CAPABILITY_STATEMENT_FETCH_TIMEOUT,
        )
    except FetchFailed as error:
        raise CapabilityStatementError(
            _(
                "The CapabilityStatement could not be fetched from this address. The server "
                "must be reachable at a public address and answer with HTTP status 200 "
                "within %(seconds)s seconds and at most %(limit)s MB; or upload the file."
            )
            % {
                "seconds": settings.CAPABILITY_STATEMENT_FETCH_TIMEOUT,
                "limit": settings.CAPABILITY_STATEMENT_MAX_BYTES // 2**20,
            }
        ) from error


# --- comparing -------------------------------------------------------------------------


@dataclass
class Supported:
    interactions: set = field(default_factory=set)
    search_params: set = field(default_factory=set)
    profiles: set = field(default_factory=set)


def _canonical(url):
    return str(url).split("|", 1)[0]


def supported(document) -> dict:
    """What a server statement offers, per resource type (over all server rest blocks)."""
    found = {}
    for rest in document.get("rest") or []:
        if rest.get("mode", "server") != "server":
            continue
        for resource in rest.get("resource") or []:
            entry = found.setdefault(resource.get("type"), Supported())
            entry.interactions |= {i.get("code") for i in resource.get("interaction") or []}
            entry.search_params |= {p.get("name") for p in resource.get("searchParam") or []}
            profiles = list(resource.get("supportedProfile") or [])
            if resource.get("profile"):
                profiles.append(resource["profile"])
            entry.profiles |= {_canonical(p) for p in profiles}
    return found


@cache
def requirement_sets():
    sets = [json.loads(path.read_text()) for path in sorted(REQUIREMENT_SETS.glob("*.json"))]
    return {s["code"]: s for s in sets}


# What a requirement set says to readers (English, with a Dutch ``<key>_nl``); its
# "maintenance" note is for the editors of the JSON files and is never shown.
SHOWN_TEXTS = ("name", "description", "source")


def requirement_set_text(code, key):
    """A requirement set's name, description or source in the active language."""
    requirement_set = requirement_sets().get(code, {})
    return localized(requirement_set.get(f"{key}_nl", ""), requirement_set.get(key, ""))


def shown_requirement_sets():
    """The requirement sets with their texts in the active language, for pages."""
    return [
        {"code": code, **{key: requirement_set_text(code, key) for key in SHOWN_TEXTS}}
        for code in requirement_sets()
    ]


def localized_coverage(stored):
    """Stored coverage results with each set's name in the active language (the stored
    name is the one from when the statement was compared)."""
    return {
        code: {**result, "name": requirement_set_text(code, "name") or result.get("name", "")}
        for code, result in stored.items()
    }


def _items(requirement_set):
    """(resource, kind, value, expectation) for every expectation in the set."""
    for resource in requirement_set["resources"]:
        yield resource["type"], "resource", resource["type"], resource["expectation"]
        for value, expectation in resource["interactions"]:
            yield resource["type"], INTERACTION, value, expectation
        for value, expectation in resource["search_params"]:
            yield resource["type"], SEARCH_PARAM, value, expectation
        for value, expectation in resource["profiles"]:
            yield resource["type"], PROFILE, value, expectation


def _met(offered, resource, kind, value, fhir_version):
    """Whether the statement offers the item, under the names of its own FHIR version
    (the requirement sets use R4's)."""
    entry = offered.get(fhir_versions.resource_name(resource, fhir_version))
    if entry is None:
        return False
    if kind == SEARCH_PARAM:
        return fhir_versions.search_param_name(resource, value, fhir_version) in (
            entry.search_params
        )
    return {
        "resource": True,
        INTERACTION: value in entry.interactions,
        PROFILE: value in entry.profiles,
    }[kind]


def coverage(document, requirement_set) -> dict:
    """Met and total SHALL and SHOULD items, and every missing item."""
    offered = supported(document)
    fhir_version = document.get("fhirVersion", "")
    result = {"name": requirement_set["name"], "missing": []}
    totals = {"SHALL": [0, 0], "SHOULD": [0, 0]}
    for resource, kind, value, expectation in _items(requirement_set):
        met = _met(offered, resource, kind, value, fhir_version)
        totals[expectation][0] += met
        totals[expectation][1] += 1
        if not met:
            result["missing"].append(
                {"resource": resource, "kind": kind, "value": value, "expectation": expectation}
            )
    result["shall_met"], result["shall_total"] = totals["SHALL"]
    result["should_met"], result["should_total"] = totals["SHOULD"]
    return result


def all_coverage(document):
    return {code: coverage(document, rs) for code, rs in requirement_sets().items()}


# Raise when the comparison itself (_met, supported) changes meaning.
COVERAGE_RULES = 2


@cache
def coverage_basis():
    """A fingerprint of what coverage is measured against: the rules, the requirement
    sets and the FHIR version mappings. A statement stored under another basis has its
    coverage compared again (vendors.rescoring)."""
    basis = {
        "rules": COVERAGE_RULES,
        # What is measured, not the texts about it: a translation compares nothing anew.
        "requirement_sets": {
            code: {"fhir_versions": rs.get("fhir_versions"), "resources": rs["resources"]}
            for code, rs in requirement_sets().items()
        },
        "r5_resources": fhir_versions.R5_RESOURCES,
        "r5_search_params": sorted(fhir_versions.R5_SEARCH_PARAMS.items()),
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()[:16]


# --- storing ---------------------------------------------------------------------------


@transaction.atomic
def ingest(product, data: bytes, *, source, source_url="", user=None):
    """Validate and store a new version with its coverage; refuses without storing."""
    document = read_statement(data)
    if document.get("kind") == "requirements":
        raise CapabilityStatementError(
            _(
                'This CapabilityStatement states requirements (kind "requirements"), not what '
                'a product offers. Upload the product\'s own statement (kind "instance" or '
                '"capability").'
            )
        )
    software = document.get("software") or {}
    return CapabilityStatementVersion.objects.create(
        product=product,
        source=source,
        source_url=source_url,
        fhir_version=str(document["fhirVersion"]),
        software=" ".join(filter(None, [software.get("name"), software.get("version")]))[:200],
        document=document,
        sha256=hashlib.sha256(data).hexdigest(),
        coverage=all_coverage(document),
        coverage_basis=coverage_basis(),
        uploaded_by=user,
    )
