"""Pages for an organisation's own contracts. Non-members get 404, never 403, so the
existence of a contract is not revealed."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from contracts.models import Contract
from portal.permissions import has_perm, objects_for_user


@login_required
def contract_list(request):
    contracts = objects_for_user(
        request.user,
        "contracts.view_contract",
        Contract.objects.select_related("organization", "vendor", "category", "category__parent"),
    ).order_by("-start_date", "reference")
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    return render(request, "contracts/contract_list.html", {"page": page})


@login_required
def contract_detail(request, pk):
    contract = get_object_or_404(
        Contract.objects.select_related("organization", "vendor", "category", "category__parent"),
        pk=pk,
    )
    if not has_perm(request.user, "contracts.view_contract", contract):
        raise Http404
    return render(
        request,
        "contracts/contract_detail.html",
        {
            "contract": contract,
            "lines": contract.lines.all(),
            "clauses": contract.clauses.select_related("clause"),
            "products": contract.products.all(),
            "can_change": has_perm(request.user, "contracts.change_contract", contract),
        },
    )
