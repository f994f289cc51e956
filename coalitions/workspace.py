"""Members' documents (with versions) and the discussion thread of a coalition."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from coalitions.models import Document, DocumentVersion, Message
from portal.storage import save_upload


def check_upload(upload):
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    allowed = settings.COALITION_DOCUMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(_("Upload a file of type %(types)s.") % {"types": ", ".join(allowed)})
    if upload.size > settings.COALITION_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.COALITION_DOCUMENT_MAX_BYTES // (1024 * 1024)}
        )


def add_document_version(coalition, *, title, upload, user, organization):
    """A new document, or a new version of the coalition's document with this title.
    The file is stored first and removed again if the database write fails, so nothing
    is left half-written."""
    check_upload(upload)
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the document a title."))
    version = DocumentVersion(
        original_name=os.path.basename(upload.name)[:255],
        size=upload.size,
        uploaded_by=user,
        organization=organization,
    )
    save_upload(version.file, upload.name, upload)
    try:
        with transaction.atomic():
            document, _created = Document.objects.get_or_create(coalition=coalition, title=title)
            last = document.versions.aggregate(last=Max("number"))["last"] or 0
            version.document, version.number = document, last + 1
            version.save()
    except IntegrityError as err:
        version.file.delete(save=False)
        raise ValidationError(_("Someone uploaded a version at the same time; try again.")) from err
    except Exception:
        version.file.delete(save=False)
        raise
    return version


def documents(coalition):
    return coalition.documents.prefetch_related("versions__organization")


def post_message(coalition, *, organization, user, text):
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a message first."))
    return Message.objects.create(
        coalition=coalition, organization=organization, author=user, text=text[:5000]
    )
