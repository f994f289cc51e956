"""Turn an uploaded file into a table of strings, or refuse it with a clear message.

Accepted: CSV (`;`, `,` or tab separated; UTF-8 with or without BOM, or Windows-1252)
and XLSX. Refused: empty or too large files, old binary Excel, workbooks with macros,
anything else that is not a spreadsheet, and cells holding formulas."""

import csv
import io
import struct
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from contracts.importing.columns import HEADERS, REQUIRED
from contracts.importing.values import parse_decimal
from portal.spreadsheets import QUOTE, looks_like_formula, restore

# Members that unpack to less than this may have any compression ratio (as Apache POI's
# ZipSecureFile: small, highly compressible parts such as styles are harmless).
RATIO_GRACE_BYTES = 100 * 1024
END_OF_DIRECTORY = struct.Struct("<4s4H2LH")  # the zip's end of central directory record


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


def _check_headers(headers, required, hint=""):
    missing = [column for column in required if column not in headers]
    if missing:
        raise ImportFileError(
            _("Columns are missing: %(columns)s.%(hint)s")
            % {"columns": ", ".join(missing), "hint": hint}
        )


def _neutralised_text(rows, headers):
    """Take the apostrophe off text the export neutralised ("'=A1" -> "=A1"), and refuse
    any other cell a spreadsheet would read as a formula: one starting with =, +, -, @,
    a tab or a carriage return that is not a number (-5,00 is a negative amount)."""
    for number, row in rows:
        for index, (column, value) in enumerate(zip(headers, row, strict=False)):
            if value.startswith(QUOTE):
                row[index] = restore(value)
            elif looks_like_formula(value) and not _is_number(value):
                raise ImportFileError(
                    _(
                        "Row %(row)s, column %(column)s starts with “%(start)s”, so a "
                        "spreadsheet reads it as a formula. Formulas are not accepted: save "
                        "the values only, or put an apostrophe (') before text that starts "
                        "this way."
                    )
                    % {"row": number, "column": column, "start": value[:1]}
                )
    return rows


def _is_number(text):
    try:
        parse_decimal(text)
    except ValueError:
        return False
    return True


def _directory_record(data):
    """(entries, directory size) of the zip's end of central directory record, found the
    way zipfile finds it; None if there is none or it points to a ZIP64 record (no
    workbook of a few MB needs one)."""
    start = len(data) - END_OF_DIRECTORY.size
    if data[start : start + 4] != b"PK\x05\x06":
        start = data.rfind(b"PK\x05\x06", max(0, start - 65535))
    if start < 0 or len(data) - start < END_OF_DIRECTORY.size:
        return None
    record = END_OF_DIRECTORY.unpack_from(data, start)
    if data[max(0, start - 20) : start][:4] == b"PK\x06\x07":
        return None
    return record[4], record[5]


def _open_archive(data):
    """The workbook's zip archive, after checking from its directory alone (nothing is
    unpacked yet) that it is no zip bomb: not too many members, not too large unpacked
    and no member packed suspiciously tightly. zipfile never unpacks more of a member
    than the directory declares, so these sizes hold while reading."""
    record = _directory_record(data)
    if record is None:
        raise ImportFileError(_("The file is damaged or not a spreadsheet."))
    max_members = settings.CONTRACT_IMPORT_XLSX_MAX_MEMBERS
    # 46 bytes and a name of at most ~1 KB per member: bounds the directory zipfile reads.
    if record[0] > max_members or record[1] > max_members * 1024:
        raise ImportFileError(
            _("The workbook holds more than %(limit)s parts: this is no ordinary spreadsheet.")
            % {"limit": max_members}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as err:
        raise ImportFileError(_("The file is damaged or not a spreadsheet.")) from err
    members = archive.infolist()
    if len(members) > max_members:
        raise ImportFileError(_("The file is damaged or not a spreadsheet."))
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.CONTRACT_IMPORT_XLSX_MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "The workbook unpacks to %(unpacked)s MB, more than the %(limit)s MB an "
                "import may hold. Split it into smaller files, or save it as CSV."
            )
            % {
                "unpacked": round(unpacked / 2**20, 1),
                "limit": settings.CONTRACT_IMPORT_XLSX_MAX_UNPACKED_BYTES // 2**20,
            }
        )
    ratio = settings.CONTRACT_IMPORT_XLSX_MAX_RATIO
    for member in members:
        if member.file_size > RATIO_GRACE_BYTES and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise ImportFileError(
                _(
                    "The workbook part %(name)s unpacks to %(ratio)s times its packed size "
                    "(at most %(limit)s is accepted): the file looks like a zip bomb and is "
                    "not read."
                )
                % {
                    "name": member.filename[:80],
                    "ratio": member.file_size // max(member.compress_size, 1),
                    "limit": ratio,
                }
            )
    return archive


def _read_xlsx(data, required):
    from openpyxl import load_workbook

    archive = _open_archive(data)
    names = set(archive.namelist())
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ImportFileError(
            _("The workbook contains macros. Save it as .xlsx without macros, or as CSV.")
        )
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("This is a zip file, not an Excel workbook (.xlsx)."))
    # Read once, streaming (read_only): rows are read as they are needed.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many kinds on broken files
        raise ImportFileError(_("The workbook could not be read: it seems damaged.")) from err
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raise ImportFileError(_("The file is empty."))
        headers = [_normalise_header(h) for h in header_row]
        _check_headers(headers, required)
        body = [
            (number, [_cell_text(v) for v in row])
            for number, row in enumerate(rows, start=2)
            if row is not None and any(v is not None and v != "" for v in row)
        ]
    except ImportFileError:
        raise
    except Exception as err:  # a damaged sheet shows only while it is read
        raise ImportFileError(_("The workbook could not be read: it seems damaged.")) from err
    finally:
        workbook.close()
    return headers, _neutralised_text(body, headers)


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def _read_csv(data, required):
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
        required,
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
    return headers, _neutralised_text(body, headers)


def check_size(size):
    """Refuse a file of ``size`` bytes over the limit, before it is stored or read."""
    if size > settings.CONTRACT_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "size": round(size / 2**20, 1),
                "limit": settings.CONTRACT_IMPORT_MAX_BYTES // 2**20,
            }
        )


def read_table(data, filename="", *, columns=HEADERS, required=REQUIRED):
    """(headers, [(row number, [cell text])], the headers among ``columns``) for a CSV
    or XLSX file's first sheet; refused without the ``required`` columns. The contract
    layout by default; other imports (the AI register) pass their own."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    check_size(len(data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls) or a workbook with macros. "
                "Save it as .xlsx or CSV."
            )
        )
    if data.startswith(b"PK\x03\x04"):
        headers, rows = _read_xlsx(data, required)
    else:
        headers, rows = _read_csv(data, required)
    if not rows:
        raise ImportFileError(_("The file has column names but no rows."))
    known = [h for h in headers if h in columns]
    return headers, rows, known
