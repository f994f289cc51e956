"""The one writer of table downloads: typed text never becomes a formula, numbers stay
numbers, and neutralised text reads back as it was typed."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.spreadsheets import neutralise, restore, table_csv, table_xlsx
from portal.tests.spreadsheets import ATTACKS, assert_inert_csv, assert_inert_xlsx

TEXTS = [
    *ATTACKS,
    "\tTAB",
    "\r=1+1",
    "'=1+1",
    "''@x",
    "'plain",
    "'",
    "",
    "Gewone tekst",
    "5 - 3",
]


@pytest.mark.parametrize("text", TEXTS)
def test_neutralised_text_reads_back_as_typed(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_dates_and_text_in_both_formats():
    headers = ["Tekst", "Bedrag", "Getal", "Fractie", "Datum"]
    rows = [[attack, Decimal("-1234.50"), -3, -0.25, date(2025, 1, 31)] for attack in ATTACKS]
    csv_rows = assert_inert_csv(table_csv(headers, rows))
    assert [row[0] for row in csv_rows[1:]] == ["'" + attack for attack in ATTACKS]
    assert csv_rows[1][1:] == ["-1234.50", "-3", "-0,25", "2025-01-31"]
    xlsx = table_xlsx(headers, rows, sheet_name="Blad", keep_dates=True)
    values = assert_inert_xlsx(xlsx)
    assert values[1][1:4] == [-1234.5, -3, -0.25]
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [sheet.cell(2, column).data_type for column in range(1, 6)] == ["s", "n", "n", "n", "d"]


def test_control_characters_cannot_break_the_workbook():
    values = assert_inert_xlsx(table_xlsx(["Tekst"], [["a\x01b\x1fc"]], sheet_name="Blad"))
    assert values[1] == ["abc"]
