"""The move to one audit trail keeps every old row: going back to before it, writing one
row into each old table, and migrating forward leaves them in portal.AuditEvent (and
the access log in portal.AccessLogEntry) with their fields."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coalitions.services import create_coalition
from contracts.services import issue_api_token
from contracts.tests.factories import ContractFactory
from portal.models import AccessLogEntry, AuditEvent
from portal.tests.factories import OrganizationFactory, UserFactory
from vendors.tests.factories import LeafCategoryFactory, ProductFactory

# serialized_rollback: the data the migrations made (the home page) is back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("portal", "0004_organization_findable_for_coalitions"),
    ("contracts", "0004_access_log_client_address"),
    ("vendors", "0005_editors_add_scoring_methods"),
    ("coalitions", "0002_requirements_rfi_workspace_directory"),
]
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def world():
    organization = OrganizationFactory(slug="zh")
    contract = ContractFactory(organization=organization, reference="OUD-1")
    token, _key = issue_api_token(organization=organization, name="ERP", created_by=None)
    product = ProductFactory(name="Beeldbank")
    coalition = create_coalition(
        coordinator=organization,
        user=None,
        categories=[LeafCategoryFactory()],
        name="Samen EPD",
        slug="samen-epd",
        goal="Samen inkopen",
        type="joint_purchasing",
        visibility="public",
    )
    return {
        "organization": organization,
        "contract": contract,
        "token": token,
        "product": product,
        "user": UserFactory(username="inkoper"),
        "coalition": coalition,
    }


def test_old_rows_are_copied_into_the_portal_audit_trail(world):
    organization, contract, user = world["organization"], world["contract"], world["user"]
    product, coalition, token = world["product"], world["coalition"], world["token"]
    old = _migrate(BEFORE)
    old.get_model("contracts", "ContractAuditEvent").objects.create(
        organization_id=organization.pk,
        contract_id=contract.pk,
        contract_reference="OUD-1",
        actor_label=f"API-token ERP ({token.key_prefix}…)",
        action="update",
        changes={"notice_period_months": ["12", "6"]},
    )
    old.get_model("contracts", "AccessLogEntry").objects.create(
        organization_id=organization.pk,
        user_id=user.pk,
        actor_label="inkoper",
        kind="contract",
        subject="OUD-1",
        path="/contracten/1/",
        client_address="192.0.2.7",
    )
    old.get_model("vendors", "VendorChange").objects.create(
        vendor_id=product.vendor_id,
        user_id=user.pk,
        action="product",
        subject="Beeldbank",
        changes={"website": ["", "https://example.org"]},
    )
    old.get_model("coalitions", "StageChange").objects.create(
        coalition_id=coalition.pk,
        from_stage="forming",
        to_stage="requirements",
        changed_by_id=user.pk,
        note="Start!",
    )
    # auto_now_add stamped the rows; give them a known past moment to keep.
    for app, model, field in [
        ("contracts", "ContractAuditEvent", "created_at"),
        ("vendors", "VendorChange", "at"),
        ("coalitions", "StageChange", "changed_at"),
    ]:
        old.get_model(app, model).objects.update(**{field: AT})

    _migrate(_latest())

    contract_event = AuditEvent.objects.get(organization=organization)
    assert (contract_event.action, contract_event.target, contract_event.object_label) == (
        "update",
        contract,
        "OUD-1",
    )
    assert contract_event.api_token == token and contract_event.at == AT
    assert (contract_event.before, contract_event.after) == (
        {"notice_period_months": "12"},
        {"notice_period_months": "6"},
    )

    vendor_event = AuditEvent.objects.get(vendor=product.vendor)
    assert (vendor_event.action, vendor_event.target, vendor_event.actor) == (
        "update",
        product,
        user,
    )
    assert vendor_event.actor_label == "inkoper" and vendor_event.at == AT
    assert (vendor_event.before, vendor_event.after) == (
        {"website": ""},
        {"website": "https://example.org"},
    )

    stage_event = AuditEvent.objects.for_object(coalition).get(note="Start!")
    assert (stage_event.before, stage_event.after, stage_event.actor_label) == (
        {"stage": "forming"},
        {"stage": "requirements"},
        "inkoper",
    )
    assert stage_event.at == AT

    read = AccessLogEntry.objects.get(organization=organization)
    assert (read.user, read.kind, read.subject, read.client_address) == (
        user,
        "contract",
        "OUD-1",
        "192.0.2.7",
    )
