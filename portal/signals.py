"""Signals the lower layers send for the layers above them to act on, so that the
sender never imports its listeners."""

from django.dispatch import Signal

# Sent after bulk writes (bulk_create/bulk_update/QuerySet.update), which send no
# post_save: ``sender`` is the model, ``ids`` the primary keys written. Search listens
# (search.signals) to bring those objects' documents up to date.
bulk_changed = Signal()
