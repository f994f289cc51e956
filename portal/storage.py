from django.core.files.storage import storages


def private_storage():
    """Storage for confidential uploads (contract files, certificates): outside the
    static and public media files, only ever read by permission-checked code."""
    return storages["private"]
