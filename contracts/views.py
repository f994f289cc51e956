"""Pages for an organisation's own contracts. Non-members get 404, never 403, so the
existence of a contract is not revealed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from contracts.forms import ClauseChecklistForm, ContractForm, LineFormSet
from contracts.lockin import lock_in_summary
from contracts.models import Contract
from contracts.services import create_contract, delete_contract, update_contract
from portal.access_log import Kind, log_read
from portal.audit import Actor
from portal.help_links import clause_help_urls
from portal.models import Organization
from portal.permissions import has_perm, objects_for_user, organizations_for

SORTS = {
    "start": ("-start_date", "reference"),
    "einde": ("end_date", "reference"),
    "kenmerk": ("reference",),
    "leverancier": ("vendor__name", "reference"),
}


def visible_contracts(user):
    return objects_for_user(user, "contracts.view_contract", Contract.objects.all())


def contract_for(user, pk, perm="contracts.view_contract"):
    contract = get_object_or_404(
        Contract.objects.select_related("organization", "vendor", "category", "category__parent"),
        pk=pk,
    )
    if not has_perm(user, "contracts.view_contract", contract):
        raise Http404
    if perm != "contracts.view_contract" and not has_perm(user, perm, contract):
        raise Http404
    return contract


@login_required
@require_safe
def contract_list(request):
    sort = request.GET.get("sorteer", "start")
    contracts = (
        visible_contracts(request.user)
        .select_related("organization", "vendor", "category", "category__parent")
        .order_by(*SORTS.get(sort, SORTS["start"]))
    )
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for contract in page:
        contract.notice = contract.notice_deadline(today)
    # One organisation (the usual case): named once above the table, not on every row.
    organizations = Organization.objects.filter(
        pk__in=visible_contracts(request.user).values("organization_id")
    )
    found = list(organizations[:2])
    only = found[0] if len(found) == 1 else None
    return render(
        request,
        "contracts/contract_list.html",
        {
            "page": page,
            "organization": only,
            "sort": sort,
            "editable": organizations_for(request.user, "portal.manage_organization_contracts"),
            "administered": organizations_for(request.user, "portal.administer_organization"),
        },
    )


@login_required
@require_safe
def contract_detail(request, pk):
    contract = contract_for(request.user, pk)
    log_read(request, contract.organization, Kind.CONTRACT, contract.reference)
    help_urls = clause_help_urls()  # each clause's explanation in the knowledge base
    clauses = list(contract.clauses.select_related("clause"))
    for answer in clauses:
        answer.help_url = help_urls.get(answer.clause.code, "")
    return render(
        request,
        "contracts/contract_detail.html",
        {
            "contract": contract,
            "notice": contract.notice_deadline(),
            "lines": contract.lines.all(),
            "clauses": clauses,
            "products": contract.products.all(),
            "switch": getattr(contract, "switch", None),
            "can_change": has_perm(request.user, "contracts.change_contract", contract),
            "lock_in": lock_in_summary(contract),
        },
    )


def _line_values(formset):
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _show_service_errors(form, err):
    for field, messages_ in err.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def _editor_organization(request):
    organizations = organizations_for(request.user, "portal.manage_organization_contracts")
    slug = request.GET.get("organisatie") or request.POST.get("organisatie")
    if slug:
        organization = organizations.filter(slug=slug).first()
    else:
        organization = organizations.first()
    if organization is None:
        raise Http404
    return organization, organizations


@login_required
def contract_create(request):
    organization, organizations = _editor_organization(request)
    form = ContractForm(request.POST or None)
    lines = LineFormSet(request.POST or None, prefix="regels")
    checklist = ClauseChecklistForm(request.POST or None, prefix="clausules")
    if request.method == "POST" and form.is_valid() and lines.is_valid() and checklist.is_valid():
        try:
            contract = create_contract(
                organization=organization,
                actor=Actor.of_user(request.user),
                products=form.cleaned_data["products"],
                lines=_line_values(lines),
                clause_answers=checklist.answers(),
                migration_cost=form.cleaned_data.get("migration_cost"),
                migration_months=form.cleaned_data.get("migration_months"),
                **form.contract_fields(),
            )
        except ValidationError as err:
            _show_service_errors(form, err)
        else:
            messages.success(request, _("Contract %s saved.") % contract.reference)
            return redirect(contract)
    return render(
        request,
        "contracts/contract_form.html",
        {
            "form": form,
            "lines": lines,
            "checklist": checklist,
            "organization": organization,
            "organizations": organizations,
            "creating": True,
        },
    )


@login_required
def contract_update(request, pk):
    contract = contract_for(request.user, pk, "contracts.change_contract")
    answers = {a.clause.code: a.answer for a in contract.clauses.select_related("clause")}
    form = ContractForm(request.POST or None, instance=contract)
    initial_lines = [
        {
            f: getattr(line, f)
            for f in ("cost_type", "description", "amount", "frequency", "unit", "quantity")
        }
        for line in contract.lines.all()
    ]
    lines = LineFormSet(request.POST or None, prefix="regels", initial=initial_lines)
    checklist = ClauseChecklistForm(request.POST or None, prefix="clausules", answers=answers)
    if request.method == "POST" and form.is_valid() and lines.is_valid() and checklist.is_valid():
        try:
            with transaction.atomic():
                update_contract(
                    contract=Contract.objects.select_for_update().get(pk=contract.pk),
                    actor=Actor.of_user(request.user),
                    products=list(form.cleaned_data["products"]),
                    lines=_line_values(lines),
                    clause_answers=checklist.answers(),
                    **form.contract_fields(),
                )
        except ValidationError as err:
            _show_service_errors(form, err)
        else:
            messages.success(request, _("Contract %s saved.") % contract.reference)
            return redirect("contract_detail", pk=contract.pk)
    return render(
        request,
        "contracts/contract_form.html",
        {
            "form": form,
            "lines": lines,
            "checklist": checklist,
            "organization": contract.organization,
            "contract": contract,
        },
    )


@login_required
@require_POST
def contract_delete(request, pk):
    contract = contract_for(request.user, pk, "contracts.delete_contract")
    reference = contract.reference
    delete_contract(contract=contract, actor=Actor.of_user(request.user))
    messages.success(request, _("Contract %s deleted.") % reference)
    return redirect("contract_list")
