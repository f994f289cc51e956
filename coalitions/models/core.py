"""Purchasing coalitions of care providers: organisations (not users) are members; a
coalition moves through a dated lifecycle that only its coordinators advance."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.models import Organization
from vendors.models import ProductCategory, Vendor


class Coalition(models.Model):
    class Type(models.TextChoices):
        JOINT_PURCHASING = "joint_purchasing", _("Joint purchasing organised by a group")
        SUPPORTED = "supported", _("Supported coalition with knowledge sharing")
        MATCHMAKING = "matchmaking", _("Matchmaking only")
        SHARED_SERVICE = "shared_service", _("Regional shared service")
        DEMAND_ARTICULATION = "demand_articulation", _("Demand articulation toward a vendor")

    class Stage(models.TextChoices):
        FORMING = "forming", _("Forming")
        REQUIREMENTS = "requirements", _("Articulating requirements")
        CONSULTATION = "consultation", _("Market consultation")
        NEGOTIATING = "negotiating", _("Negotiating")
        CONTRACTED = "contracted", _("Contracted")
        CLOSED = "closed", _("Closed")
        ABANDONED = "abandoned", _("Abandoned")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: listed, organisations may ask to join")
        PRIVATE = "private", _("Private: by invitation only, invisible to others")

    class CostSharing(models.TextChoices):
        FLAT = "flat", _("Equal shares")
        FTE = "fte", _("By FTE")
        BEDS = "beds", _("By beds")
        REVENUE = "revenue", _("By revenue")
        VOLUME = "volume", _("By volume")

    # Members only: not even a superuser bypasses the object permission (portal.permissions).
    MEMBERS_ONLY = True

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    goal = models.TextField(_("goal"))
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    categories = models.ManyToManyField(
        ProductCategory, related_name="coalitions", verbose_name=_("product categories")
    )
    target_vendors = models.ManyToManyField(
        Vendor, blank=True, related_name="targeted_by", verbose_name=_("target vendors")
    )
    participation_criteria = models.TextField(_("participation criteria"), blank=True)
    cost_sharing = models.CharField(
        _("cost sharing"), max_length=10, choices=CostSharing.choices, default=CostSharing.FLAT
    )
    shared_cost = models.DecimalField(
        _("shared cost (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The coalition's own costs (adviser, tender) to divide among members."),
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.FORMING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("coalition_detail", kwargs={"slug": self.slug})


class CoalitionMember(models.Model):
    """An organisation's place in a coalition, from invitation or request to leaving."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", pgettext_lazy("coalition membership", "Active")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="members", verbose_name=_("coalition")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    volume = models.DecimalField(
        _("volume"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For cost sharing by volume, e.g. the number of users."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["coalition", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organization"], name="one_membership_per_coalition"
            )
        ]
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")

    def __str__(self):
        return f"{self.organization} @ {self.coalition} ({self.get_status_display()})"


class CoalitionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Coalition, on_delete=models.CASCADE)


class CoalitionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Coalition, on_delete=models.CASCADE)
