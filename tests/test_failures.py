"""Failure behaviour: an unreachable database at start gives a clear message and a
non-zero exit, not a traceback; a full disk during an upload gives a clear error and
leaves no half-written file or record."""

import os
import pathlib
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_unreachable_database_at_start_is_a_clear_error():
    env = dict(
        os.environ,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/zorgict",  # nothing listens there
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Cannot use the database (postgresql at 127.0.0.1)" in done.stderr
    assert "Check DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr


class FullDisk:
    """A storage that fails like a full disk after writing part of the file."""

    def __init__(self, storage):
        self.storage = storage

    def __call__(self, name, content, max_length=None):
        import errno

        self.storage._save(name, ContentFile(b"half"))  # the partial file
        self.partial = name
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.django_db
def test_a_full_disk_during_an_upload_is_a_clear_error_and_leaves_nothing(
    client, reference_data, monkeypatch
):
    from contracts.models import ContractImport
    from portal.storage import private_storage
    from portal.tests.factories import OrganizationFactory, member

    storage = private_storage()
    failing = FullDisk(storage)
    monkeypatch.setattr(storage, "save", failing)
    organization = OrganizationFactory(slug="zh")
    client.force_login(member(organization))
    response = client.post(
        reverse("contract_import"),
        {
            "organization": organization.pk,
            "file": SimpleUploadedFile("contracten.csv", b"kenmerk;leverancier\nA;B\n"),
        },
    )
    assert response.status_code == 200
    assert "kon niet worden opgeslagen" in response.content.decode()
    assert not ContractImport.objects.exists()
    assert not storage.exists(failing.partial)
