"""Importing a register from a spreadsheet: the export reads back in (a round trip
changes nothing), new rows add applications, a bad row saves nothing, and the file is
read as safely as a contract import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from airegister.importing import import_register
from airegister.models import AIApplication
from airegister.tests.factories import application
from contracts.importing.reading import ImportFileError
from portal.audit import SYSTEM
from portal.models import AuditEvent

pytestmark = pytest.mark.django_db
HEADER = (
    "naam;doel;herkomst;fase;soort_ai;risicoklasse;onderbouwing_risicoklasse;partners;gedeeld\r\n"
)


def csv_file(*rows):
    return ("\ufeff" + HEADER + "".join(row + "\r\n" for row in rows)).encode()


def run(world, data, name="register.csv"):
    return import_register(organization=world["org_a"], data=data, filename=name, actor=SYSTEM)


def test_the_export_reads_back_without_changes(client, world):
    application(
        world["org_a"], name="Samen gebouwd", origin="co_created", partners=[world["org_b"]]
    )
    client.force_login(world["users"]["procurement_a"])
    for fmt in ("csv", "xlsx"):
        data = client.get(reverse("ai_register_export", args=[fmt])).content
        result = run(world, data, f"register.{fmt}")
        assert (result.created, result.updated, result.errors) == (0, 2, []), fmt
    assert not AuditEvent.objects.filter(action="update").exists()


def test_new_rows_are_added_with_dutch_or_english_words(world):
    result = run(
        world,
        csv_file(
            "Spraakherkenning;Verslaglegging en administratie;Ingekocht;Pilot;Generatieve AI;"
            "Beperkt risico;;;nee",
            "Triage;prediction;co_created;idea;traditional;high;Bijlage III;Ziekenhuis B;ja",
        ),
    )
    assert (result.created, result.errors) == (2, [])
    triage = AIApplication.objects.get(name="Triage")
    assert triage.shared and triage.risk_class == "high"
    assert list(triage.partners.all()) == [world["org_b"]]
    assert AIApplication.objects.get(name="Spraakherkenning").kind == "generative"


def test_one_bad_row_saves_nothing_and_says_where(world):
    result = run(
        world,
        csv_file(
            "Goede rij;diagnosis;self_built;pilot;traditional;minimal;;;nee",
            "Zonder onderbouwing;diagnosis;self_built;pilot;traditional;high;;;nee",
            "Onbekende partner;diagnosis;co_created;pilot;traditional;minimal;;Nergens;nee",
            "Geen ja of nee;diagnosis;self_built;pilot;traditional;minimal;;;misschien",
        ),
    )
    rows = {number for number, _message in result.errors}
    assert rows == {3, 4, 5}
    messages = " ".join(message for _number, message in result.errors)
    assert "risicoklasse" in messages and "Nergens" in messages and "gedeeld" in messages
    assert not AIApplication.objects.filter(name="Goede rij").exists()


def test_formulas_and_missing_columns_refuse_the_file(world):
    with pytest.raises(ImportFileError):
        run(world, csv_file("=HYPERLINK(1);diagnosis;self_built;pilot;traditional;minimal;;;nee"))
    with pytest.raises(ImportFileError, match="fase"):
        run(world, b"naam;doel\r\nx;diagnosis\r\n")


def test_the_page_imports_for_editors_only(client, world):
    data = csv_file("Via de pagina;diagnosis;self_built;pilot;traditional;minimal;;;nee")
    client.force_login(world["users"]["viewer_a"])
    upload = SimpleUploadedFile("register.csv", data)
    assert client.post(reverse("ai_register_import"), {"file": upload}).status_code == 404
    client.force_login(world["users"]["procurement_a"])
    upload = SimpleUploadedFile("register.csv", data)
    response = client.post(reverse("ai_register_import"), {"file": upload})
    assert response.status_code == 302
    assert AIApplication.objects.get(name="Via de pagina").organization == world["org_a"]
    upload = SimpleUploadedFile("register.csv", csv_file("Kapot;x;y;z;q;r;;;nee"))
    page = client.post(reverse("ai_register_import"), {"file": upload}).content.decode()
    assert "Er is niets opgeslagen" in page and "Rij 2" in page
