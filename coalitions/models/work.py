"""What members do together inside a coalition: requirements with comments and votes,
documents with versions, a discussion thread and the competition-law checklist."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalitions.models.core import Coalition
from contracts.models import LockInClause
from portal.models import Organization
from portal.storage import private_storage
from vendors.models import Standard


class Requirement(models.Model):
    class Priority(models.TextChoices):
        MUST = "must", _("Must have")
        SHOULD = "should", _("Should have")
        COULD = "could", _("Could have")
        WONT = "wont", _("Won't have this time")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="requirements")
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("requirement"))
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="coalition_requirements", verbose_name=_("standards")
    )
    clauses = models.ManyToManyField(
        LockInClause,
        blank=True,
        related_name="coalition_requirements",
        verbose_name=_("lock-in clauses"),
    )
    proposed_by = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["coalition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "number"], name="one_requirement_number_per_coalition"
            )
        ]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class RequirementComment(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="comments")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["requirement", "created_at", "pk"]

    def __str__(self):
        return f"{self.organization}: {self.text[:40]}"


class RequirementVote(models.Model):
    """One vote per member organisation (organisations, not users, are members)."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="votes")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "organization"], name="one_vote_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organization}: {self.choice}"


class Document(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["coalition", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "title"], name="one_document_title_per_coalition"
            )
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, upload_to="coalition-documents/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Message(models.Model):
    """The coalition's discussion thread."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="messages")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["coalition", "created_at", "pk"]

    def __str__(self):
        return f"{self.organization}: {self.text[:40]}"


class ChecklistConfirmation(models.Model):
    """A coordinator's confirmation of one item of the competition-law checklist
    (coalitions.checklist.ITEMS)."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="checklist_confirmations"
    )
    item = models.CharField(max_length=40)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["coalition", "item"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "item"], name="one_confirmation_per_item")
        ]

    def __str__(self):
        return f"{self.coalition}: {self.item}"
