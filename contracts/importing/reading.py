"""Turn an uploaded file into a table of strings, or refuse it with a clear message.

Accepted: CSV (`;`, `,` or tab separated; UTF-8 with or without BOM, or Windows-1252)
and XLSX. Refused: empty or too large files, old binary Excel, workbooks with macros,
anything else that is not a spreadsheet, and cells holding formulas."""

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from contracts.importing.columns import HEADERS, REQUIRED


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user."""


def _normalise_header(name):
    return str(name or "").strip().lower().replace(" ", "_").lstrip("\ufeff")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 1234.56
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def _check_headers(headers, hint=""):
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        raise ImportFileError(
            _("Columns are missing: %(columns)s.%(hint)s")
            % {"columns": ", ".join(missing), "hint": hint}
        )


def _refuse_formula(rows, headers):
    for number, row in rows:
        for column, value in zip(headers, row, strict=False):
            if isinstance(value, str) and value.startswith("="):
                raise ImportFileError(
                    _(
                        "Row %(row)s, column %(column)s holds a formula. Formulas are not "
                        "accepted: save the values only."
                    )
                    % {"row": number, "column": column}
                )


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as err:
        raise ImportFileError(_("The file is damaged or not a spreadsheet.")) from err
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ImportFileError(
            _("The workbook contains macros. Save it as .xlsx without macros, or as CSV.")
        )
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("This is a zip file, not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many kinds on broken files
        raise ImportFileError(_("The workbook could not be read: it seems damaged.")) from err
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        raise ImportFileError(_("The file is empty."))
    headers = [_normalise_header(h) for h in header_row]
    _check_headers(headers)
    body = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or v == "" for v in row):
            continue
        body.append((number, row))
    _refuse_formula(body, headers)
    workbook.close()
    return headers, [(number, [_cell_text(v) for v in row]) for number, row in body]


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _read_csv(data):
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a spreadsheet: upload a CSV or XLSX file."))
    try:
        text = _decode(data)
    except UnicodeDecodeError as err:
        raise ImportFileError(_("The file is not text in UTF-8 or Windows-1252.")) from err
    first_line = text.split("\n", 1)[0]
    separator = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header_row = next(reader, None)
    if not header_row or not any(cell.strip() for cell in header_row):
        raise ImportFileError(_("The file is empty."))
    headers = [_normalise_header(h) for h in header_row]
    _check_headers(
        headers,
        _(
            " Check that the first row holds the column names of the template, separated by "
            "semicolons (;)."
        ),
    )
    body = [
        (number, [cell.strip() for cell in row])
        for number, row in enumerate(reader, start=2)
        if any(cell.strip() for cell in row)
    ]
    _refuse_formula(body, headers)
    return headers, body


def read_table(data, filename=""):
    """(headers, [(row number, [cell text])]) for a CSV or XLSX file's first sheet."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > settings.CONTRACT_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "size": round(len(data) / 2**20, 1),
                "limit": settings.CONTRACT_IMPORT_MAX_BYTES // 2**20,
            }
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls) or a workbook with macros. "
                "Save it as .xlsx or CSV."
            )
        )
    if data.startswith(b"PK\x03\x04"):
        headers, rows = _read_xlsx(data)
    else:
        headers, rows = _read_csv(data)
    if not rows:
        raise ImportFileError(_("The file has column names but no rows."))
    known = [h for h in headers if h in HEADERS]
    return headers, rows, known
