# Kept for the migrations that refer to it; the storage lives in portal.storage.
from portal.storage import private_storage  # noqa: F401
