"""The competition-law checklist a coalition's coordinators complete before the market
consultation when the members together exceed the market-share limit. The items follow
the ACM's guidance on cooperation between undertakings (joint purchasing) and the EU
Horizontal Guidelines 2023, chapter 4 (purchasing agreements)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions.demand import competition_check
from coalitions.models import ChecklistConfirmation

ITEMS = [
    (
        "legal_assessment",
        gettext_lazy(
            "A competition lawyer has assessed the coalition's combined purchasing share "
            "in each of its categories."
        ),
    ),
    (
        "necessary_information",
        gettext_lazy(
            "Members exchange only the information the joint purchase needs; their own "
            "prices, costs and plans stay with them (the portal shows aggregates only)."
        ),
    ),
    (
        "free_to_buy_elsewhere",
        gettext_lazy(
            "Members remain free to buy outside the coalition: no exclusivity or "
            "minimum-purchase obligation."
        ),
    ),
    (
        "open_criteria",
        gettext_lazy(
            "The participation criteria are objective, transparent and non-discriminatory."
        ),
    ),
    (
        "no_selling_side_coordination",
        gettext_lazy(
            "The coalition does not coordinate what members offer or charge for care (the "
            "selling market)."
        ),
    ),
    (
        "benefits_passed_on",
        gettext_lazy(
            "The expected benefits (lower prices, better interoperability) reach patients "
            "and care, and the coalition can show how."
        ),
    ),
    (
        "existing_contracts_checked",
        gettext_lazy(
            "Members checked their current contracts for clauses against joint purchasing "
            "and for penalties on early termination."
        ),
    ),
]
CODES = [code for code, _label in ITEMS]


def status(coalition):
    """[(code, label, confirmation or None)] in checklist order."""
    confirmed = {c.item: c for c in coalition.checklist_confirmations.all()}
    return [(code, label, confirmed.get(code)) for code, label in ITEMS]


def is_complete(coalition):
    done = set(coalition.checklist_confirmations.values_list("item", flat=True))
    return done >= set(CODES)


def confirm(coalition, item, *, user, note=""):
    if item not in CODES:
        raise ValidationError(_("Unknown checklist item."))
    try:
        with transaction.atomic():
            return ChecklistConfirmation.objects.create(
                coalition=coalition, item=item, confirmed_by=user, note=note[:500]
            )
    except IntegrityError:
        return coalition.checklist_confirmations.get(item=item)


def require_checklist(coalition):
    """Refuse the market consultation while the coalition exceeds the market-share limit
    with its checklist incomplete."""

    if competition_check(coalition).exceeded and not is_complete(coalition):
        raise ValidationError(
            _(
                "The members together exceed the market-share limit: complete the "
                "competition-law checklist before the market consultation."
            )
        )
