"""Importing contracts from real-world spreadsheets: all or nothing, every problem
reported with row, column and a Dutch reason."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from contracts.exporting import export_rows, to_csv, to_xlsx
from contracts.imports import run_import, store_upload
from contracts.models import Contract, ContractImport
from contracts.tests.factories import ContractFactory
from portal.models import AuditEvent
from portal.permissions import has_perm

pytestmark = pytest.mark.django_db

HEADER = (
    "kenmerk;leverancier;categorie;producten;startdatum;einddatum;looptijd_maanden;"
    "verlengingstermijn_maanden;opzegtermijn_maanden;stilzwijgend_verlengen;status;regel;"
    "kostensoort;omschrijving;bedrag;betaling;eenheid;aantal;clausule_exit-plan"
)
GOOD_ROWS = [
    # vendor name without accents and in other case; Dutch dates and amounts
    "EPD-2024;zorgsoft een b.v.;Ziekenhuis-EPD/ZIS;Zorgsoft Patiëntendossier;01-01-2024;"
    "31-12-2028;60;12;12;ja;;1;licentie;Licentie EPD;1.234,56;jaarlijks;per fte;2.500;ja",
    "EPD-2024;zorgsoft een b.v.;Ziekenhuis-EPD/ZIS;Zorgsoft Patiëntendossier;01-01-2024;"
    "31-12-2028;60;12;12;ja;;2;implementatie;Invoering;250000;eenmalig;vast;;ja",
    "PACS-7;Beeldwerk B.V.;pacs-vna;;2023-03-01;2026-02-28;36;;3;nee;lopend;1;abonnement;;"
    "80.000,00;jaarlijks;vast;1;gedeeltelijk",
]


def csv_bytes(rows, header=HEADER, encoding="utf-8-sig", separator=";"):
    text = "\r\n".join([header, *rows]).replace(";", separator) + "\r\n"
    return text.encode(encoding)


def do_import(organization, data, user=None, name="contracten.csv", dry_run=False):
    contract_import = store_upload(
        organization=organization, user=user, name=name, data=data, dry_run=dry_run
    )
    return run_import(contract_import)


def errors_of(result):
    return [(e["row"], e["column"]) for e in result.errors]


def test_dutch_excel_csv_is_imported(catalogue, hospital, buyer):
    result = do_import(hospital, csv_bytes(GOOD_ROWS), user=buyer)
    assert result.status == ContractImport.Status.SUCCEEDED, result.errors
    assert (result.created_count, result.updated_count) == (2, 0)
    epd = Contract.objects.get(organization=hospital, reference="EPD-2024")
    assert epd.vendor == catalogue["vendor"]
    assert list(epd.products.all()) == [catalogue["product"]]
    assert epd.auto_renewal and epd.renewal_term_months == 12
    licence = epd.lines.get(cost_type="licence")
    assert (licence.amount, licence.unit, licence.quantity) == (
        Decimal("1234.56"),
        "fte",
        Decimal("2500"),
    )
    # 1,234.56 x 2,500 per year + 250,000 once over 5 years
    assert epd.annual_cost() == Decimal("3086400.00") + Decimal("50000.00")
    assert epd.clauses.get().answer == "yes"
    pacs = Contract.objects.get(reference="PACS-7")
    assert pacs.status == "active" and pacs.lines.get().amount == Decimal("80000.00")
    assert has_perm(buyer, "contracts.change_contract", epd)
    assert result.uploaded_by == buyer
    with result.file.open("rb") as kept:
        assert kept.read().startswith(b"\xef\xbb\xbfkenmerk")
    assert AuditEvent.objects.filter(action="import", actor=buyer).count() == 2


def test_windows_1252_file_is_read(catalogue, hospital):
    result = do_import(hospital, csv_bytes(GOOD_ROWS, encoding="cp1252"))
    assert result.status == ContractImport.Status.SUCCEEDED, result.errors
    assert Contract.objects.get(reference="EPD-2024").lines.count() == 2


def test_comma_separated_file_is_read(catalogue, hospital):
    rows = [
        r.replace("1.234,56", "1234.56").replace("80.000,00", "80000.00").replace("2.500", "2500")
        for r in GOOD_ROWS
    ]
    result = do_import(hospital, csv_bytes(rows, separator=","))
    assert result.status == ContractImport.Status.SUCCEEDED, result.errors
    assert Contract.objects.get(reference="EPD-2024").lines.get(
        cost_type="licence"
    ).amount == Decimal("1234.56")


def test_reimport_updates_instead_of_duplicating(catalogue, hospital, buyer):
    do_import(hospital, csv_bytes(GOOD_ROWS), user=buyer)
    changed = [GOOD_ROWS[0].replace("1.234,56", "1.300,00"), *GOOD_ROWS[1:]]
    result = do_import(hospital, csv_bytes(changed), user=buyer)
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 1, 1)
    assert Contract.objects.filter(organization=hospital).count() == 2
    epd = Contract.objects.get(reference="EPD-2024")
    assert epd.lines.count() == 2
    assert epd.lines.get(cost_type="licence").amount == Decimal("1300.00")
    assert epd.clauses.count() == 1 and epd.products.count() == 1
    event = AuditEvent.objects.for_object(epd).filter(action="import").latest("id")
    assert list(event.before) == list(event.after) == ["lines"]
    # The unchanged contract got no second audit event.
    pacs = Contract.objects.get(reference="PACS-7")
    assert AuditEvent.objects.for_object(pacs).count() == 1


def test_reimport_detects_changed_clauses_and_products(catalogue, hospital):
    do_import(hospital, csv_bytes(GOOD_ROWS))
    changed = [
        GOOD_ROWS[0][: GOOD_ROWS[0].rindex(";")] + ";nee",
        GOOD_ROWS[1][: GOOD_ROWS[1].rindex(";")] + ";nee",
        GOOD_ROWS[2],
    ]
    result = do_import(hospital, csv_bytes(changed))
    assert (result.updated_count, result.unchanged_count) == (1, 1)
    epd = Contract.objects.get(reference="EPD-2024")
    assert epd.clauses.get().answer == "no"
    assert epd.lines.count() == 2 and epd.products.count() == 1


def test_xlsx_with_typed_cells_is_imported(catalogue, hospital):
    from datetime import date

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            "X-1",
            "Zorgsoft Één B.V.",
            "epd-ziekenhuis",
            "",
            date(2024, 1, 1),
            date(2026, 12, 31),
            36,
            None,
            6,
            "nee",
            "",
            1,
            "abonnement",
            "",
            99999.99,
            "jaarlijks",
            "vast",
            1,
            "nee",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = do_import(hospital, buffer.getvalue(), name="c.xlsx")
    assert result.status == ContractImport.Status.SUCCEEDED, result.errors
    assert Contract.objects.get(reference="X-1").lines.get().amount == Decimal("99999.99")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([GOOD_ROWS[0].replace("zorgsoft een b.v.", "Onbekend B.V.")], [(2, "leverancier")]),
        ([GOOD_ROWS[2].replace("2023-03-01", "31-02-2023")], [(2, "startdatum")]),
        ([GOOD_ROWS[2].replace("2026-02-28", "2022-01-01")], [(2, "einddatum")]),
        ([GOOD_ROWS[2].replace("80.000,00", "-5,00")], [(2, "bedrag")]),
        ([GOOD_ROWS[2].replace("80.000,00", "veel")], [(2, "bedrag")]),
        ([GOOD_ROWS[2], GOOD_ROWS[2]], [(3, "regel")]),
        ([GOOD_ROWS[2].replace(";3;nee", ";36;nee")], [(2, "opzegtermijn_maanden")]),
        ([GOOD_ROWS[2].replace("pacs-vna", "beeld")], [(2, "categorie")]),
        ([GOOD_ROWS[0], GOOD_ROWS[1].replace("01-01-2024", "02-01-2024")], [(3, "startdatum")]),
        ([GOOD_ROWS[0].replace(";per fte;2.500;", ";per fte;;")], [(2, "aantal")]),
        ([GOOD_ROWS[0].replace("Zorgsoft Patiëntendossier", "Beeldwerk PACS")], [(2, "producten")]),
    ],
    ids=[
        "unknown-vendor",
        "impossible-date",
        "end-before-start",
        "negative-amount",
        "not-an-amount",
        "duplicate-line",
        "notice-too-long",
        "main-category",
        "contract-rows-disagree",
        "per-unit-without-quantity",
        "product-of-other-vendor",
    ],
)
def test_bad_rows_are_reported_and_nothing_is_saved(catalogue, hospital, rows, expected):
    result = do_import(
        hospital,
        csv_bytes(
            [
                *GOOD_ROWS[:0],
                *rows,
            ]
        ),
    )
    assert result.status == ContractImport.Status.REFUSED
    assert errors_of(result) == expected
    assert not Contract.objects.exists()


def test_every_bad_row_is_listed_and_good_rows_are_not_saved(catalogue, hospital):
    rows = [
        GOOD_ROWS[2],
        GOOD_ROWS[2].replace("PACS-7", "PACS-8").replace("80.000,00", "-1"),
        GOOD_ROWS[2].replace("PACS-7", "PACS-9").replace("2023-03-01", "gisteren"),
    ]
    result = do_import(hospital, csv_bytes(rows))
    assert errors_of(result) == [(3, "bedrag"), (4, "startdatum")]
    assert "negatief" in result.errors[0]["message"]
    assert "31-12-2025" in result.errors[1]["message"]
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "leeg"),
        (csv_bytes([], header=HEADER), "geen rijen"),
        (csv_bytes(GOOD_ROWS, separator="|"), "Kolommen ontbreken"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (csv_bytes([GOOD_ROWS[2].replace("80.000,00", "=1+1")]), "formule"),
    ],
    ids=["empty", "header-only", "wrong-separator", "binary", "old-excel", "csv-formula"],
)
def test_unusable_files_are_refused_with_a_clear_message(catalogue, hospital, data, phrase):
    result = do_import(hospital, data)
    assert result.status == ContractImport.Status.REFUSED
    assert phrase in result.errors[0]["message"]
    assert not Contract.objects.exists()


def test_workbooks_with_formulas_or_macros_are_refused(catalogue, hospital):
    workbook = Workbook()
    workbook.active.append(HEADER.split(";"))
    workbook.active.append(
        [
            "X",
            "Beeldwerk B.V.",
            "pacs-vna",
            "",
            "01-01-2024",
            "01-01-2025",
            12,
            "",
            1,
            "nee",
            "",
            1,
            "abonnement",
            "",
            "=10*10",
            "",
            "",
            "",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "formule" in do_import(hospital, buffer.getvalue(), name="f.xlsx").errors[0]["message"]

    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    assert "macro" in do_import(hospital, buffer.getvalue(), name="m.xlsm").errors[0]["message"]
    assert not Contract.objects.exists()


def test_files_over_the_limit_are_refused(catalogue, hospital, settings):
    settings.CONTRACT_IMPORT_MAX_BYTES = 100
    result = do_import(hospital, csv_bytes(GOOD_ROWS))
    assert "te groot" in result.errors[0]["message"]


def test_dry_run_checks_and_saves_nothing(catalogue, hospital):
    result = do_import(hospital, csv_bytes(GOOD_ROWS), dry_run=True)
    assert result.status == ContractImport.Status.CHECKED
    assert not Contract.objects.exists()


@pytest.mark.parametrize(("render", "name"), [(to_csv, "c.csv"), (to_xlsx, "c.xlsx")])
def test_exported_contracts_import_again_unchanged(catalogue, hospital, render, name):
    """Export writes "afgelopen" and "voortijdig beëindigd"; both read back, and the
    file imports again as it is (a trial run finds nothing, a real run changes nothing)."""
    common = {
        "organization": hospital,
        "vendor": catalogue["vendor"],
        "category": catalogue["ehr"],
        "products": [catalogue["product"]],
        "clause_answers": {"exit-plan": "partly"},
    }
    for reference, status in [
        ("LOPEND-1", Contract.Status.ACTIVE),
        ("AFGELOPEN-1", Contract.Status.ENDED),
        ("OPGEZEGD-1", Contract.Status.TERMINATED),
    ]:
        ContractFactory(reference=reference, status=status, **common)
    data = render(list(export_rows(Contract.objects.filter(organization=hospital))))
    assert "voortijdig beëindigd".encode() in data or name.endswith(".xlsx")

    checked = do_import(hospital, data, name=name, dry_run=True)
    assert checked.status == ContractImport.Status.CHECKED, checked.errors
    again = do_import(hospital, data, name=name)
    assert again.status == ContractImport.Status.SUCCEEDED, again.errors
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    statuses = dict(Contract.objects.values_list("reference", "status"))
    assert statuses == {"LOPEND-1": "active", "AFGELOPEN-1": "ended", "OPGEZEGD-1": "terminated"}


@pytest.mark.parametrize(
    ("language", "phrase"), [("nl", "De rij houdt op"), ("en", "The row ends")]
)
def test_a_row_shorter_than_the_header_is_reported_and_nothing_is_saved(
    catalogue, hospital, language, phrase
):
    # PACS-7 stops after the renewal term: its notice period (a required column) is missing.
    short = GOOD_ROWS[2][: GOOD_ROWS[2].index(";3;nee")]
    with translation.override(language):
        result = do_import(hospital, csv_bytes([GOOD_ROWS[0], short]))
    assert result.status == ContractImport.Status.REFUSED
    assert errors_of(result) == [(3, "opzegtermijn_maanden")]
    assert phrase in result.errors[0]["message"]
    assert "opzegtermijn_maanden" in result.errors[0]["message"]
    assert not Contract.objects.exists()


@pytest.mark.parametrize("dry_run", [True, False], ids=["trial-run", "import"])
def test_an_unknown_clause_column_is_refused_by_name(catalogue, hospital, dry_run):
    rows = [row + ";ja" for row in GOOD_ROWS]
    data = csv_bytes(rows, header=HEADER + ";clausule_bestaat-niet")
    result = do_import(hospital, data, dry_run=dry_run)
    assert result.status == ContractImport.Status.REFUSED
    assert errors_of(result) == [(1, "clausule_bestaat-niet")]
    assert "Onbekende clausulekolom clausule_bestaat-niet" in result.errors[0]["message"]
    assert not Contract.objects.exists()


def test_command_imports_and_reports(catalogue, hospital, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv_bytes(GOOD_ROWS))
    call_command("import_contracts", str(good), "--organization", hospital.slug)
    assert "2 contracten nieuw, 0 gewijzigd, 0 ongewijzigd" in capsys.readouterr().out
    assert Contract.objects.count() == 2


def test_command_exits_with_2_and_lists_the_errors(catalogue, hospital, tmp_path, capsys):
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes([GOOD_ROWS[2].replace("80.000,00", "-1")]))
    with pytest.raises(CommandError) as err:
        call_command("import_contracts", str(bad), "--organization", hospital.slug)
    assert err.value.returncode == 2
    assert "rij 2, kolom bedrag" in capsys.readouterr().out
    assert not Contract.objects.exists()


def test_command_dry_run(catalogue, hospital, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv_bytes(GOOD_ROWS))
    call_command("import_contracts", str(good), "--organization", hospital.slug, "--dry-run")
    assert "Niets opgeslagen" in capsys.readouterr().out
    assert not Contract.objects.exists()


def test_import_queries_do_not_grow_with_the_file(
    catalogue, hospital, django_assert_max_num_queries
):
    many = [GOOD_ROWS[2].replace("PACS-7", f"PACS-{n}") for n in range(60)]
    with django_assert_max_num_queries(60):
        first = do_import(hospital, csv_bytes(many))
    changed = [row.replace("80.000,00", "81.000,00") for row in many]
    # One UPDATE per changed contract (cheaper than one CASE statement on SQLite); reads
    # stay constant.
    with django_assert_max_num_queries(60 + len(many)):
        again = do_import(hospital, csv_bytes(changed))
    assert (first.created_count, again.updated_count) == (60, 60)
