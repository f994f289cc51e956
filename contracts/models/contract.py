"""Care providers' ICT contracts: the confidential price data the portal is built on.

A contract is visible only to members of the organisation that owns it (object
permissions on the contract, granted to the organisation's groups)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from contracts import renewals
from portal.models import Organization
from portal.translation import localized
from vendors.models import Product, ProductCategory, Vendor


class LockInClause(models.Model):
    """A contract clause that lowers (or, when missing, raises) the risk of vendor
    lock-in, from the AIVG Module ICT and the GIBIT checklist."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    explanation = models.TextField(_("explanation (Dutch)"))
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("lock-in clause")
        verbose_name_plural = _("lock-in clauses")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return localized(self.name, self.name_en)

    @property
    def display_explanation(self):
        return localized(self.explanation, self.explanation_en)


class ContractQuerySet(models.QuerySet):
    def recorded_when_started(self):
        """Record these contracts as entered when they started (those that started
        before today): for history loaded in bulk (demo data, tests), which figures
        should count as they would real history (a contract counts once it started,
        and was recorded, 90 days before a release)."""
        return self.filter(start_date__lt=timezone.localdate()).update(
            created_at=Cast("start_date", models.DateTimeField())
        )

    def running(self):
        """Contracts not recorded as ended or terminated: those that may still need
        notice (an automatic renewal keeps a contract running past its end date)."""
        return self.filter(status__in=[Contract.Status.PLANNED, Contract.Status.ACTIVE])


class Contract(models.Model):
    """An ICT contract between a care provider and a vendor, for products in one
    category."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        TERMINATED = "terminated", _("Terminated early")

    # Members only: not even a superuser bypasses the object permission (see portal.permissions).
    MEMBERS_ONLY = True

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="contracts",
        verbose_name=_("organisation"),
    )
    reference = models.CharField(
        _("own reference"),
        max_length=80,
        help_text=_("Your organisation's own contract number; unique within the organisation."),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("vendor")
    )
    category = models.ForeignKey(
        ProductCategory,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("category"),
    )
    products = models.ManyToManyField(
        Product, blank=True, related_name="contracts", verbose_name=_("products")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    initial_term_months = models.PositiveSmallIntegerField(
        _("initial term (months)"), validators=[MinValueValidator(1)]
    )
    renewal_term_months = models.PositiveSmallIntegerField(
        _("renewal term (months)"),
        null=True,
        blank=True,
        help_text=_("Length of each extension, if the contract can be extended."),
    )
    notice_period_months = models.PositiveSmallIntegerField(_("notice period (months)"), default=0)
    auto_renewal = models.BooleanField(
        _("renews automatically"),
        default=False,
        help_text=_("The contract is extended unless notice is given in time."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="contract_reference_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="contract_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["category", "start_date", "end_date"])]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self):
        return f"{self.reference} ({self.vendor})"

    def get_absolute_url(self):
        return reverse("contract_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("The end date must be after the start date.")
        if (
            self.initial_term_months
            and self.notice_period_months is not None
            and self.notice_period_months >= self.initial_term_months
        ):
            errors["notice_period_months"] = _("The notice period must be shorter than the term.")
        if self.category_id and self.category.parent_id is None:
            errors["category"] = _("Choose a subcategory, not a main category.")
        if errors:
            raise ValidationError(errors)

    def notice_deadline(self, today=None):
        """The next date by which notice must be given (the end date minus the notice
        period; past it, an automatic renewal moves it a term on), as a
        contracts.renewals.NoticeDeadline; None when there is nothing to give notice
        for: the contract is recorded as ended or terminated, it has run out, or its end
        date is not known yet (an unsaved form)."""
        ended = self.status in (self.Status.ENDED, self.Status.TERMINATED)
        if ended or self.end_date is None or self.notice_period_months is None:
            return None
        return renewals.notice_deadline(self, today or timezone.localdate())

    def annual_cost(self):
        """Comparable yearly cost in EUR: recurring lines plus one-off lines spread over
        the initial term."""
        return sum(
            (line.annual_cost(self.initial_term_months) for line in self.lines.all()),
            Decimal("0.00"),
        )


class ContractUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Contract, on_delete=models.CASCADE)


class ContractGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Contract, on_delete=models.CASCADE)


class ContractLine(models.Model):
    """One priced item of a contract. The line total is amount × quantity; it is paid
    once or every year."""

    class CostType(models.TextChoices):
        LICENCE = "licence", _("Licence")
        SUBSCRIPTION = "subscription", _("Subscription")
        IMPLEMENTATION = "implementation", _("Implementation")
        MAINTENANCE = "maintenance", _("Maintenance and support")
        HOSTING = "hosting", _("Hosting")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Frequency(models.TextChoices):
        ONCE = "once", _("Once")
        YEARLY = "yearly", _("Per year")

    class Unit(models.TextChoices):
        FLAT = "flat", _("Flat fee")
        USER = "user", _("Per user")
        FTE = "fte", _("Per FTE")
        BED = "bed", _("Per bed")
        WORKSTATION = "workstation", _("Per workstation")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="lines", verbose_name=_("contract")
    )
    cost_type = models.CharField(_("cost type"), max_length=20, choices=CostType.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Price per unit, excluding VAT."),
    )
    frequency = models.CharField(_("paid"), max_length=10, choices=Frequency.choices)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.FLAT)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["contract", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) & models.Q(quantity__gte=0),
                name="line_amount_and_quantity_not_negative",
            ),
        ]
        verbose_name = _("contract line")
        verbose_name_plural = _("contract lines")

    def __str__(self):
        return f"{self.get_cost_type_display()} {self.total} EUR"

    def clean(self):
        if self.unit == self.Unit.FLAT and self.quantity != 1:
            raise ValidationError({"quantity": _("A flat fee has quantity 1.")})
        if self.unit != self.Unit.FLAT and not self.quantity:
            raise ValidationError({"quantity": _("A price per unit needs a quantity.")})

    @property
    def total(self):
        return (self.amount * self.quantity).quantize(Decimal("0.01"))

    def annual_cost(self, initial_term_months):
        """The line's yearly cost: a one-off amount is spread over the initial term."""
        if self.frequency == self.Frequency.YEARLY:
            return self.total
        years = Decimal(initial_term_months) / Decimal(12)
        return (self.total / years).quantize(Decimal("0.01"))


class ContractClause(models.Model):
    """The answer to one lock-in clause of the checklist for one contract. A clause
    without an answer counts as unknown."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("contract")
    )
    clause = models.ForeignKey(
        LockInClause, on_delete=models.PROTECT, related_name="answers", verbose_name=_("clause")
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)

    class Meta:
        ordering = ["contract", "clause__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "clause"], name="one_answer_per_clause"),
        ]
        verbose_name = _("clause answer")
        verbose_name_plural = _("clause answers")

    def __str__(self):
        return f"{self.clause}: {self.get_answer_display()}"
