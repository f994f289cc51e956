"""The vendor's side of a coalition's request for information: the list of requests
to the representative's own vendor and, per request, the requirements with an answer
form. Nothing about the coalition's members is shown here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from coalitions import rfi
from coalitions.models import VendorAnswer
from coalitions.views.pages import report
from vendors.access import represented_vendor


@login_required
@require_safe
def request_list(request):
    vendor = represented_vendor(request.user)
    return render(
        request,
        "coalitions/vendor_requests.html",
        {"vendor": vendor, "vendor_requests": rfi.requests_for_vendor(vendor)},
    )


def _posted_answers(post, requirement_ids):
    answers = {}
    for requirement_id in requirement_ids:
        answer = post.get(f"answer-{requirement_id}", "")
        if answer:
            answers[requirement_id] = (answer, post.get(f"comment-{requirement_id}", "").strip())
    return answers


@login_required
def request_answer(request, pk):
    vendor = represented_vendor(request.user)
    vendor_request = get_object_or_404(
        rfi.requests_for_vendor(vendor), pk=pk
    )  # another vendor's request does not exist for this one
    coalition = vendor_request.coalition
    reqs = list(coalition.requirements.prefetch_related("standards", "clauses").order_by("number"))
    given = {a.requirement_id: a for a in vendor_request.answers.all()}
    if request.method == "POST":
        posted = _posted_answers(request.POST, [r.pk for r in reqs])
        if len(posted) < len(reqs):
            messages.error(request, _("Answer complies, partly or no for every requirement."))
        elif report(request, lambda: rfi.save_answers(vendor_request, posted)):
            messages.success(request, _("Your answers are sent to the coalition."))
            return redirect("vendor_request_answer", pk=pk)
        given = {
            rid: VendorAnswer(requirement_id=rid, answer=a, comment=c)
            for rid, (a, c) in posted.items()
        }
    rows = [(r, given.get(r.pk)) for r in reqs]
    return render(
        request,
        "coalitions/vendor_request_answer.html",
        {
            "vendor_request": vendor_request,
            "coalition": coalition,
            "rows": rows,
            "choices": VendorAnswer.Answer.choices,
            "open": coalition.stage in rfi.ANSWERABLE_STAGES,
        },
    )
