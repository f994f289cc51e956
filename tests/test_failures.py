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


def _csv(references):
    from contracts.exporting import template_rows, to_csv

    row = next(iter(template_rows()))
    return to_csv([{**row, "kenmerk": ref} for ref in references])


@pytest.mark.django_db
@pytest.mark.parametrize("failures, outcome", [(1, "succeeded"), (3, "failed")])
def test_a_background_import_that_fails_midway_is_retried_and_saves_nothing_half(
    reference_data, monkeypatch, failures, outcome
):
    """The first attempts write some contracts and then fail: their transaction rolls
    back; a retry imports everything once; after the last attempt the import fails."""
    from contracts import imports
    from contracts.importing import loading
    from contracts.models import Contract, ContractImport
    from portal.tests.factories import OrganizationFactory, member
    from vendors.models import ProductCategory
    from vendors.tests.factories import ProductFactory

    ProductFactory(category=ProductCategory.objects.get(slug="pacs-vna"))
    organization = OrganizationFactory(slug="zh")
    user = member(organization)
    real_save = loading.save_drafts
    calls = {"n": 0}

    def failing_save(**kwargs):
        calls["n"] += 1
        if calls["n"] <= failures:
            real_save(**{**kwargs, "drafts": kwargs["drafts"][:1]})  # half written ...
            raise OSError("connection lost")  # ... then the worker dies
        return real_save(**kwargs)

    monkeypatch.setattr(imports, "save_drafts", failing_save)
    upload = imports.store_upload(
        organization=organization, user=user, name="c.csv", data=_csv(["A-1", "A-2", "A-3"])
    )
    imports.run_import_task.enqueue(upload.pk)  # immediate in tests; retries enqueue again
    upload = ContractImport.objects.get(pk=upload.pk)
    assert upload.status == outcome
    references = sorted(Contract.objects.values_list("reference", flat=True))
    if outcome == "succeeded":
        assert upload.attempts == 2 and references == ["A-1", "A-2", "A-3"]
    else:
        assert upload.attempts == 3 and references == []
        assert "connection lost" in upload.errors[0]["message"]
