from django.db import models


class PendingIndexUpdate(models.Model):
    """An object whose search document could not be brought up to date (engine down or
    refusing). `manage.py search_sync` retries until none are left."""

    document = models.CharField(max_length=100)  # the document's model label
    object_id = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "object_id"], name="one_pending_per_object")
        ]

    def __str__(self):
        return f"{self.document}:{self.object_id}"
