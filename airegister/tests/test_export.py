"""The AI Act overview: the organisation's own applications only, for its editors only,
in XLSX, CSV and JSON, safe against formulas, and recorded as an export."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from airegister.tests.factories import application
from portal.models import AccessLogEntry, AuditEvent

pytestmark = pytest.mark.django_db


def export(client, fmt, **params):
    return client.get(reverse("ai_register_export", args=[fmt]), params)


@pytest.fixture
def register(world):
    org_a, org_b = world["org_a"], world["org_b"]
    application(
        org_a,
        name='=HYPERLINK("http://evil")',
        risk_class="high",
        risk_reason="Bijlage III",
        origin="co_created",
        partners=[org_b],
        mdr_class="IIa",
        ce_marking="yes",
    )
    application(org_b, name="Toepassing van B")
    return world


def test_csv_lists_own_applications_with_labels_and_neutralised_formulas(client, register):
    client.force_login(register["users"]["procurement_a"])
    response = export(client, "csv")
    assert response["Content-Disposition"].startswith('attachment; filename="ai-register-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["naam", "doel", "doel_toelichting"]
    names = [row[0] for row in body]
    assert names == ['\'=HYPERLINK("http://evil")', "Geheime sepsisvoorspeller"]
    first = dict(zip(header, body[0], strict=True))
    assert first["risicoklasse"] == "Hoog risico"
    assert first["onderbouwing_risicoklasse"] == "Bijlage III"
    assert first["partners"] == "Ziekenhuis B"
    assert first["mdr_klasse"] == "Klasse IIa"
    assert first["gedeeld"] == "nee"


def test_xlsx_holds_text_never_formulas(client, register):
    client.force_login(register["users"]["admin_a"])
    sheet = load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "naam"
    assert values[1][0] == '\'=HYPERLINK("http://evil")'
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert len(values) == 3


def test_json_gives_codes_for_systems(client, register):
    client.force_login(register["users"]["procurement_a"])
    data = json.loads(export(client, "json").content)
    assert data["organization"] == "ziekenhuis-a"
    by_name = {a["name"]: a for a in data["applications"]}
    assert set(by_name) == {'=HYPERLINK("http://evil")', "Geheime sepsisvoorspeller"}
    assert by_name["Geheime sepsisvoorspeller"]["vendor"] == register["product"].vendor.slug
    assert by_name['=HYPERLINK("http://evil")']["partners"] == ["ziekenhuis-b"]
    assert by_name['=HYPERLINK("http://evil")']["risk_class"] == "high"


def test_an_export_is_logged_and_audited(client, register):
    client.force_login(register["users"]["procurement_a"])
    export(client, "json")
    assert AccessLogEntry.objects.filter(
        organization=register["org_a"], subject="ai-register.json"
    ).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.after == {"format": "json", "applications": 2}


@pytest.mark.parametrize(
    "role", ["viewer_a", "coordinator_a", "association_coordinator", "policy_analyst", "superuser"]
)
def test_others_get_no_export(client, register, role):
    client.force_login(register["users"][role])
    assert export(client, "csv", organisatie="ziekenhuis-a").status_code == 404


def test_an_editor_of_another_hospital_gets_only_its_own(client, register):
    client.force_login(register["users"]["procurement_b"])
    assert export(client, "csv", organisatie="ziekenhuis-a").status_code == 404
    own = json.loads(export(client, "json").content)
    assert [a["name"] for a in own["applications"]] == ["Toepassing van B"]
