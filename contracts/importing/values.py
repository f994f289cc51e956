"""Reading single cells the way Dutch spreadsheets write them."""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y")


def normalise_name(text):
    """Case-, accent- and spacing-insensitive form: 'Patiëntendossier ' -> 'patientendossier'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def parse_decimal(text):
    """'1.234,56', '1234,56', '1234.56', '1.234' (Dutch thousands) or '€ 1.234' -> Decimal.
    Raises ValueError."""
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif DUTCH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as err:
        raise ValueError(text) from err
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def parse_int(text):
    value = parse_decimal(text)
    if value != value.to_integral_value() or value < 0:
        raise ValueError(text)
    return int(value)


def format_decimal(value):
    """Dutch notation without thousands separators: 1234,5 -> '1234,50' for money."""
    return f"{value:.2f}".replace(".", ",")


def format_quantity(value):
    text = format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return text.replace(".", ",")


def format_date(value: date):
    return value.strftime("%d-%m-%Y")
