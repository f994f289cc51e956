"""Versioned scoring methods and the scores they produced.

A method is never changed once scores were computed with it: editors add a new version
(the highest version is the live one), and every stored score names the version that
produced it, so a score's breakdown can always be explained."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.translation import localized
from vendors.models.catalogue import Product

DEFAULT_WEIGHTS = {
    # Share of the 0-100 interoperability score per component.
    "claims": 50,
    "coverage": 35,
    "openness": 15,
    # What one claimed standard counts for, per evidence level.
    "evidence": {"self_declared": 0.3, "confirmed": 0.7, "certified": 1.0},
    # Claimed standards (weighted by evidence) that give the full claims component.
    "claims_for_full_marks": 6,
    # Within a requirement set's coverage.
    "shall_share": 0.75,
    "should_share": 0.25,
    # Shares of the 0-100 lock-in risk of a contract (higher is worse).
    "lock_in": {
        "clauses": 40,
        "structure": 20,
        "interoperability": 15,
        "market_position": 15,
        "switching": 10,
    },
    # A vendor with this share of the category's customers (or more) counts as fully risky.
    "dominant_share": 0.5,
}


def default_weights():
    return {
        **DEFAULT_WEIGHTS,
        "evidence": dict(DEFAULT_WEIGHTS["evidence"]),
        "lock_in": dict(DEFAULT_WEIGHTS["lock_in"]),
    }


class ScoringMethodQuerySet(models.QuerySet):
    def live(self):
        method = self.order_by("-version").first()
        return method or self.create(
            version=1, name="Eerste methode", name_en="Initial method", weights=default_weights()
        )


class ScoringMethod(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    name = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    notes = models.TextField(_("what changed (Dutch)"), blank=True)
    notes_en = models.TextField(_("what changed (English)"), blank=True)
    weights = models.JSONField(_("weights"), default=default_weights)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScoringMethodQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("scoring method")
        verbose_name_plural = _("scoring methods")

    def __str__(self):
        return f"v{self.version} {self.name}"

    def save(self, *args, **kwargs):
        if self.version is None:
            last = type(self).objects.aggregate(models.Max("version"))["version__max"]
            self.version = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return localized(self.name, self.name_en)

    @property
    def display_notes(self):
        return localized(self.notes, self.notes_en)

    def clean(self):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values_list("weights", flat=True).first()
            if stored != self.weights:
                raise ValidationError(
                    _("A method that produced scores is never changed: add a new version.")
                )
        weights = self.weights or {}
        parts = [weights.get(name) for name in ("claims", "coverage", "openness")]
        if any(not isinstance(p, int | float) or p < 0 for p in parts) or sum(parts) != 100:
            raise ValidationError(
                {"weights": _("claims, coverage and openness must be numbers adding up to 100.")}
            )


class InteroperabilityScore(models.Model):
    """A product's interoperability score (0-100) under one method version."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="scores", verbose_name=_("product")
    )
    method = models.ForeignKey(
        ScoringMethod, on_delete=models.PROTECT, related_name="+", verbose_name=_("method")
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    breakdown = models.JSONField(_("breakdown"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        ordering = ["product", "-method__version"]
        constraints = [
            models.UniqueConstraint(fields=["product", "method"], name="one_score_per_method")
        ]
        verbose_name = _("interoperability score")
        verbose_name_plural = _("interoperability scores")

    def __str__(self):
        return f"{self.product}: {self.score} (v{self.method.version})"
