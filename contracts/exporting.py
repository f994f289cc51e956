"""Export an organisation's contracts in the import layout (a round trip loses nothing),
and the empty template with two example rows."""

from datetime import date
from decimal import Decimal

from contracts.importing.columns import (
    ANSWER_WORDS,
    BOOLEAN_WORDS,
    CLAUSE_CODES,
    CLAUSE_PREFIX,
    COST_TYPE_WORDS,
    FREQUENCY_WORDS,
    HEADERS,
    PRODUCT_SEPARATOR,
    STATUS_WORDS,
    UNIT_WORDS,
    first_word,
)
from contracts.importing.values import format_date, format_decimal, format_quantity
from contracts.models import ContractLine
from portal.spreadsheets import table_csv, table_xlsx
from vendors.models import Product


def _contract_cells(contract, answers):
    return {
        "kenmerk": contract.reference,
        "leverancier": contract.vendor.name,
        "categorie": contract.category.slug,
        "producten": PRODUCT_SEPARATOR.join(p.name for p in contract.products.all()),
        "startdatum": contract.start_date,
        "einddatum": contract.end_date,
        "looptijd_maanden": contract.initial_term_months,
        "verlengingstermijn_maanden": contract.renewal_term_months,
        "opzegtermijn_maanden": contract.notice_period_months,
        "stilzwijgend_verlengen": first_word(BOOLEAN_WORDS, contract.auto_renewal),
        "status": first_word(STATUS_WORDS, contract.status),
        **{
            CLAUSE_PREFIX + code: first_word(ANSWER_WORDS, answers[code])
            for code in CLAUSE_CODES
            if code in answers
        },
    }


def _line_cells(number, line):
    return {
        "regel": number,
        "kostensoort": first_word(COST_TYPE_WORDS, line.cost_type),
        "omschrijving": line.description,
        "bedrag": line.amount,
        "betaling": first_word(FREQUENCY_WORDS, line.frequency),
        "eenheid": first_word(UNIT_WORDS, line.unit),
        "aantal": line.quantity,
    }


def export_rows(contracts):
    """Dicts keyed by HEADERS, typed (dates, Decimals, ints); one per line."""
    contracts = (
        contracts.select_related("vendor", "category")
        .prefetch_related("products", "lines", "clauses__clause")
        .order_by("reference")
    )
    for contract in contracts:
        answers = {a.clause.code: a.answer for a in contract.clauses.all()}
        base = _contract_cells(contract, answers)
        lines = list(contract.lines.all())
        if not lines:
            yield base
        for number, line in enumerate(lines, start=1):
            yield {**base, **_line_cells(number, line)}


def _text(value):
    """Numbers and dates as the import reads them; text is neutralised by the writer."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_decimal(value) if value.as_tuple().exponent == -2 else format_quantity(value)
    return str(value)


def _cells(rows):
    return ([row.get(column) for column in HEADERS] for row in rows)


def to_csv(rows):
    """Dutch Excel CSV: semicolons, decimal commas, dd-mm-yyyy, UTF-8 with BOM."""
    return table_csv(HEADERS, _cells(rows), formatter=_text)


def to_xlsx(rows):
    return table_xlsx(HEADERS, _cells(rows), sheet_name="Contracten", keep_dates=True)


def template_rows():
    """Two example rows (one contract, two lines) using a real catalogue product, so
    the template imports as it is."""
    product = (
        Product.objects.select_related("vendor", "category")
        .filter(category__parent__isnull=False)
        .order_by("vendor__name", "name")
        .first()
    )
    base = {
        "kenmerk": "VOORBEELD-001",
        "leverancier": product.vendor.name if product else "",
        "categorie": product.category.slug if product else "",
        "producten": product.name if product else "",
        "startdatum": date(2025, 1, 1),
        "einddatum": date(2027, 12, 31),
        "looptijd_maanden": 36,
        "verlengingstermijn_maanden": 12,
        "opzegtermijn_maanden": 6,
        "stilzwijgend_verlengen": "ja",
        "status": "",
        CLAUSE_PREFIX + "exit-plan": "ja",
        CLAUSE_PREFIX + "data-return-open-format": "gedeeltelijk",
    }
    subscription = ContractLine(
        cost_type="subscription",
        description="Abonnement",
        amount=Decimal("42.50"),
        frequency="yearly",
        unit="user",
        quantity=Decimal(800),
    )
    implementation = ContractLine(
        cost_type="implementation",
        description="Implementatie",
        amount=Decimal("25000.00"),
        frequency="once",
        unit="flat",
        quantity=Decimal(1),
    )
    return [{**base, **_line_cells(1, subscription)}, {**base, **_line_cells(2, implementation)}]
