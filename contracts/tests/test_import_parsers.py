"""The import's cell parsers: what each accepts, and what it refuses with which reason."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from contracts.importing import parsers
from contracts.importing.columns import (
    CLAUSE_PARSER,
    CONTRACT_TABLE,
    HEADERS,
    LINE_TABLE,
    REQUIRED,
)
from contracts.importing.parsers import Invalid
from contracts.importing.validate import Catalogue

COLUMNS = {column.name: column for column in CONTRACT_TABLE + LINE_TABLE}
NO_ROW = SimpleNamespace(catalogue=None, values={})


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(parse, text, row=NO_ROW):
    with pytest.raises(Invalid) as caught:
        parse(text, row)
    return list(caught.value.messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("€ 1.234,56", Decimal("1234.56")),
        ("EUR 10", Decimal("10")),
        ("1234.56", Decimal("1234.56")),
        ("1.000", Decimal("1000")),
        ("0", Decimal("0")),
        ("999999999999,99", Decimal("999999999999.99")),
    ],
)
def test_amount_reads_dutch_and_english_notation_with_or_without_euro_sign(text, expected):
    assert parsers.amount(text, NO_ROW) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "“” is not an amount; write 1.234,56 or 1234.56."),
        ("veel", "“veel” is not an amount; write 1.234,56 or 1234.56."),
        ("NaN", "“NaN” is not an amount; write 1.234,56 or 1234.56."),
        ("-5,00", "The amount cannot be negative."),
        ("1234.567", "Use an amount in euros with at most two decimals."),
        ("1000000000000", "Use an amount in euros with at most two decimals."),
    ],
)
def test_amount_refuses_empty_unreadable_negative_and_too_precise(text, reason):
    assert refusal(parsers.amount, text) == [reason]


def test_amount_reason_is_dutch_for_dutch_users():
    with translation.override("nl"):
        assert "negatief" in refusal(parsers.amount, "-1")[0]


def test_quantity_refuses_negative_but_passes_the_number_on():
    with pytest.raises(Invalid) as caught:
        parsers.quantity("-5", NO_ROW)
    assert caught.value.messages == ("The quantity cannot be negative.",)
    assert caught.value.value == Decimal(-5)
    assert parsers.quantity("2.500", NO_ROW) == Decimal(2500)
    assert refusal(parsers.quantity, "x") == ["“x” is not a number."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-12-2025", date(2025, 12, 31)),
        ("2025-12-31", date(2025, 12, 31)),
        ("31/12/2025", date(2025, 12, 31)),
        ("31.12.2025", date(2025, 12, 31)),
        ("31-12-25", date(2025, 12, 31)),
    ],
)
def test_dates_in_dutch_and_iso_notation_are_read(text, expected):
    assert parsers.calendar_date(text, NO_ROW) == expected


@pytest.mark.parametrize("text", ["", "31-02-2023", "gisteren", "12/31/2025"])
def test_impossible_or_unreadable_dates_are_refused(text):
    assert refusal(parsers.calendar_date, text) == [
        f"“{text}” is not a date; write 31-12-2025 or 2025-12-31."
    ]


def test_months_are_whole_and_not_negative_and_a_term_is_at_least_one():
    assert parsers.months("12", NO_ROW) == 12
    assert parsers.months("36,0", NO_ROW) == 36
    assert parsers.months("0", NO_ROW) == 0
    for text in ("", "2,5", "-3", "x"):
        assert refusal(parsers.months, text) == [f"“{text}” is not a whole number of months."]
    assert parsers.term_months("1", NO_ROW) == 1
    assert refusal(parsers.term_months, "0") == ["The term must be at least one month."]


def test_line_number_must_be_a_whole_number():
    assert parsers.line_number("3", NO_ROW) == 3
    for text in ("", "x", "1,5"):
        assert refusal(parsers.line_number, text) == ["Fill in the line number (1, 2, 3, ...)."]


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        ("stilzwijgend_verlengen", "Ja", True),
        ("stilzwijgend_verlengen", "no", False),
        ("stilzwijgend_verlengen", "", False),
        ("kostensoort", "Onderhoud en support", "maintenance"),
        ("kostensoort", "license", "licence"),
        ("betaling", "annual", "yearly"),
        ("eenheid", "Per Gebruiker", "user"),
        ("eenheid", "", "flat"),
    ],
)
def test_word_columns_accept_dutch_and_english_words_ignoring_case(column, text, expected):
    assert COLUMNS[column].parse(text, NO_ROW) == expected


def test_status_and_clause_answers_accept_their_words_and_refuse_others():
    status = COLUMNS["status"].parse
    assert status("Afgelopen", NO_ROW) == "ended"
    assert status("opgezegd", NO_ROW) == "terminated"
    assert status("Active", NO_ROW) == "active"
    assert CLAUSE_PARSER("Deels", NO_ROW) == "partly"
    assert CLAUSE_PARSER("?", NO_ROW) == "unknown"
    assert refusal(status, "kapot") == [
        "“kapot” is not valid here; use gepland / lopend / afgelopen / voortijdig beëindigd."
    ]
    assert refusal(CLAUSE_PARSER, "misschien") == [
        "“misschien” is not valid here; use ja / gedeeltelijk / nee / onbekend."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("beëindigd", "ended"),
        ("Beeindigd", "ended"),
        ("voortijdig beëindigd", "terminated"),
        ("Voortijdig  Beeindigd", "terminated"),
    ],
)
def test_status_words_are_matched_ignoring_accents_on_both_sides(text, expected):
    assert COLUMNS["status"].parse(text, NO_ROW) == expected


def test_optional_columns_have_the_value_of_an_empty_cell():
    empty = {c.name: c.empty for c in CONTRACT_TABLE + LINE_TABLE if not c.required}
    assert empty == {
        "producten": (),
        "verlengingstermijn_maanden": None,
        "stilzwijgend_verlengen": False,
        "status": None,
        "omschrijving": "",
        "betaling": "yearly",
        "eenheid": "flat",
        "aantal": Decimal(1),
    }


def test_the_table_gives_the_layout_and_the_columns_a_file_must_have():
    assert HEADERS[:3] == ["kenmerk", "leverancier", "categorie"]
    assert REQUIRED == [
        "kenmerk",
        "leverancier",
        "categorie",
        "startdatum",
        "einddatum",
        "looptijd_maanden",
        "opzegtermijn_maanden",
    ]


@pytest.mark.django_db
class TestCatalogueColumns:
    @pytest.fixture
    def row(self, catalogue):
        return SimpleNamespace(catalogue=Catalogue(), values={})

    def test_vendor_by_name_ignoring_case_and_accents_or_by_slug(self, row, catalogue):
        assert parsers.vendor("zorgsoft een b.v.", row) == catalogue["vendor"]
        assert parsers.vendor("beeldwerk", row) == catalogue["other_vendor"]
        assert refusal(parsers.vendor, "", row) == ["Fill in the vendor."]
        assert refusal(parsers.vendor, "Onbekend", row) == [
            "Unknown vendor “Onbekend”: use the name as it appears in the vendor directory."
        ]

    def test_category_must_be_a_known_subcategory(self, row, catalogue):
        assert parsers.category("pacs-vna", row) == catalogue["pacs"]
        assert refusal(parsers.category, "", row) == ["Fill in the category."]
        assert refusal(parsers.category, "onzin", row) == ["Unknown category “onzin”."]
        main = catalogue["pacs"].parent.slug
        assert refusal(parsers.category, main, row) == [
            f"“{main}” is a main category; choose one of its subcategories."
        ]

    def test_products_of_the_vendor_in_the_category_each_problem_reported(self, row, catalogue):
        parse = COLUMNS["producten"].parse
        row.values = {"leverancier": catalogue["vendor"], "categorie": catalogue["ehr"]}
        assert parse("Zorgsoft Patiëntendossier | ", row) == (catalogue["product"],)
        assert refusal(parse, "zorgsoft-epd|Onbekend|Ander", row) == [
            "“Onbekend” is not a product of Zorgsoft Één B.V..",
            "“Ander” is not a product of Zorgsoft Één B.V..",
        ]
        row.values["categorie"] = catalogue["pacs"]
        assert refusal(parse, "zorgsoft-epd", row) == [
            f"Zorgsoft Patiëntendossier does not belong to the category {catalogue['pacs'].name}."
        ]

    def test_products_without_a_known_vendor_are_left_to_the_vendor_error(self, row):
        row.values = {"leverancier": None, "categorie": None}
        assert COLUMNS["producten"].parse("Iets", row) == ()
