"""A care provider's register of the AI applications it uses: the overview of AI systems,
with their risk class, that the EU AI Act asks every deployer to keep.

An application is visible only to members of the organisation that keeps it (object
permissions granted to the organisation's groups, airegister.services); what the
organisation marks as shared may later be shown to others on a page of its own."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from coalitions.models import Coalition
from portal.models import Organization
from vendors.models import Product, Vendor


def review_interval():
    return timedelta(days=settings.AI_REVIEW_INTERVAL_DAYS)


class AIApplicationQuerySet(models.QuerySet):
    def review_overdue(self, today=None):
        """Applications whose review is due before ``today``: last reviewed (or, never
        reviewed, registered) longer than AI_REVIEW_INTERVAL_DAYS ago."""
        today = today or timezone.localdate()
        cutoff = today - review_interval()
        return self.filter(
            Q(last_reviewed_on__lt=cutoff)
            | Q(last_reviewed_on__isnull=True, created_at__date__lt=cutoff)
        )


class AIApplication(models.Model):
    """One AI application a care provider uses or develops, from idea to proven value."""

    class Purpose(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("Diagnosis and image analysis")
        PREDICTION = "prediction", _("Prediction and early warning")
        TREATMENT = "treatment", _("Treatment and decision support")
        DOCUMENTATION = "documentation", _("Documentation and administration")
        PLANNING = "planning", _("Planning and logistics")
        PATIENT_CONTACT = "patient_contact", _("Patient communication")
        OTHER = "other", _("Other")

    class Origin(models.TextChoices):
        BOUGHT = "bought", _("Bought")
        CO_CREATED = "co_created", _("Co-created")
        SELF_BUILT = "self_built", _("Self-built")

    class Phase(models.TextChoices):
        IDEA = "idea", _("Idea")
        EXPLORATION = "exploration", _("Exploration")
        DEVELOPMENT = "development", _("Development")
        PILOT = "pilot", _("Pilot")
        IMPLEMENTATION = "implementation", _("Implementation")
        PRODUCTION = "production", _("Production")
        PROVEN_VALUABLE = "proven_valuable", _("Proven valuable")

    class Kind(models.TextChoices):
        TRADITIONAL = "traditional", _("Traditional AI")
        GENERATIVE = "generative", _("Generative AI")

    class RiskClass(models.TextChoices):
        """The risk classes of the EU AI Act (Regulation (EU) 2024/1689)."""

        PROHIBITED = "prohibited", _("Prohibited")
        HIGH = "high", _("High risk")
        LIMITED = "limited", _("Limited risk")
        MINIMAL = "minimal", _("Minimal risk")

    class MdrClass(models.TextChoices):
        """The medical-device class under the MDR (Regulation (EU) 2017/745)."""

        NONE = "none", _("Not a medical device")
        I = "I", _("Class I")  # noqa: E741 - the class's own name
        IIA = "IIa", _("Class IIa")
        IIB = "IIb", _("Class IIb")
        III = "III", _("Class III")

    class CeMarking(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    # Members only: not even a superuser bypasses the object permission (portal.permissions).
    MEMBERS_ONLY = True

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="ai_applications",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    purpose_description = models.TextField(
        _("purpose in your own words"),
        blank=True,
        help_text=_("What the application does and for whom."),
    )
    department = models.CharField(_("department or specialty"), max_length=200, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ai_applications",
        verbose_name=_("vendor"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ai_applications",
        verbose_name=_("product"),
    )
    partners = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="ai_co_creations",
        verbose_name=_("co-creation partners"),
        help_text=_("The organisations you develop it with."),
    )
    phase = models.CharField(_("funnel phase"), max_length=20, choices=Phase.choices)
    kind = models.CharField(_("kind of AI"), max_length=20, choices=Kind.choices)
    risk_class = models.CharField(_("AI Act risk class"), max_length=20, choices=RiskClass.choices)
    risk_reason = models.TextField(
        _("reason for the risk class"),
        blank=True,
        help_text=_("Why this class applies, e.g. the AI Act annex or article."),
    )
    mdr_class = models.CharField(
        _("MDR class"), max_length=5, choices=MdrClass.choices, default=MdrClass.NONE
    )
    ce_marking = models.CharField(
        _("CE marking"), max_length=10, choices=CeMarking.choices, default=CeMarking.UNKNOWN
    )
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The person or role accountable for the application."),
    )
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    shared = models.BooleanField(
        _("open to adoption or co-creation"),
        default=False,
        help_text=_("Other care providers may find this application and express interest."),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ai_applications",
        verbose_name=_("coalition"),
        help_text=_("The coalition started around this application from the interest in it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AIApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["organization", "phase"])]
        verbose_name = _("AI application")
        verbose_name_plural = _("AI applications")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ai_application_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        needs_reason = (self.RiskClass.HIGH, self.RiskClass.PROHIBITED)
        if self.risk_class in needs_reason and not self.risk_reason.strip():
            errors["risk_reason"] = _("Explain why the application falls in this risk class.")
        if self.product_id and not self.vendor_id:
            errors["vendor"] = _("Choose the vendor of the product as well.")
        elif self.product_id and self.product.vendor_id != self.vendor_id:
            errors["product"] = _("%(product)s is not a product of %(vendor)s.") % {
                "product": self.product,
                "vendor": self.vendor,
            }
        if self.origin == self.Origin.SELF_BUILT and self.vendor_id:
            errors["vendor"] = _("A self-built application has no vendor.")
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            errors["last_reviewed_on"] = _("The date of the last review cannot be in the future.")
        if self.organization_id and not self.organization.is_care_provider:
            errors["organization"] = _("Only care providers keep an AI register.")
        if errors:
            raise ValidationError(errors)

    def review_due_on(self):
        """The date the next review is due."""
        reviewed = self.last_reviewed_on or timezone.localdate(self.created_at)
        return reviewed + review_interval()

    def review_overdue(self, today=None):
        return self.review_due_on() < (today or timezone.localdate())


class AIApplicationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(AIApplication, on_delete=models.CASCADE)


class AIApplicationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(AIApplication, on_delete=models.CASCADE)


class AIApplicationInterest(models.Model):
    """Another care provider's interest in a shared application: to adopt it, or to
    develop it further together. Enough of it turns into a coalition (airegister.sharing)."""

    class Kind(models.TextChoices):
        ADOPT = "adopt", _("Adopt it")
        CO_CREATE = "co_create", _("Develop it together")

    application = models.ForeignKey(
        AIApplication,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("AI application"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="ai_interests",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expressed by"),
    )
    kind = models.CharField(_("interest"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["application", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organization"], name="one_ai_interest_per_organization"
            )
        ]
        verbose_name = _("interest in an AI application")
        verbose_name_plural = _("interests in AI applications")

    def __str__(self):
        return f"{self.organization} → {self.application}"


class AIReviewReminder(models.Model):
    """Remembers that an overdue review was reminded for one interval, so the daily
    task reminds once per application per interval."""

    application = models.ForeignKey(
        AIApplication, on_delete=models.CASCADE, related_name="review_reminders"
    )
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "due_on"], name="one_ai_review_reminder_per_interval"
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.due_on}"
