"""The contract pages a procurement specialist uses: forms, import, export, audit."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contracts.models import Contract, ContractImport
from contracts.tests.factories import ContractFactory
from contracts.tests.test_import import GOOD_ROWS, csv_bytes
from portal.models import AuditEvent, Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


def form_data(catalogue, **overrides):
    data = {
        "reference": "FORM-1",
        "vendor": catalogue["vendor"].pk,
        "category": catalogue["ehr"].pk,
        "products": [catalogue["product"].pk],
        "start_date": "2025-01-01",
        "end_date": "2029-12-31",
        "initial_term_months": "60",
        "renewal_term_months": "",
        "notice_period_months": "12",
        "status": "active",
        "regels-TOTAL_FORMS": "2",
        "regels-INITIAL_FORMS": "0",
        "regels-0-cost_type": "subscription",
        "regels-0-amount": "1.500,00",
        "regels-0-frequency": "yearly",
        "regels-0-unit": "user",
        "regels-0-quantity": "100",
        "regels-1-cost_type": "",
        "regels-1-amount": "",
        "regels-1-frequency": "",
        "regels-1-unit": "flat",
        "regels-1-quantity": "1",
    }
    from contracts.models import LockInClause

    for clause in LockInClause.objects.all():
        data[f"clausules-{clause.code}"] = "unknown"
    data["clausules-exit-plan"] = "yes"
    data.update(overrides)
    return data


def test_procurement_specialist_records_a_contract_with_lines_and_clauses(
    client, catalogue, hospital, buyer
):
    client.force_login(buyer)
    assert "Exitplan" in client.get(reverse("contract_create")).content.decode()
    response = client.post(reverse("contract_create"), form_data(catalogue))
    contract = Contract.objects.get(reference="FORM-1")
    assert response.status_code == 302 and response["Location"] == contract.get_absolute_url()
    assert contract.organization == hospital
    line = contract.lines.get()
    assert line.total == 150000
    assert contract.clauses.get(clause__code="exit-plan").answer == "yes"
    assert AuditEvent.objects.get(action="create").actor == buyer


def test_form_errors_are_shown_in_dutch_and_nothing_is_saved(client, catalogue, buyer):
    client.force_login(buyer)
    response = client.post(
        reverse("contract_create"),
        form_data(catalogue, end_date="2024-01-01", **{"regels-0-quantity": "0"}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum moet na de startdatum liggen." in html
    assert "Een prijs per eenheid heeft een aantal nodig." in html
    response = client.post(
        reverse("contract_create"), form_data(catalogue, products=[catalogue["pacs_product"].pk])
    )
    assert "is geen product van" in response.content.decode()
    assert not Contract.objects.exists()


def test_edit_and_delete(client, catalogue, hospital, buyer):
    client.force_login(buyer)
    client.post(reverse("contract_create"), form_data(catalogue))
    contract = Contract.objects.get()
    data = form_data(
        catalogue,
        notice_period_months="6",
        **{"regels-TOTAL_FORMS": "1", "regels-0-amount": "2000"},
    )
    response = client.post(reverse("contract_update", args=[contract.pk]), data)
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.notice_period_months == 6
    assert contract.lines.get().amount == 2000
    change = AuditEvent.objects.get(action="update")
    assert (change.before["notice_period_months"], change.after["notice_period_months"]) == (
        "12",
        "6",
    )
    assert "lines" in change.before and "lines" in change.after
    client.post(reverse("contract_delete", args=[contract.pk]))
    assert not Contract.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_label="FORM-1").exists()


@pytest.mark.parametrize("role", [Membership.Role.VIEWER, Membership.Role.COALITION_COORDINATOR])
def test_members_who_may_not_edit_get_404(client, catalogue, hospital, role):
    contract = ContractFactory(organization=hospital)
    client.force_login(member(hospital, role))
    assert client.get(reverse("contract_detail", args=[contract.pk])).status_code == 200
    for name in ("contract_update", "contract_delete"):
        assert client.post(reverse(name, args=[contract.pk])).status_code == 404
    assert client.get(reverse("contract_create")).status_code == 404
    assert client.get(reverse("contract_import")).status_code == 404
    assert Contract.objects.filter(pk=contract.pk).exists()


def test_other_organisations_cannot_touch_a_contract(client, catalogue, hospital):
    contract = ContractFactory(organization=hospital)
    client.force_login(member(OrganizationFactory(), Membership.Role.PROCUREMENT_SPECIALIST))
    for name in ("contract_detail", "contract_update"):
        assert client.get(reverse(name, args=[contract.pk])).status_code == 404
    assert client.post(reverse("contract_delete", args=[contract.pk])).status_code == 404


def test_import_page_shows_every_problem(client, catalogue, hospital, buyer):
    client.force_login(buyer)
    bad = csv_bytes([GOOD_ROWS[2].replace("80.000,00", "-1")])
    upload = io.BytesIO(bad)
    upload.name = "fout.csv"
    response = client.post(
        reverse("contract_import"), {"organization": hospital.pk, "file": upload}, follow=True
    )
    html = response.content.decode()
    assert "Niets geïmporteerd" in html and "Het bedrag mag niet negatief zijn." in html
    assert not Contract.objects.exists()


def test_import_page_imports_and_large_files_run_in_the_background(
    client, catalogue, hospital, buyer, settings, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    settings.CONTRACT_IMPORT_BACKGROUND_ROWS = 2
    upload = io.BytesIO(csv_bytes(GOOD_ROWS))
    upload.name = "goed.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contract_import"), {"organization": hospital.pk, "file": upload}
        )
        # Nothing ran in the request: the task is queued for after the commit.
        assert ContractImport.objects.get().status == "pending"
        assert not Contract.objects.exists()
    contract_import = ContractImport.objects.get()
    assert response["Location"] == reverse("contract_import_detail", args=[contract_import.pk])
    progress = client.get(reverse("contract_import_progress", args=[contract_import.pk])).json()
    assert progress == {
        "status": "succeeded",
        "finished": True,
        "rows_done": 3,
        "rows_total": 3,
        "percent": 100,
    }
    assert Contract.objects.count() == 2


def test_template_imports_as_it_is(client, catalogue, hospital, buyer):
    client.force_login(buyer)
    for fmt in ("csv", "xlsx"):
        template = client.get(reverse("contract_template", args=[fmt]))
        assert template.status_code == 200
        upload = io.BytesIO(template.content)
        upload.name = f"sjabloon.{fmt}"
        client.post(reverse("contract_import"), {"organization": hospital.pk, "file": upload})
        assert ContractImport.objects.latest("pk").status == "succeeded"
    assert Contract.objects.get().lines.count() == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_round_trip_loses_nothing(client, catalogue, hospital, buyer, fmt):
    client.force_login(buyer)
    upload = io.BytesIO(csv_bytes(GOOD_ROWS))
    upload.name = "goed.csv"
    client.post(reverse("contract_import"), {"organization": hospital.pk, "file": upload})
    before = AuditEvent.objects.latest("pk").pk
    exported = client.get(reverse("contract_export", args=[fmt]))
    assert exported.status_code == 200
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(exported.content)).active
        assert sheet.max_row == 4  # header + three lines
    reimport = io.BytesIO(exported.content)
    reimport.name = f"export.{fmt}"
    client.post(reverse("contract_import"), {"organization": hospital.pk, "file": reimport})
    result = ContractImport.objects.latest("pk")
    assert (result.status, result.created_count, result.updated_count, result.unchanged_count) == (
        "succeeded",
        0,
        0,
        2,
    )
    # Only the export itself was audited: the re-import changed nothing.
    assert list(AuditEvent.objects.filter(pk__gt=before).values_list("action", flat=True)) == [
        "export"
    ]


def test_audit_trail_is_for_organisation_admins_only(client, catalogue, hospital, buyer):
    ContractFactory(organization=hospital, reference="AUD-1")
    from contracts.services import delete_contract, update_contract
    from portal.audit import Actor

    contract = Contract.objects.get(reference="AUD-1")
    update_contract(contract=contract, actor=Actor.of_user(buyer), notice_period_months=3)
    url = reverse("contract_audit", args=[hospital.slug])
    client.force_login(buyer)
    assert client.get(url).status_code == 404
    client.force_login(member(hospital, Membership.Role.ORGANIZATION_ADMIN))
    html = client.get(url).content.decode()
    assert "AUD-1" in html and "inkoper" in html and "notice_period_months" in html
    link = f'href="{contract.get_absolute_url()}"'
    assert "→ 3" in html and link in html
    # A deleted contract keeps its rows and reference, without a link to nowhere.
    delete_contract(contract=contract, actor=Actor.of_user(buyer))
    html = client.get(url).content.decode()
    assert "Verwijderd" in html and "AUD-1" in html and link not in html


def test_admin_issues_and_revokes_api_tokens(client, hospital, buyer):
    url = reverse("api_tokens", args=[hospital.slug])
    client.force_login(buyer)
    assert client.get(url).status_code == 404
    client.force_login(member(hospital, Membership.Role.ORGANIZATION_ADMIN))
    html = client.post(url, {"name": "Inkoopsysteem", "can_write": "on"}).content.decode()
    token = hospital.api_tokens.get()
    assert 'id="new-token"' in html and token.key_prefix in html
    client.post(reverse("api_token_revoke", args=[hospital.slug, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_list_names_the_one_organisation_once_and_shows_the_notice_date(
    client, catalogue, hospital, buyer
):
    ContractFactory(
        organization=hospital,
        reference="NOTICE-1",
        start_date=date(2025, 1, 1),
        end_date=date(2099, 12, 31),
        notice_period_months=6,
    )
    client.force_login(buyer)
    html = client.get(reverse("contract_list")).content.decode()
    table = html[html.index('id="contract-table"') :]
    assert f"Contracten van {hospital.name}</caption>" in table
    assert '<th scope="col">Organisatie</th>' not in table  # not a column for one
    assert table.count(hospital.name) == 1
    assert '<td class="nowrap">30-06-2099</td>' in table  # end minus six months
    detail = client.get(Contract.objects.get(reference="NOTICE-1").get_absolute_url())
    assert '<dd id="notice-by">30 juni 2099' in detail.content.decode()
