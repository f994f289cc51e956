"""Spreadsheets as an attack: text typed into a contract comes out of every contract
export inert and reads back as typed; a zip bomb posing as a workbook is refused before
it is unpacked; the import command stores nothing it refuses for its size."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from contracts.models import Contract, ContractImport
from contracts.tests.test_import import GOOD_ROWS, HEADER, csv_bytes
from contracts.tests.test_pages import form_data
from portal.models import Membership
from portal.storage import private_storage
from portal.tests.factories import member
from portal.tests.spreadsheets import (
    ATTACKS,
    assert_attacks_kept_as_text,
    assert_inert_csv,
    assert_inert_xlsx,
)

pytestmark = pytest.mark.django_db
MB = 2**20


@pytest.fixture
def admin(hospital):
    return member(hospital, Membership.Role.ORGANIZATION_ADMIN, username="beheerder")


def line(index, description, cost_type="subscription"):
    return {
        f"regels-{index}-cost_type": cost_type,
        f"regels-{index}-description": description,
        f"regels-{index}-amount": "1.500,00",
        f"regels-{index}-frequency": "yearly",
        f"regels-{index}-unit": "flat",
        f"regels-{index}-quantity": "1",
    }


@pytest.fixture
def attacked(client, catalogue, hospital, admin):
    """The attacker's contract, recorded through the contract form: a formula as its
    reference and as its lines' descriptions."""
    client.force_login(admin)
    data = form_data(catalogue, reference=ATTACKS[0], **{"regels-TOTAL_FORMS": "3"})
    data.update(line(0, ATTACKS[1]))
    data.update(line(1, ATTACKS[2], cost_type="licence"))
    data.update(line(2, ATTACKS[3], cost_type="implementation"))
    response = client.post(reverse("contract_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = Contract.objects.get(organization=hospital)
    assert contract.reference == ATTACKS[0]
    assert sorted(contract.lines.values_list("description", flat=True)) == sorted(ATTACKS[1:])
    return contract


def reimport(client, hospital, content, name):
    upload = io.BytesIO(content)
    upload.name = name
    client.post(reverse("contract_import"), {"organization": hospital.pk, "file": upload})
    return ContractImport.objects.latest("pk")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_contract_export_is_inert_and_imports_back_unchanged(client, hospital, attacked, fmt):
    exported = client.get(reverse("contract_export", args=[fmt])).content
    cells = assert_inert_csv(exported) if fmt == "csv" else assert_inert_xlsx(exported)
    assert_attacks_kept_as_text(cells)
    # The amounts are numbers, not text.
    if fmt == "xlsx":
        assert {row[cells[0].index("bedrag")] for row in cells[1:]} == {1500}
    result = reimport(client, hospital, exported, f"export.{fmt}")
    assert (result.status, result.unchanged_count, result.updated_count) == ("succeeded", 1, 0)
    attacked.refresh_from_db()
    assert attacked.reference == ATTACKS[0]
    assert sorted(attacked.lines.values_list("description", flat=True)) == sorted(ATTACKS[1:])


def test_organisation_data_download_is_inert(client, hospital, attacked):
    response = client.get(reverse("organisation_data_export", args=[hospital.slug]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert_attacks_kept_as_text(assert_inert_csv(archive.read("contracten.csv")))
    assert_attacks_kept_as_text(assert_inert_xlsx(archive.read("contracten.xlsx")))


@pytest.mark.parametrize("attack", ATTACKS)
def test_import_refuses_text_a_spreadsheet_would_run(catalogue, hospital, admin, client, attack):
    """Unneutralised, each attack is refused as a formula; with the export's apostrophe
    in front it is read as the text it is."""
    client.force_login(admin)
    row = GOOD_ROWS[2].replace("PACS-7", attack.replace(";", ","))
    refused = reimport(client, hospital, csv_bytes([row]), "aanval.csv")
    assert refused.status == "refused" and "formule" in refused.errors[0]["message"]
    neutralised = GOOD_ROWS[2].replace("PACS-7", "'" + attack.replace(";", ","))
    accepted = reimport(client, hospital, csv_bytes([neutralised]), "geneutraliseerd.csv")
    assert accepted.status == "succeeded", accepted.errors
    assert Contract.objects.get().reference == attack.replace(";", ",")


def test_negative_amount_is_a_number_not_a_formula(catalogue, hospital, admin, client):
    client.force_login(admin)
    result = reimport(
        client, hospital, csv_bytes([GOOD_ROWS[2].replace("80.000,00", "-5,00")]), "min.csv"
    )
    assert [e["column"] for e in result.errors] == ["bedrag"]
    assert "negatief" in result.errors[0]["message"]


SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def zip_bomb(unpacked_mb):
    """A real workbook (header and one row) with shared strings holding one string of
    ``unpacked_mb`` MB of the same letter: that part packs about 1000 to 1."""
    workbook = Workbook()
    workbook.active.append(HEADER.split(";"))
    workbook.active.append(GOOD_ROWS[2].split(";"))
    plain = io.BytesIO()
    workbook.save(plain)
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS}"/>'
                )
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(item, data)
        with target.open("xl/sharedStrings.xml", "w") as part:
            part.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'count="1" uniqueCount="1"><si><t>'
            )
            chunk = b"A" * MB
            for _ in range(unpacked_mb):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return bomb.getvalue()


@pytest.mark.parametrize(
    ("unpacked_mb", "phrase"),
    [(300, "meer dan de 100 MB"), (20, "zipbom")],
    ids=["too-large-unpacked", "too-tightly-packed"],
)
def test_zip_bomb_is_refused_quickly_without_unpacking(
    client, catalogue, hospital, admin, unpacked_mb, phrase
):
    bomb = zip_bomb(unpacked_mb)
    assert len(bomb) < unpacked_mb * MB / 500
    client.force_login(admin)
    tracemalloc.start()
    started = time.monotonic()
    result = reimport(client, hospital, bomb, "bom.xlsx")
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.status == "refused"
    assert phrase in result.errors[0]["message"], result.errors
    assert peak < 20 * MB, peak
    assert elapsed < 5, elapsed
    assert not Contract.objects.exists()


def test_command_refuses_a_file_over_the_limit_and_stores_nothing(
    catalogue, hospital, tmp_path, settings
):
    settings.CONTRACT_IMPORT_MAX_BYTES = 1 * MB
    large = tmp_path / "groot.csv"
    large.write_bytes(csv_bytes(GOOD_ROWS * 6000))
    assert large.stat().st_size > 1 * MB
    with pytest.raises(CommandError, match="te groot"):
        call_command("import_contracts", str(large), "--organization", hospital.slug)
    assert not ContractImport.objects.exists()
    assert not private_storage().exists(f"contract-imports/{hospital.pk}/groot.csv")
    assert not Contract.objects.exists()
