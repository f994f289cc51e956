"""Tables as downloads: Dutch Excel CSV (semicolons, UTF-8 with BOM) or XLSX.

Every table the portal hands out is written here, so that text one user typed never
runs as a formula in another user's spreadsheet (CSV or formula injection). Following
OWASP's guidance, text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, in both formats; XLSX text is always written as a
text cell, never as a formula. Numbers, dates and empty cells are written as what they
are, so a negative amount stays a number. The contract import reads the apostrophe
back off (``restore``), so exporting and importing again gives the original text."""

import csv
import io
import numbers
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell whose text starts with one of these is read as a formula by Excel, LibreOffice
# or Google Sheets (a tuple, so that "" is not among them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(text):
    # Apostrophes already in front count too, so restore(neutralise(text)) == text for
    # every text, including one that itself starts with "'=".
    return text.lstrip(QUOTE)[:1] in FORMULA_STARTS


def neutralise(text):
    """``text`` as it is safe to put in a spreadsheet cell: "=1+1" -> "'=1+1"."""
    text = str(text)
    return QUOTE + text if _needs_quote(text) else text


def restore(text):
    """The text ``neutralise`` was given: "'=1+1" -> "=1+1"; other text unchanged."""
    return text[1:] if text.startswith(QUOTE) and _needs_quote(text) else text


def looks_like_formula(text):
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text[:1] in FORMULA_STARTS


def is_number(value):
    return isinstance(value, numbers.Number)


def _csv_text(value):
    """Non-text values in a table download: floats with a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _is_typed(value):
    return value is None or is_number(value) or isinstance(value, date)


def csv_cell(value, formatter=_csv_text):
    """A CSV cell: numbers and dates through ``formatter``, any other value as
    neutralised text."""
    return formatter(value) if _is_typed(value) else neutralise(value)


def table_csv(headers, rows, *, formatter=_csv_text):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(value, formatter) for value in row])
    return buffer.getvalue().encode("utf-8")


def _text_cell(sheet, value):
    # The value setter makes "=..." a formula cell; the type is set back to text after.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(value)))
    cell.data_type = "s"
    return cell


def _xlsx_cell(sheet, value, keep_dates):
    if value is None or is_number(value):
        return value
    if keep_dates and isinstance(value, date) and not isinstance(value, datetime):
        return value
    return _text_cell(sheet, value if isinstance(value, str) else _csv_text(value))


def table_xlsx(headers, rows, *, sheet_name, keep_dates=False):
    """An XLSX workbook of one sheet. Dates become date cells with ``keep_dates``, text
    otherwise."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(sheet_name)[:31])
    sheet.append([_text_cell(sheet, str(h)) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, keep_dates) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_download(headers, rows, *, fmt, filename, sheet_name="Data"):
    if fmt == "csv":
        data = table_csv(headers, rows)
    else:
        data = table_xlsx(headers, rows, sheet_name=sheet_name)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
