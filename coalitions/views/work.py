"""Members' pages of a coalition: requirements (with comments, votes, export and a
printable version), vendor answers, documents, discussion and the competition-law
checklist. Everything here is for members only (404 for everyone else); writing needs
an editor of an active member organisation, and some actions its coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from coalitions import checklist, requirements, rfi, workspace
from coalitions.access import acting_membership
from coalitions.forms import DocumentForm, MessageForm, RequirementForm, VendorInviteForm
from coalitions.models import CoalitionMember, DocumentVersion, Requirement
from coalitions.views.pages import coordinator_only, member_coalition, member_context, report
from portal.spreadsheets import table_download


def _acting(request, coalition, *, vote=False):
    """The member organisation the user acts for; observers comment but do not vote."""
    membership = acting_membership(request.user, coalition)
    if membership is None or (vote and membership.role == CoalitionMember.Role.OBSERVER):
        raise Http404
    return membership.organization


def _form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def requirement_list(request, slug):
    coalition = member_coalition(request.user, slug)
    context = member_context(request.user, coalition, "requirements")
    form = RequirementForm(request.POST or None)
    if request.method == "POST":
        organization = _acting(request, coalition)
        if form.is_valid() and report(
            request,
            lambda: requirements.add_requirement(
                coalition, organization=organization, user=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("Requirement added."))
            return redirect("coalition_requirements", slug=slug)
    context.update(requirements=requirements.requirement_list(coalition), form=form)
    return render(request, "coalitions/requirements.html", context)


@login_required
@require_safe
def requirement_export(request, slug, fmt):
    coalition = member_coalition(request.user, slug)
    headers, rows = requirements.export_rows(coalition)
    return table_download(
        headers, rows, fmt=fmt, filename=f"eisen-{coalition.slug}", sheet_name=_("Requirements")
    )


@login_required
@require_safe
def requirement_print(request, slug):
    coalition = member_coalition(request.user, slug)
    return render(
        request,
        "coalitions/requirements_print.html",
        {"coalition": coalition, "requirements": requirements.requirement_list(coalition)},
    )


def _requirement(request, slug, pk):
    coalition = member_coalition(request.user, slug)
    return coalition, get_object_or_404(coalition.requirements, pk=pk)


@login_required
def requirement_detail(request, slug, pk):
    coalition, requirement = _requirement(request, slug, pk)
    context = member_context(request.user, coalition, "requirements")
    editing = context["coordinator"] and coalition.stage in requirements.OPEN_STAGES
    form = RequirementForm(request.POST or None, instance=requirement) if editing else None
    if request.method == "POST":
        if not editing:
            raise Http404
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ("text", "priority", "standards", "clauses")}
            fresh = Requirement.objects.get(pk=requirement.pk)  # the form changed the instance
            if report(
                request, lambda: requirements.update_requirement(fresh, user=request.user, **data)
            ):
                messages.success(request, _("Requirement saved."))
                return redirect("coalition_requirement", slug=slug, pk=pk)
    own_vote = None
    if context["acting"]:
        own_vote = requirement.votes.filter(organization=context["acting"].organization).first()
    context.update(
        requirement=requirement,
        comments=requirement.comments.select_related("organization", "author"),
        votes=requirement.votes.select_related("organization").order_by("organization__name"),
        own_vote=own_vote,
        form=form,
        open=coalition.stage in requirements.OPEN_STAGES,
    )
    return render(request, "coalitions/requirement_detail.html", context)


@login_required
@require_POST
def requirement_vote(request, slug, pk):
    coalition, requirement = _requirement(request, slug, pk)
    organization = _acting(request, coalition, vote=True)
    if report(
        request,
        lambda: requirements.vote(
            requirement, organization=organization, choice=request.POST.get("choice", "")
        ),
    ):
        messages.success(request, _("Your organisation's vote is saved."))
    return redirect("coalition_requirement", slug=slug, pk=pk)


@login_required
@require_POST
def requirement_comment(request, slug, pk):
    coalition, requirement = _requirement(request, slug, pk)
    organization = _acting(request, coalition)
    if report(
        request,
        lambda: requirements.comment(
            requirement,
            organization=organization,
            user=request.user,
            text=request.POST.get("text", ""),
        ),
    ):
        messages.success(request, _("Comment posted."))
    return redirect("coalition_requirement", slug=slug, pk=pk)


@login_required
@require_POST
def requirement_delete(request, slug, pk):
    coalition, requirement = _requirement(request, slug, pk)
    coordinator_only(request.user, coalition)
    if report(request, lambda: requirements.delete_requirement(requirement, user=request.user)):
        messages.success(request, _("Requirement deleted."))
    return redirect("coalition_requirements", slug=slug)


@login_required
@require_safe
def vendor_answers(request, slug):
    coalition = member_coalition(request.user, slug)
    context = member_context(request.user, coalition, "vendors")
    vendor_requests, rows = rfi.answer_matrix(coalition)
    context.update(
        vendor_requests=vendor_requests,
        rows=rows,
        form=VendorInviteForm() if context["coordinator"] else None,
    )
    return render(request, "coalitions/vendor_answers.html", context)


@login_required
@require_POST
def vendor_invite(request, slug):
    coalition = member_coalition(request.user, slug)
    coordinator_only(request.user, coalition)
    form = VendorInviteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif report(
        request,
        lambda: rfi.invite_vendor(coalition, form.cleaned_data["vendor"], user=request.user),
    ):
        messages.success(request, _("The vendor is asked to answer the requirements."))
    return redirect("coalition_vendors", slug=slug)


@login_required
def document_list(request, slug):
    coalition = member_coalition(request.user, slug)
    context = member_context(request.user, coalition, "documents")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        organization = _acting(request, coalition)
        if form.is_valid() and report(
            request,
            lambda: workspace.add_document_version(
                coalition,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                user=request.user,
                organization=organization,
            ),
        ):
            messages.success(request, _("Document uploaded."))
            return redirect("coalition_documents", slug=slug)
    context.update(documents=workspace.documents(coalition), form=form)
    return render(request, "coalitions/documents.html", context)


@login_required
@require_safe
def document_download(request, slug, pk):
    coalition = member_coalition(request.user, slug)
    version = get_object_or_404(DocumentVersion, pk=pk, document__coalition=coalition)
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.original_name)


@login_required
def discussion(request, slug):
    coalition = member_coalition(request.user, slug)
    context = member_context(request.user, coalition, "discussion")
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        organization = _acting(request, coalition)
        if form.is_valid() and report(
            request,
            lambda: workspace.post_message(
                coalition,
                organization=organization,
                user=request.user,
                text=form.cleaned_data["text"],
            ),
        ):
            return redirect("coalition_discussion", slug=slug)
    context.update(
        posts=coalition.messages.select_related("organization", "author"),
        form=MessageForm() if request.method != "POST" else form,
    )
    return render(request, "coalitions/discussion.html", context)


@login_required
def competition_checklist(request, slug):
    coalition = member_coalition(request.user, slug)
    context = member_context(request.user, coalition, "checklist")
    if request.method == "POST":
        coordinator_only(request.user, coalition)
        try:
            for item in request.POST.getlist("item"):
                checklist.confirm(
                    coalition, item, user=request.user, note=request.POST.get(f"note-{item}", "")
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Checklist saved."))
        return redirect("coalition_checklist", slug=slug)
    context.update(items=checklist.status(coalition), complete=checklist.is_complete(coalition))
    return render(request, "coalitions/checklist.html", context)
