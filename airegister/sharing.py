"""Writes for "scale up together": an owner marks an application as open to adoption or
co-creation, other care providers express interest, and enough interest becomes a
coalition (coalitions.services) with one click. Audited like every write of the
register; notifications and index updates happen after commit and never fail a write."""

import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from airegister.models import AIApplication, AIApplicationInterest
from airegister.services import update_application
from coalitions import services as coalition_services
from coalitions.models import Coalition
from coalitions.notifications import send_notification
from portal.audit import SYSTEM, Action, record
from vendors.models import ProductCategory

logger = logging.getLogger(__name__)

# The AI category that fits a purpose best, when the application is not a catalogue
# product (reference data, vendors.reference_data).
CATEGORY_BY_PURPOSE = {
    AIApplication.Purpose.DIAGNOSIS: "ai-beeld",
    AIApplication.Purpose.DOCUMENTATION: "ai-spraak-tekst",
    AIApplication.Purpose.PATIENT_CONTACT: "ai-spraak-tekst",
}
DEFAULT_AI_CATEGORY = "ai-beslissingsondersteuning"


def min_interest():
    return settings.AI_COALITION_MIN_INTEREST


def set_shared(*, application, shared, actor=SYSTEM):
    """Mark (or unmark) ``application`` as open to adoption or co-creation. Unmarking hides
    it from other organisations at once; interest already expressed stays with the owner."""
    return update_application(application=application, actor=actor, shared=bool(shared))


def _notify_owner(application, interest):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Interest in your AI application %(name)s") % {"name": application.name}
        text = _("%(organization)s is interested in %(name)s: %(kind)s.") % {
            "organization": interest.organization.name,
            "name": application.name,
            "kind": interest.get_kind_display(),
        }
        link = settings.WAGTAILADMIN_BASE_URL + application.get_absolute_url()
    body = f"{text}\n\n{link}\n"
    owner_id = application.organization_id

    def enqueue():
        try:
            send_notification.enqueue(str(subject), body, [owner_id], True)
        except Exception as err:  # the interest is saved; a lost mail must not undo it
            logger.warning("Could not queue AI interest notification: %s", err)

    transaction.on_commit(enqueue)


@transaction.atomic
def express_interest(*, application, organization, kind, note="", user=None, actor=None):
    """``organization`` (another care provider) is interested in the shared ``application``;
    the owner's editors are told by e-mail."""
    if not application.shared:
        raise ValidationError(_("This application is not shared."))
    if organization.pk == application.organization_id:
        raise ValidationError(
            _("Your own organisation cannot express interest in its own application.")
        )
    if not organization.is_care_provider:
        raise ValidationError(_("Only care providers can express interest."))
    if kind not in AIApplicationInterest.Kind.values:
        raise ValidationError(
            {"kind": _("Choose whether you want to adopt it or develop it together.")}
        )
    interest = AIApplicationInterest(
        application=application,
        organization=organization,
        user=user if user is not None and user.pk else None,
        kind=kind,
        note=note.strip(),
    )
    interest.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as err:
        raise ValidationError(
            _("%(organization)s has already expressed interest in this application.")
            % {"organization": organization.name}
        ) from err
    record(
        actor or user,
        Action.CREATE,
        interest,
        organization=organization,
        label=str(interest),
        after={"kind": kind, "note": interest.note},
    )
    _notify_owner(application, interest)
    return interest


@transaction.atomic
def withdraw_interest(*, interest, actor=None):
    record(
        actor,
        Action.DELETE,
        interest,
        organization=interest.organization,
        label=str(interest),
        before={"kind": interest.kind, "note": interest.note},
    )
    interest.delete()


def may_start_coalition(application):
    """Enough other care providers are interested, and no coalition was started yet."""
    return application.coalition_id is None and application.interests.count() >= min_interest()


def default_category(application):
    """The coalition's category: the product's, else the AI category of the purpose."""
    if application.product_id:
        return application.product.category
    slug = CATEGORY_BY_PURPOSE.get(application.purpose, DEFAULT_AI_CATEGORY)
    return (
        ProductCategory.objects.filter(slug=slug).first()
        or ProductCategory.objects.leaves().filter(parent__slug="ai").order_by("pk").first()
    )


def coalition_proposal(application):
    """The name, goal and category the confirm page starts from."""
    with translation.override(settings.LANGUAGE_CODE):
        goal = _(
            "Adopt or develop %(name)s together and scale it up beyond the pilot: "
            "shared requirements, one purchase or one development plan, shared experience."
        ) % {"name": application.name}
        name = _("Scaling up %(name)s") % {"name": application.name}
    return {"name": name, "goal": goal, "category": default_category(application)}


def _free_slug(name):
    """The name's slug with a random tail: from the application's name alone (which
    every care provider sees in the shared list) no one can guess the coalition's
    address and so learn through the coalition form's "slug taken" that it exists."""
    base = slugify(name)[:180] or "ai-coalitie"
    while Coalition.objects.filter(slug=(slug := f"{base}-{secrets.token_hex(3)}")).exists():
        pass
    return slug


@transaction.atomic
def start_coalition(*, application, user, name, goal, category):
    """A coalition around ``application``: its owner coordinates, every interested
    organisation is invited (they answer on their coalition pages), the application
    links to it. Private: only the invited see it."""
    application = AIApplication.objects.select_for_update().get(pk=application.pk)
    if application.coalition_id:
        raise ValidationError(_("A coalition was already started for this application."))
    interests = list(application.interests.select_related("organization"))
    if len(interests) < min_interest():
        raise ValidationError(
            _("A coalition needs the interest of at least %(count)s other organisations.")
            % {"count": min_interest()}
        )
    if category is None:
        raise ValidationError({"category": _("Choose a product category.")})
    bought = application.origin == AIApplication.Origin.BOUGHT and application.vendor_id
    coalition = coalition_services.create_coalition(
        coordinator=application.organization,
        user=user,
        categories=[category],
        target_vendors=[application.vendor] if bought else [],
        name=name,
        slug=_free_slug(name),
        goal=goal,
        # adopting a bought product is a joint purchase; co-creation shares knowledge
        type=Coalition.Type.JOINT_PURCHASING if bought else Coalition.Type.SUPPORTED,
        visibility=Coalition.Visibility.PRIVATE,
    )
    for interest in interests:
        coalition_services.invite(coalition, interest.organization, user=user)
    application.coalition = coalition
    application.save(update_fields=["coalition", "updated_at"])
    record(
        user,
        Action.UPDATE,
        application,
        organization=application.organization,
        label=application.name,
        before={"coalition": None},
        after={"coalition": coalition.slug},
    )
    return coalition
