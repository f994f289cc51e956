"""Check every row of an import and build contract drafts; collect every problem with
its row number, column and a reason in the user's language."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from contracts.importing.columns import (
    ANSWER_WORDS,
    BOOLEAN_WORDS,
    CLAUSE_PREFIX,
    COST_TYPE_WORDS,
    FREQUENCY_WORDS,
    PER_CONTRACT,
    PRODUCT_SEPARATOR,
    STATUS_WORDS,
    UNIT_WORDS,
    lookup,
)
from contracts.importing.values import normalise_name, parse_date, parse_decimal, parse_int
from vendors.models import Product, ProductCategory, Vendor

STATUS = lookup(STATUS_WORDS)
COST_TYPE = lookup(COST_TYPE_WORDS)
FREQUENCY = lookup(FREQUENCY_WORDS)
UNIT = lookup(UNIT_WORDS)
ANSWER = lookup(ANSWER_WORDS)
BOOLEAN = lookup(BOOLEAN_WORDS)
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass
class LineDraft:
    number: int
    cost_type: str
    description: str
    amount: Decimal
    frequency: str
    unit: str
    quantity: Decimal

    def as_fields(self):
        return {
            "cost_type": self.cost_type,
            "description": self.description,
            "amount": self.amount,
            "frequency": self.frequency,
            "unit": self.unit,
            "quantity": self.quantity,
        }


@dataclass
class ContractDraft:
    row: int
    reference: str
    vendor: Vendor
    category: ProductCategory
    products: list
    start_date: date
    end_date: date
    initial_term_months: int
    renewal_term_months: int | None
    notice_period_months: int
    auto_renewal: bool
    status: str
    clauses: dict
    lines: list = field(default_factory=list)


class Catalogue:
    """Vendors, leaf categories and products, looked up by name or slug, ignoring case
    and accents."""

    def __init__(self):
        self.vendors = {}
        for vendor in Vendor.objects.all():
            self.vendors[normalise_name(vendor.name)] = vendor
            self.vendors[vendor.slug] = vendor
        self.categories, self.top_categories = {}, set()
        for category in ProductCategory.objects.select_related("parent"):
            keys = {
                normalise_name(category.name),
                normalise_name(category.name_en),
                category.slug,
            } - {""}
            if category.parent_id is None:
                self.top_categories |= keys
            else:
                for key in keys:
                    self.categories[key] = category
        self.products = {}
        for product in Product.objects.all():
            self.products[(product.vendor_id, normalise_name(product.name))] = product
            self.products[(product.vendor_id, product.slug)] = product


class RowErrors:
    def __init__(self):
        self.items = []

    def add(self, row, column, message):
        self.items.append({"row": row, "column": column, "message": str(message)})

    def __bool__(self):
        return bool(self.items)


def _word(value, words, errors, row, column, allowed_text):
    key = normalise_name(value)
    if key in words:
        return words[key]
    errors.add(
        row,
        column,
        _("“%(value)s” is not valid here; use %(allowed)s.")
        % {"value": value, "allowed": allowed_text},
    )
    return None


def _parse_contract(cells, number, catalogue, errors, today):
    """The contract part of a row, or None when it has errors (they are recorded)."""
    before = len(errors.items)
    reference = cells["kenmerk"]
    vendor = catalogue.vendors.get(normalise_name(cells["leverancier"]))
    if not cells["leverancier"]:
        errors.add(number, "leverancier", _("Fill in the vendor."))
    elif vendor is None:
        errors.add(
            number,
            "leverancier",
            _("Unknown vendor “%(name)s”: use the name as it appears in the vendor directory.")
            % {"name": cells["leverancier"]},
        )
    category_key = normalise_name(cells["categorie"])
    category = catalogue.categories.get(category_key)
    if not cells["categorie"]:
        errors.add(number, "categorie", _("Fill in the category."))
    elif category is None:
        message = (
            _("“%(name)s” is a main category; choose one of its subcategories.")
            if category_key in catalogue.top_categories
            else _("Unknown category “%(name)s”.")
        )
        errors.add(number, "categorie", message % {"name": cells["categorie"]})
    products = []
    for name in filter(None, (p.strip() for p in cells["producten"].split(PRODUCT_SEPARATOR))):
        product = vendor and catalogue.products.get((vendor.pk, normalise_name(name)))
        if vendor and product is None:
            errors.add(
                number,
                "producten",
                _("“%(product)s” is not a product of %(vendor)s.")
                % {"product": name, "vendor": vendor.name},
            )
        elif product and category and product.category_id != category.pk:
            errors.add(
                number,
                "producten",
                _("%(product)s does not belong to the category %(category)s.")
                % {"product": product.name, "category": category.name},
            )
        elif product:
            products.append(product)
    dates = {}
    for column in ("startdatum", "einddatum"):
        try:
            dates[column] = parse_date(cells[column])
        except ValueError:
            errors.add(
                number,
                column,
                _("“%(value)s” is not a date; write 31-12-2025 or 2025-12-31.")
                % {"value": cells[column]},
            )
    months = {}
    for column, required in (
        ("looptijd_maanden", True),
        ("opzegtermijn_maanden", True),
        ("verlengingstermijn_maanden", False),
    ):
        if not cells[column] and not required:
            months[column] = None
            continue
        try:
            months[column] = parse_int(cells[column])
        except ValueError:
            errors.add(
                number,
                column,
                _("“%(value)s” is not a whole number of months.") % {"value": cells[column]},
            )
    if len(dates) == 2 and dates["einddatum"] <= dates["startdatum"]:
        errors.add(number, "einddatum", _("The end date must be after the start date."))
    term, notice = months.get("looptijd_maanden"), months.get("opzegtermijn_maanden")
    if term is not None and term < 1:
        errors.add(number, "looptijd_maanden", _("The term must be at least one month."))
    if term and notice is not None and notice >= term:
        errors.add(
            number, "opzegtermijn_maanden", _("The notice period must be shorter than the term.")
        )
    auto_renewal = _word(
        cells["stilzwijgend_verlengen"],
        BOOLEAN,
        errors,
        number,
        "stilzwijgend_verlengen",
        "ja / nee",
    )
    status = None
    if cells["status"]:
        status = _word(
            cells["status"],
            STATUS,
            errors,
            number,
            "status",
            "gepland / lopend / afgelopen / voortijdig beëindigd",
        )
    elif len(dates) == 2:
        status = (
            "planned"
            if dates["startdatum"] > today
            else "active"
            if dates["einddatum"] >= today
            else "ended"
        )
    clauses = {}
    for column, value in cells.items():
        if column.startswith(CLAUSE_PREFIX) and value:
            answer = _word(
                value, ANSWER, errors, number, column, "ja / gedeeltelijk / nee / onbekend"
            )
            if answer:
                clauses[column[len(CLAUSE_PREFIX) :]] = answer
    if len(errors.items) > before:
        return None
    return ContractDraft(
        row=number,
        reference=reference,
        vendor=vendor,
        category=category,
        products=products,
        start_date=dates["startdatum"],
        end_date=dates["einddatum"],
        initial_term_months=term,
        renewal_term_months=months["verlengingstermijn_maanden"],
        notice_period_months=notice,
        auto_renewal=auto_renewal,
        status=status,
        clauses=clauses,
    )


def _parse_line(cells, number, errors):
    if not any(cells[c] for c in ("kostensoort", "bedrag", "regel")):
        return None  # a contract row without a price line
    before = len(errors.items)
    try:
        line_number = parse_int(cells["regel"])
    except ValueError:
        errors.add(number, "regel", _("Fill in the line number (1, 2, 3, ...)."))
        line_number = None
    cost_type = _word(
        cells["kostensoort"],
        COST_TYPE,
        errors,
        number,
        "kostensoort",
        "licentie / abonnement / implementatie / onderhoud / hosting / opleiding / overig",
    )
    frequency = _word(
        cells["betaling"] or "jaarlijks",
        FREQUENCY,
        errors,
        number,
        "betaling",
        "jaarlijks / eenmalig",
    )
    unit = _word(
        cells["eenheid"],
        UNIT,
        errors,
        number,
        "eenheid",
        "vast / per gebruiker / per fte / per bed / per werkplek",
    )
    amount = None
    try:
        amount = parse_decimal(cells["bedrag"])
        if amount < 0:
            errors.add(number, "bedrag", _("The amount cannot be negative."))
        elif amount > MAX_AMOUNT or amount.as_tuple().exponent < -2:
            errors.add(number, "bedrag", _("Use an amount in euros with at most two decimals."))
    except ValueError:
        errors.add(
            number,
            "bedrag",
            _("“%(value)s” is not an amount; write 1.234,56 or 1234.56.")
            % {"value": cells["bedrag"]},
        )
    quantity = Decimal(1)
    if cells["aantal"]:
        try:
            quantity = parse_decimal(cells["aantal"])
            if quantity < 0:
                errors.add(number, "aantal", _("The quantity cannot be negative."))
        except ValueError:
            errors.add(
                number, "aantal", _("“%(value)s” is not a number.") % {"value": cells["aantal"]}
            )
    if unit and unit != "flat" and (not cells["aantal"] or quantity == 0):
        errors.add(number, "aantal", _("A price per unit needs a quantity."))
    if unit == "flat" and cells["aantal"] and quantity != 1:
        errors.add(number, "aantal", _("A flat fee has quantity 1."))
    if len(errors.items) > before:
        return None
    return LineDraft(
        line_number, cost_type, cells["omschrijving"], amount, frequency, unit, quantity
    )


def validate_rows(headers, rows, *, today, progress=None):
    """(drafts, errors) for the rows of one file."""
    catalogue = Catalogue()
    errors = RowErrors()
    drafts = {}
    first_cells = {}
    seen_lines = {}
    columns = list(headers)
    empty = dict.fromkeys(
        [
            "producten",
            "verlengingstermijn_maanden",
            "stilzwijgend_verlengen",
            "status",
            "regel",
            "kostensoort",
            "omschrijving",
            "bedrag",
            "betaling",
            "eenheid",
            "aantal",
        ],
        "",
    )
    for done, (number, values) in enumerate(rows, start=1):
        cells = dict(empty)
        cells.update(zip(columns, values, strict=False))
        reference = cells.get("kenmerk", "")
        if not reference:
            errors.add(number, "kenmerk", _("Fill in your own contract reference."))
            continue
        contract_cells = {c: cells.get(c, "") for c in PER_CONTRACT}
        if reference not in first_cells:
            first_cells[reference] = (number, contract_cells)
            draft = _parse_contract(cells, number, catalogue, errors, today)
            drafts[reference] = draft
        else:
            first_row, first = first_cells[reference]
            for column, value in contract_cells.items():
                if value != first[column]:
                    errors.add(
                        number,
                        column,
                        _(
                            "Differs from row %(row)s of the same contract "
                            "(reference %(reference)s)."
                        )
                        % {"row": first_row, "reference": reference},
                    )
                    break
        line = _parse_line(cells, number, errors)
        if line is not None:
            key = (reference, line.number)
            if key in seen_lines:
                errors.add(
                    number,
                    "regel",
                    _("Contract %(reference)s has line %(line)s twice (also row %(row)s).")
                    % {"reference": reference, "line": line.number, "row": seen_lines[key]},
                )
            else:
                seen_lines[key] = number
                if drafts.get(reference) is not None:
                    drafts[reference].lines.append(line)
        if progress and done % 5000 == 0:
            progress(done)
    if progress:
        progress(len(rows))
    valid = [d for d in drafts.values() if d is not None]
    for draft in valid:
        draft.lines.sort(key=lambda line: line.number)
    return valid, errors.items
