"""Check every row of an import and build contract drafts; collect every problem with
its row number, column and a reason in the user's language.

A row is read column by column as the column table (``columns.py``) says, then checked
by the rules that involve several columns."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from contracts.importing.columns import (
    CLAUSE_PARSER,
    CLAUSE_PREFIX,
    CONTRACT_TABLE,
    LINE_TABLE,
    PER_CONTRACT,
    REQUIRED,
)
from contracts.importing.parsers import Invalid
from contracts.importing.values import normalise_name
from contracts.models import LockInClause
from vendors.models import Product, ProductCategory, Vendor

HEADER_ROW = 1  # the row number of the column names; rows are numbered as in the file
REFERENCE = next(column for column in CONTRACT_TABLE if column.name == "kenmerk")
# Cells of the optional columns a file may leave out.
EMPTY_CELLS = {c.name: "" for c in CONTRACT_TABLE + LINE_TABLE if c.name not in REQUIRED}
LINE_KEYS = [c.name for c in LINE_TABLE if c.required]


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
    products: tuple
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
    and accents; and the codes of the lock-in clauses a clause column may name."""

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
        self.clause_codes = set(LockInClause.objects.values_list("code", flat=True))


class RowErrors:
    def __init__(self):
        self.items = []

    def add(self, row, column, message):
        self.items.append({"row": row, "column": column, "message": str(message)})

    def __bool__(self):
        return bool(self.items)


@dataclass
class Row:
    """A row being read: its cells by column, and the values read so far."""

    number: int
    cells: dict
    catalogue: Catalogue
    values: dict = field(default_factory=dict)


def _record(errors, row, column, err):
    for message in err.messages:
        errors.add(row.number, column, message)


def _read_columns(row, table, errors):
    """Read the cells of ``table``'s columns into row.values; a refused cell's problems
    are recorded and its value is what it held (usually None)."""
    for column in table:
        text = row.cells[column.name]
        if not text and not column.required:
            row.values[column.name] = column.empty
            continue
        try:
            row.values[column.name] = column.parse(text, row)
        except Invalid as err:
            _record(errors, row, column.name, err)
            row.values[column.name] = err.value


def _read_clauses(row, errors):
    """{clause code: answer} of the row's filled-in clause columns. Columns of unknown
    clauses are skipped: the file's header is refused for them (``_Validation``)."""
    answers = {}
    for name, text in row.cells.items():
        code = name.removeprefix(CLAUSE_PREFIX)
        if name.startswith(CLAUSE_PREFIX) and text and code in row.catalogue.clause_codes:
            try:
                answers[code] = CLAUSE_PARSER(text, row)
            except Invalid as err:
                _record(errors, row, name, err)
    return answers


# Rules across columns: each gives (column, message) for the problems it finds.


def end_after_start(row):
    start, end = row.values["startdatum"], row.values["einddatum"]
    if start and end and end <= start:
        yield "einddatum", _("The end date must be after the start date.")


def notice_shorter_than_term(row):
    term, notice = row.values["looptijd_maanden"], row.values["opzegtermijn_maanden"]
    if term and notice is not None and notice >= term:
        yield "opzegtermijn_maanden", _("The notice period must be shorter than the term.")


def per_unit_needs_quantity(row):
    unit, quantity = row.values["eenheid"], row.values["aantal"]
    if unit and unit != "flat" and (not row.cells["aantal"] or quantity == 0):
        yield "aantal", _("A price per unit needs a quantity.")


def flat_fee_has_quantity_one(row):
    unit, quantity = row.values["eenheid"], row.values["aantal"]
    if unit == "flat" and row.cells["aantal"] and quantity is not None and quantity != 1:
        yield "aantal", _("A flat fee has quantity 1.")


CONTRACT_RULES = [end_after_start, notice_shorter_than_term]
LINE_RULES = [per_unit_needs_quantity, flat_fee_has_quantity_one]


def _apply_rules(row, rules, errors):
    for rule in rules:
        for column, message in rule(row):
            errors.add(row.number, column, message)


def status_from_dates(start, end, today):
    """The status of a contract whose status cell is empty."""
    if start > today:
        return "planned"
    return "active" if end >= today else "ended"


def _parse_contract(row, errors, today):
    """The contract part of a row, or None when it has errors (they are recorded)."""
    before = len(errors.items)
    _read_columns(row, CONTRACT_TABLE, errors)
    clauses = _read_clauses(row, errors)
    _apply_rules(row, CONTRACT_RULES, errors)
    if len(errors.items) > before:
        return None
    values = row.values
    if values["status"] is None:
        values["status"] = status_from_dates(values["startdatum"], values["einddatum"], today)
    return ContractDraft(
        row=row.number,
        clauses=clauses,
        **{column.field: values[column.name] for column in CONTRACT_TABLE},
    )


def _parse_line(row, errors):
    """The price line of a row; None when it has none, or errors (they are recorded)."""
    if not any(row.cells[name] for name in LINE_KEYS):
        return None  # a contract row without a price line
    before = len(errors.items)
    _read_columns(row, LINE_TABLE, errors)
    _apply_rules(row, LINE_RULES, errors)
    if len(errors.items) > before:
        return None
    return LineDraft(**{column.field: row.values[column.name] for column in LINE_TABLE})


class _Validation:
    """The state of checking one file: the drafts so far, the first row of each
    contract and the line numbers seen."""

    def __init__(self, headers, today):
        self.columns = list(headers)
        self.today = today
        self.catalogue = Catalogue()
        self.errors = RowErrors()
        self.drafts = {}
        self.first_cells = {}
        self.seen_lines = {}
        # Where the required columns are, in file order (the last of a repeated name, as
        # cells are read); reading.py refused a file without them.
        positions = {name: index for index, name in enumerate(self.columns)}
        self.required_positions = dict(
            sorted(
                ((name, positions[name]) for name in REQUIRED if name in positions),
                key=lambda item: item[1],
            )
        )
        self._check_clause_columns()

    def _check_clause_columns(self):
        """A clause column must name a known clause: its answers could not be saved."""
        for name in self.columns:
            code = name.removeprefix(CLAUSE_PREFIX)
            if name.startswith(CLAUSE_PREFIX) and code not in self.catalogue.clause_codes:
                self.errors.add(
                    HEADER_ROW,
                    name,
                    _(
                        "Unknown clause column %(column)s: there is no lock-in clause with "
                        "the code “%(code)s”. Use the clause columns of the template, or "
                        "remove this column."
                    )
                    % {"column": name, "code": code},
                )

    def _missing_cells(self, number, values):
        """Report the required columns a row ends before (a CSV row shorter than the
        header); True if there are any."""
        missing = [name for name, index in self.required_positions.items() if index >= len(values)]
        for name in missing:
            self.errors.add(
                number,
                name,
                _(
                    "The row ends before column %(column)s, so that cell is missing. Check "
                    "that the row has a cell for every column (count the separators)."
                )
                % {"column": name},
            )
        return bool(missing)

    def check(self, number, values):
        if self._missing_cells(number, values):
            return
        cells = dict(EMPTY_CELLS)
        cells.update(zip(self.columns, values, strict=False))
        row = Row(number, cells, self.catalogue)
        try:
            reference = REFERENCE.parse(cells.get(REFERENCE.name, ""), row)
        except Invalid as err:
            _record(self.errors, row, REFERENCE.name, err)
            return
        if reference in self.first_cells:
            self._check_agreement(row, reference)
        else:
            self.first_cells[reference] = (number, self._contract_cells(cells))
            self.drafts[reference] = _parse_contract(row, self.errors, self.today)
        self._add_line(row, reference)

    @staticmethod
    def _contract_cells(cells):
        return {column: cells.get(column, "") for column in PER_CONTRACT}

    def _check_agreement(self, row, reference):
        """A later row of a contract repeats its first row's contract columns."""
        first_row, first = self.first_cells[reference]
        for column, value in self._contract_cells(row.cells).items():
            if value != first[column]:
                self.errors.add(
                    row.number,
                    column,
                    _("Differs from row %(row)s of the same contract (reference %(reference)s).")
                    % {"row": first_row, "reference": reference},
                )
                return

    def _add_line(self, row, reference):
        line = _parse_line(row, self.errors)
        if line is None:
            return
        key = (reference, line.number)
        if key in self.seen_lines:
            self.errors.add(
                row.number,
                "regel",
                _("Contract %(reference)s has line %(line)s twice (also row %(row)s).")
                % {"reference": reference, "line": line.number, "row": self.seen_lines[key]},
            )
            return
        self.seen_lines[key] = row.number
        if self.drafts.get(reference) is not None:
            self.drafts[reference].lines.append(line)

    def valid_drafts(self):
        valid = [draft for draft in self.drafts.values() if draft is not None]
        for draft in valid:
            draft.lines.sort(key=lambda line: line.number)
        return valid


def validate_rows(headers, rows, *, today, progress=None):
    """(drafts, errors) for the rows of one file."""
    validation = _Validation(headers, today)
    for done, (number, values) in enumerate(rows, start=1):
        validation.check(number, values)
        if progress and done % 5000 == 0:
            progress(done)
    if progress:
        progress(len(rows))
    return validation.valid_drafts(), validation.errors.items
