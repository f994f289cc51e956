import pickle
import zlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """One publication of every figure made from confidential data, computed at once
    from the data as it was on ``as_of`` and never changed afterwards. Pages, exports
    and the API show the latest release; writes made after it show in the next."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    as_of = models.DateField(_("data as of"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self):
        return f"{self.number} ({self.as_of:%Y-%m-%d})"


class ReleasePart(models.Model):
    """One stored piece of a release (e.g. one category's price benchmarks). Payloads
    are written by disclosure.releases only; they hold confidential inputs (for figures
    recomputed without the viewer's own data) and are pruned from old releases."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="parts")
    topic = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    payload = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "topic", "key"], name="release_part_unique")
        ]

    def __str__(self):
        return f"{self.release_id}:{self.topic}:{self.key}"

    @staticmethod
    def pack(value) -> bytes:
        return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 3)

    def unpack(self):
        return pickle.loads(zlib.decompress(bytes(self.payload)))  # written by us only


class ReleaseRequest(models.Model):
    """A release asked for out of turn (after an organisation deleted its data). It is
    made at once when the latest release is at least DISCLOSURE_MIN_RELEASE_GAP_DAYS
    old, else by the next daily ``publish_release --if-due`` after that: deleting data
    again and again must not force release after release."""

    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("release request")
        verbose_name_plural = _("release requests")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.reason}"
