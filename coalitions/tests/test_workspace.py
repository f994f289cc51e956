"""Members' documents with versions (type and size checked, served only to members)
and the discussion thread."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from coalitions.models import DocumentVersion
from coalitions.tests.conftest import join
from portal.models import Membership
from portal.tests.factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(coalition):
    hospital = OrganizationFactory(slug="zh")
    join(coalition, hospital)
    return {
        "coordinator": coalition.created_by,
        "buyer": member(hospital, username="zh-user"),
        "viewer": member(hospital, Membership.Role.VIEWER, username="zh-viewer"),
        "outsider": member(OrganizationFactory(slug="buiten"), username="buiten"),
    }


def upload(client, user, name, data, title="Programma van eisen"):
    client.force_login(user)
    return client.post(
        reverse("coalition_documents", args=["samen-epd"]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def test_versions_of_a_document_and_downloads_for_members_only(client, coalition, users):
    assert upload(client, users["buyer"], "pve.pdf", b"%PDF versie 1").status_code == 302
    upload(client, users["coordinator"], "pve-v2.pdf", b"%PDF versie 2")
    versions = DocumentVersion.objects.order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert coalition.documents.count() == 1
    client.force_login(users["viewer"])
    page = client.get(reverse("coalition_documents", args=["samen-epd"])).content.decode()
    assert "versie 2" in page and "pve-v2.pdf" in page
    url = reverse("coalition_document_download", args=["samen-epd", versions[0].pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF versie 1"
    client.force_login(users["outsider"])
    assert client.get(url).status_code == 404
    assert upload(client, users["outsider"], "x.pdf", b"x").status_code == 404


def test_wrong_type_and_too_large_files_are_refused_in_dutch(client, coalition, users):
    response = upload(client, users["buyer"], "macro.exe", b"MZ")
    assert "Upload een bestand van het type" in response.content.decode()
    with override_settings(COALITION_DOCUMENT_MAX_BYTES=10):
        response = upload(client, users["buyer"], "groot.pdf", b"%PDF" + b"x" * 20)
    assert "groter dan" in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_a_viewer_reads_but_does_not_upload(client, coalition, users):
    assert upload(client, users["viewer"], "a.pdf", b"%PDF").status_code == 404


def test_discussion_for_members(client, coalition, users):
    client.force_login(users["buyer"])
    url = reverse("coalition_discussion", args=["samen-epd"])
    client.post(url, {"text": "Wie heeft ervaring met de exitclausule?"})
    client.force_login(users["coordinator"])
    client.post(url, {"text": "Wij, ik deel het contract als document."})
    html = client.get(url).content.decode()
    assert html.index("Wie heeft ervaring") < html.index("Wij, ik deel")
    client.force_login(users["viewer"])
    assert client.post(url, {"text": "Lezer"}).status_code == 404
    client.force_login(users["outsider"])
    assert client.get(url).status_code == 404
    assert coalition.messages.count() == 2
