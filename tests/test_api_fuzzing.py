"""API fuzzing with schemathesis against the portal's own OpenAPI schema, as a
procurement specialist with a user token: no server errors and no response that breaks
its documented schema, for every operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error, response_schema_conformance

from contracts.tests.factories import ContractFactory
from portal.tests.factories import OrganizationFactory, member
from vendors.tests.factories import ProductFactory


@pytest.fixture
def keep_connection():
    """Requests through the raw WSGI app close the database connection when they finish
    (Django's test client switches that off; do the same), which on PostgreSQL would end
    the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, keep_connection, reference_data):
    organization = OrganizationFactory(slug="fuzz")
    ContractFactory(organization=organization, reference="FUZZ-1")
    ProductFactory(slug="fuzz-product")
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def token(db):
    return Token.objects.create(user=member(OrganizationFactory(slug="fuzzer"))).key


def test_no_server_errors_and_no_schema_violations(api_schema, token):
    # Operation by operation with Hypothesis directly (schemathesis's pytest plugin does
    # not run under pytest 9 yet).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(
                headers={"Authorization": f"Token {token}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        try:
            check()
        except Exception as error:
            raise AssertionError(f"{operation.label}: {error}") from error
