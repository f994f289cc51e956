from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext as _


def private_storage():
    """Storage for confidential uploads (contract files, certificates): outside the
    static and public media files, only ever read by permission-checked code."""
    return storages["private"]


class UploadNotStored(ValidationError):
    pass


def save_upload(field_file, name, content):
    """Store an upload in ``field_file`` (its record not yet saved), as FieldFile.save
    does, but a full disk or another storage failure gives a clear error and removes the
    partly written file."""
    storage, field = field_file.storage, field_file.field
    target = storage.get_available_name(
        field.generate_filename(field_file.instance, name), max_length=field.max_length
    )
    try:
        stored = storage.save(target, content, max_length=field.max_length)
    except OSError as error:
        try:
            if storage.exists(target):
                storage.delete(target)
        except OSError:
            pass
        raise UploadNotStored(
            _("The file could not be stored (%(reason)s). Nothing was saved; try again later.")
            % {"reason": error.strerror or error}
        ) from error
    field_file.name = stored
    setattr(field_file.instance, field.attname, stored)
    field_file._committed = True
