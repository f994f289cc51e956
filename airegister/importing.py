"""Import an AI register from a spreadsheet in the export's layout (airegister.exporting).

The file is read by the contract import's reader (contracts.importing.reading: CSV or
XLSX, no macros, no formulas, no zip bombs, size limits). A row whose name matches an
application of the organisation changes it; any other row adds one. Every row goes
through the register's services, in one transaction: all rows are saved, or none."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from airegister.exporting import COLUMNS
from airegister.models import AIApplication
from airegister.services import create_application, update_application
from contracts.importing.columns import BOOLEAN_WORDS
from contracts.importing.reading import read_table
from contracts.importing.values import normalise_name, parse_date
from portal.models import Organization
from vendors.models import Product, Vendor

HEADERS = [column for column, _value in COLUMNS]
REQUIRED = ["naam", "doel", "herkomst", "fase", "soort_ai", "risicoklasse"]
# spreadsheet column -> (model field, choices)
CHOICE_COLUMNS = {
    "doel": ("purpose", AIApplication.Purpose),
    "herkomst": ("origin", AIApplication.Origin),
    "fase": ("phase", AIApplication.Phase),
    "soort_ai": ("kind", AIApplication.Kind),
    "risicoklasse": ("risk_class", AIApplication.RiskClass),
    "mdr_klasse": ("mdr_class", AIApplication.MdrClass),
    "ce_markering": ("ce_marking", AIApplication.CeMarking),
}
TEXT_COLUMNS = {
    "naam": "name",
    "doel_toelichting": "purpose_description",
    "afdeling": "department",
    "onderbouwing_risicoklasse": "risk_reason",
    "eigenaar": "owner",
}
PARTNER_SEPARATORS = ("|", ",")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (row number, message)


def _words(choices):
    """{normalised word: value}: the code and the label in Dutch and English."""
    words = {}
    for language in ("nl", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                words[normalise_name(str(label))] = value
    words.update({normalise_name(value): value for value in choices.values})
    return words


class _Reader:
    def __init__(self):
        self.choices = {column: _words(choices) for column, (_f, choices) in CHOICE_COLUMNS.items()}
        self.vendors = {}
        for vendor in Vendor.objects.all():
            self.vendors[normalise_name(vendor.name)] = vendor
            self.vendors[normalise_name(vendor.slug)] = vendor
        self.products = {
            (product.vendor_id, normalise_name(product.name)): product
            for product in Product.objects.all()
        }
        self.organizations = {normalise_name(o.name): o for o in Organization.objects.all()}
        self.booleans = {
            normalise_name(word): value for value, words in BOOLEAN_WORDS.items() for word in words
        }

    def fields(self, cells):
        """(fields, partners) of one row; ValidationError with every problem in it."""
        errors = []
        fields = {name: cells.get(column, "") for column, name in TEXT_COLUMNS.items()}
        for column, (name, _choices) in CHOICE_COLUMNS.items():
            value = cells.get(column, "")
            if not value and column in ("mdr_klasse", "ce_markering"):
                continue  # the model's default
            found = self.choices[column].get(normalise_name(value))
            if found is None:
                errors.append(
                    _("“%(value)s” is not valid in column %(column)s.")
                    % {"value": value, "column": column}
                )
            fields[name] = found
        fields["vendor"] = fields["product"] = None
        if cells.get("leverancier"):
            fields["vendor"] = self.vendors.get(normalise_name(cells["leverancier"]))
            if fields["vendor"] is None:
                errors.append(_("Unknown vendor “%(name)s”.") % {"name": cells["leverancier"]})
        if cells.get("product") and fields["vendor"]:
            key = (fields["vendor"].pk, normalise_name(cells["product"]))
            fields["product"] = self.products.get(key)
            if fields["product"] is None:
                errors.append(_("Unknown product “%(name)s”.") % {"name": cells["product"]})
        partners = []
        names = cells.get("partners", "")
        for separator in PARTNER_SEPARATORS:
            names = names.replace(separator, "\n")
        for name in filter(None, (n.strip() for n in names.split("\n"))):
            partner = self.organizations.get(normalise_name(name))
            if partner is None:
                errors.append(_("Unknown organisation “%(name)s”.") % {"name": name})
            partners.append(partner)
        fields["last_reviewed_on"] = None
        if cells.get("laatst_beoordeeld"):
            try:
                fields["last_reviewed_on"] = parse_date(cells["laatst_beoordeeld"])
            except ValueError:
                errors.append(
                    _("“%(value)s” is not a date; write 31-12-2025 or 2025-12-31.")
                    % {"value": cells["laatst_beoordeeld"]}
                )
        shared = self.booleans.get(normalise_name(cells.get("gedeeld", "")))
        if shared is None:
            errors.append(_("Column gedeeld takes ja or nee."))
        fields["shared"] = bool(shared)
        if errors:
            raise ValidationError(errors)
        return fields, partners


def _messages(err):
    if hasattr(err, "error_dict"):
        return [message for messages in err.message_dict.values() for message in messages]
    return err.messages


def import_register(*, organization, data, filename, actor):
    """Read ``data`` (CSV or XLSX bytes) into ``organization``'s register. Raises
    contracts.importing.reading.ImportFileError when the file as a whole is refused."""
    headers, rows, _known = read_table(data, filename, columns=HEADERS, required=REQUIRED)
    reader = _Reader()
    existing = {
        normalise_name(a.name): a for a in AIApplication.objects.filter(organization=organization)
    }
    result = ImportResult()
    with transaction.atomic():
        for number, row in rows:
            cells = dict(zip(headers, row, strict=False))
            try:
                fields, partners = reader.fields(cells)
                application = existing.get(normalise_name(fields["name"]))
                if application is None:
                    existing[normalise_name(fields["name"])] = create_application(
                        organization=organization, actor=actor, partners=partners, **fields
                    )
                    result.created += 1
                else:
                    update_application(
                        application=application, actor=actor, partners=partners, **fields
                    )
                    result.updated += 1
            except ValidationError as err:
                result.errors += [(number, message) for message in _messages(err)]
        if result.errors:
            transaction.set_rollback(True)
    return result
