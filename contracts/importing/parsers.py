"""How the import reads each kind of cell.

A parser takes a cell's text and the row being read (``row.catalogue`` and
``row.values``, the values of the columns to its left) and returns the cell's value, or
raises ``Invalid`` with the reasons in the user's language. The column table
(``columns.py``) names the parser of each column; parsers that need settings (a word
list, a separator) are made by a function that takes them."""

from decimal import Decimal

from django.utils.translation import gettext as _

from contracts.importing.values import normalise_name, parse_date, parse_decimal, parse_int

MAX_AMOUNT = Decimal("999999999999.99")


class Invalid(ValueError):
    """A refused cell. ``messages`` say why; ``value`` is what was read, when there is
    something the cross-column rules should still check."""

    def __init__(self, *messages, value=None):
        super().__init__(*messages)
        self.messages = messages
        self.value = value


def text(value, row):
    return value


def reference(value, row):
    if not value:
        raise Invalid(_("Fill in your own contract reference."))
    return value


def vendor(value, row):
    if not value:
        raise Invalid(_("Fill in the vendor."))
    found = row.catalogue.vendors.get(normalise_name(value))
    if found is None:
        raise Invalid(
            _("Unknown vendor “%(name)s”: use the name as it appears in the vendor directory.")
            % {"name": value}
        )
    return found


def category(value, row):
    """A subcategory; a main category is refused with its own reason."""
    if not value:
        raise Invalid(_("Fill in the category."))
    key = normalise_name(value)
    found = row.catalogue.categories.get(key)
    if found is None:
        message = (
            _("“%(name)s” is a main category; choose one of its subcategories.")
            if key in row.catalogue.top_categories
            else _("Unknown category “%(name)s”.")
        )
        raise Invalid(message % {"name": value})
    return found


def products(separator):
    """Products of the row's vendor, in its category. Without a known vendor they cannot be
    looked up and are left out; without a known category any category passes (the vendor's
    or category's own error is reported)."""

    def parse(value, row):
        vendor, category = row.values.get("leverancier"), row.values.get("categorie")
        found, problems = [], []
        for name in filter(None, (part.strip() for part in value.split(separator))):
            product = vendor and row.catalogue.products.get((vendor.pk, normalise_name(name)))
            if vendor and product is None:
                problems.append(
                    _("“%(product)s” is not a product of %(vendor)s.")
                    % {"product": name, "vendor": vendor.name}
                )
            elif product and category and product.category_id != category.pk:
                problems.append(
                    _("%(product)s does not belong to the category %(category)s.")
                    % {"product": product.name, "category": category.name}
                )
            elif product:
                found.append(product)
        if problems:
            raise Invalid(*problems)
        return tuple(found)

    return parse


def calendar_date(value, row):
    try:
        return parse_date(value)
    except ValueError:
        raise Invalid(
            _("“%(value)s” is not a date; write 31-12-2025 or 2025-12-31.") % {"value": value}
        ) from None


def months(value, row):
    try:
        return parse_int(value)
    except ValueError:
        raise Invalid(
            _("“%(value)s” is not a whole number of months.") % {"value": value}
        ) from None


def term_months(value, row):
    term = months(value, row)
    if term < 1:
        raise Invalid(_("The term must be at least one month."))
    return term


def words(accepted, allowed):
    """One of the words of ``accepted`` ({word: value}, see ``columns.lookup``), compared
    ignoring case, accents and spacing: the cell and the accepted words are normalised
    alike, so "beëindigd" matches "beeindigd" and "beëindigd". ``allowed`` lists them in
    the refusal."""
    normalised = {normalise_name(word): value for word, value in accepted.items()}

    def parse(value, row):
        key = normalise_name(value)
        if key in normalised:
            return normalised[key]
        raise Invalid(
            _("“%(value)s” is not valid here; use %(allowed)s.")
            % {"value": value, "allowed": allowed}
        )

    return parse


def line_number(value, row):
    try:
        return parse_int(value)
    except ValueError:
        raise Invalid(_("Fill in the line number (1, 2, 3, ...).")) from None


def amount(value, row):
    """Euros, not negative, with at most two decimals."""
    try:
        euros = parse_decimal(value)
    except ValueError:
        raise Invalid(
            _("“%(value)s” is not an amount; write 1.234,56 or 1234.56.") % {"value": value}
        ) from None
    if euros < 0:
        raise Invalid(_("The amount cannot be negative."))
    if euros > MAX_AMOUNT or euros.as_tuple().exponent < -2:
        raise Invalid(_("Use an amount in euros with at most two decimals."))
    return euros


def quantity(value, row):
    """A number, not negative. A negative one is refused but still passed on, so the check
    of a flat fee reports it too."""
    try:
        number = parse_decimal(value)
    except ValueError:
        raise Invalid(_("“%(value)s” is not a number.") % {"value": value}) from None
    if number < 0:
        raise Invalid(_("The quantity cannot be negative."), value=number)
    return number
