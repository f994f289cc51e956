from django.core.files.storage import storages


def private_storage():
    """Storage for uploaded contract files: outside the static and public media files,
    only ever read by permission-checked code."""
    return storages["private"]
