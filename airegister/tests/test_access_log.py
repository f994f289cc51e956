"""Reading an application, on its page or through the API, shows in the organisation's
access log (the log its admins read), with who read what; others' failed reads do not."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from portal.models import AccessLogEntry

pytestmark = pytest.mark.django_db
API = "/api/v1/ai-applications/"


def entries(organization):
    return list(
        AccessLogEntry.objects.filter(organization=organization)
        .order_by("pk")
        .values_list("actor_label", "kind", "subject")
    )


def test_the_detail_page_and_the_api_log_register_reads(client, world):
    application = world["application"]
    client.force_login(world["users"]["viewer_a"])
    assert client.get(reverse("ai_application_detail", args=[application.pk])).status_code == 200
    api = APIClient()
    api.force_authenticate(world["users"]["procurement_a"])
    assert api.get(API).status_code == 200
    assert api.get(f"{API}{application.pk}/").status_code == 200
    assert entries(world["org_a"]) == [
        ("viewer-a", "ai_register", "Geheime sepsisvoorspeller"),
        ("inkoper-a", "ai_register", "list"),
        ("inkoper-a", "ai_register", "Geheime sepsisvoorspeller"),
    ]


def test_a_refused_read_is_not_logged_as_a_read(client, world):
    client.force_login(world["users"]["procurement_b"])
    url = reverse("ai_application_detail", args=[world["application"].pk])
    assert client.get(url).status_code == 404
    assert entries(world["org_a"]) == []
