"""Site-wide models: organisations, their members, the audit trail of writes and the
access log of sensitive reads, and the Wagtail content pages."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import ContentBlocks
from portal.choices import Province, Sector
from portal.page_text import EnglishText, bilingual_edit_handler

kvk_validator = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))
agb_validator = RegexValidator(r"^\d{8}$", _("An AGB code has exactly 8 digits."))


class OrganizationQuerySet(models.QuerySet):
    def care_providers(self):
        return self.filter(type=Organization.Type.CARE_PROVIDER)


class Organization(models.Model):
    """A legal entity taking part in the portal: a care provider, a user association
    (e.g. the association of hospitals using one EHR vendor) or a policy body
    (ministry, competition authority, care authority)."""

    class Type(models.TextChoices):
        CARE_PROVIDER = "care_provider", _("Care provider")
        USER_ASSOCIATION = "user_association", _("User association")
        POLICY_BODY = "policy_body", _("Policy body")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    sector = models.CharField(
        _("sector"),
        max_length=30,
        choices=Sector.choices,
        blank=True,
        help_text=_("Required for care providers, empty for other organisations."),
    )
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[kvk_validator]
    )
    agb_code = models.CharField(
        _("AGB code"),
        max_length=8,
        blank=True,
        validators=[agb_validator],
        help_text=_("Care provider code (care providers only)."),
    )
    website = models.URLField(_("website"), blank=True)
    findable_for_coalitions = models.BooleanField(
        _("findable as a coalition partner"),
        default=False,
        help_text=_(
            "Other care providers with a contract in the same category ending near yours "
            "see your organisation's name and the end-date window, never prices."
        ),
    )
    # Members see the organisation's confidential data through this group ...
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="member_of", editable=False
    )
    # ... and those who may change it (procurement specialists, admins) through this one.
    editors_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="editor_of", editable=False
    )
    # ... and organisation admins (audit trail, API tokens) through this one.
    admins_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="admin_of", editable=False
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Object permissions on the organisation itself, granted to its groups.
        permissions = [
            ("view_organization_contracts", "Can see the organisation's contracts"),
            ("manage_organization_contracts", "Can record and change the organisation's contracts"),
            ("administer_organization", "Can read the audit trail and manage API tokens"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Every organisation owns its two permission groups, whatever path created it
        # (service, Wagtail admin, fixtures).
        if self.group_id is None:
            self.group = Group.objects.create(name=f"org:{self.slug}:members")
        if self.editors_group_id is None:
            self.editors_group = Group.objects.create(name=f"org:{self.slug}:editors")
        if self.admins_group_id is None:
            self.admins_group = Group.objects.create(name=f"org:{self.slug}:admins")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organization_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.type == self.Type.CARE_PROVIDER and not self.sector:
            raise ValidationError({"sector": _("A care provider needs a sector.")})
        if self.type != self.Type.CARE_PROVIDER and self.sector:
            raise ValidationError({"sector": _("Only care providers have a sector.")})
        if self.type != self.Type.CARE_PROVIDER and self.agb_code:
            raise ValidationError({"agb_code": _("Only care providers have an AGB code.")})

    @property
    def is_care_provider(self):
        return self.type == self.Type.CARE_PROVIDER


class OrganizationSize(models.Model):
    """Size figures of an organisation for one reference year, used to normalise prices
    (cost per FTE, per bed, as a share of revenue)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="sizes", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(
        _("reference year"), validators=[MinValueValidator(2000)]
    )
    revenue_eur = models.DecimalField(
        _("revenue (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    fte = models.DecimalField(
        _("FTE"), max_digits=9, decimal_places=1, validators=[MinValueValidator(0)]
    )
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)

    class Meta:
        ordering = ["organization", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_size_per_org_year"),
            models.CheckConstraint(
                condition=models.Q(revenue_eur__gte=0) & models.Q(fte__gte=0),
                name="size_figures_not_negative",
            ),
        ]
        verbose_name = _("organisation size")
        verbose_name_plural = _("organisation sizes")

    def __str__(self):
        return f"{self.organization} {self.year}"


class Membership(models.Model):
    """A user's place in an organisation. The role decides which of the organisation's
    groups the user is in, and so what the user may see and change."""

    class Role(models.TextChoices):
        PROCUREMENT_SPECIALIST = "procurement_specialist", _("Procurement specialist")
        ORGANIZATION_ADMIN = "organization_admin", _("Organisation admin")
        VIEWER = "viewer", _("Viewer")
        POLICY_ANALYST = "policy_analyst", _("Policy analyst")
        COALITION_COORDINATOR = "coalition_coordinator", _("Coalition coordinator")

    EDITOR_ROLES = frozenset({Role.PROCUREMENT_SPECIALIST, Role.ORGANIZATION_ADMIN})
    # Who acts for the organisation in purchasing coalitions (coalitions.access).
    COALITION_ROLES = EDITOR_ROLES | {Role.COALITION_COORDINATOR}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organization", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    def clean(self):
        org_type = getattr(self.organization, "type", None)
        if self.role == self.Role.POLICY_ANALYST and org_type != Organization.Type.POLICY_BODY:
            raise ValidationError({"role": _("Policy analysts belong to a policy body.")})
        if org_type == Organization.Type.POLICY_BODY and self.role not in (
            self.Role.POLICY_ANALYST,
            self.Role.ORGANIZATION_ADMIN,
        ):
            raise ValidationError(
                {"role": _("Members of a policy body are policy analysts or admins.")}
            )

    @property
    def can_edit(self):
        return self.role in self.EDITOR_ROLES


class HomePage(EnglishText, Page):
    """The portal's front page, with live market figures next to editorial text."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    intro_en = RichTextField(_("introduction (English)"), blank=True)
    body_en = StreamField(ContentBlocks(), blank=True, verbose_name=_("body (English)"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = bilingual_edit_handler(
        content_panels, [FieldPanel("intro_en"), FieldPanel("body_en")]
    )
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("intro_en")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.ContentPage",
        "portal.CodeOfConductPage",
        "coalitions.CoalitionDirectoryPage",
        "market.MarketBalancePage",
        "knowledge.KnowledgeIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from portal.home import home_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = home_figures()
        return context


class CodeOfConductPage(EnglishText, Page):
    """The code of conduct for vendors; vendors sign it through self-service and the
    signatories are listed here and on their vendor pages."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)
    body_en = StreamField(ContentBlocks(), blank=True, verbose_name=_("body (English)"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = bilingual_edit_handler(
        content_panels, [FieldPanel("intro_en"), FieldPanel("body_en")]
    )
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in ("intro", "body", "title_en", "intro_en", "body_en")
    ]
    max_count = 1
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("code of conduct")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signatures"] = self.signatures.select_related("vendor").order_by("vendor__name")
        return context


class ContentPage(EnglishText, Page):
    """Guidance, news and methodology text written by editors."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    intro_en = models.CharField(_("introduction (English)"), max_length=300, blank=True)
    body_en = StreamField(ContentBlocks(), blank=True, verbose_name=_("body (English)"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = bilingual_edit_handler(
        content_panels, [FieldPanel("intro_en"), FieldPanel("body_en")]
    )
    search_fields = Page.search_fields + [
        index.SearchField(name) for name in ("intro", "body", "title_en", "intro_en", "body_en")
    ]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk)


class AuditEvent(models.Model):
    """One write to the portal's data: who did what to which object, when, and the old
    and new values of the fields it changed. The row outlives its object (the label is
    kept). Read by the admins of ``organization``, the representatives of ``vendor``,
    or, for a coalition's lifecycle, the coalition's members; portal.audit records it."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        IMPORT = "import", _("Imported")
        EXPORT = "export", _("Exported")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_label = models.CharField(_("by"), max_length=150)
    # Lazy references to apps above the core (no import): the token a system wrote
    # through, and the vendor whose representatives may read the event.
    api_token = models.ForeignKey(
        "contracts.OrganizationApiToken",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("API token"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("organisation"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("vendor"),
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_event_object")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.get_action_display()} {self.object_label} ({self.actor_label})"

    def changes(self):
        """(field, old, new) for every recorded field; a value absent on one side is None."""
        fields = list(self.before) + [name for name in self.after if name not in self.before]
        return [(name, self.before.get(name), self.after.get(name)) for name in fields]


class AccessLogEntry(models.Model):
    """A read of sensitive data (a contract, benchmarks, an export, the market monitor),
    logged for the organisation whose data it was or whose user read it; the
    organisation's admins read the log (portal.access_log writes and purges it)."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract page")
        CONTRACT_API = "contract_api", _("Contracts through the API")
        EXPORT = "export", _("Export")
        BENCHMARK = "benchmark", _("Price benchmarks")
        MARKET = "market", _("Market monitor")
        AI_REGISTER = "ai_register", _("AI register")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("by"), max_length=150)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    path = models.CharField(_("address"), max_length=500)
    # The reader's address as portal.client_address sees it (behind a trusted proxy: the
    # client's, not the proxy's).
    client_address = models.GenericIPAddressField(_("from"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.actor_label}: {self.get_kind_display()} {self.subject}"
