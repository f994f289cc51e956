"""Pages of a care provider's AI register. Members read it, editors keep it; others
get 403 on the register and 404 on an application, so its existence is not revealed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from airegister import sharing
from airegister.access import (
    CHANGE,
    DELETE,
    application_for,
    editable_organizations,
    may_see_register,
    register_organizations,
    visible_applications,
)
from airegister.forms import ApplicationForm, ImportForm
from airegister.importing import import_register
from airegister.models import AIApplication
from airegister.services import create_application, delete_application, update_application
from contracts.importing.reading import ImportFileError, check_size
from portal.access_log import Kind, log_read
from portal.audit import Actor
from portal.permissions import has_perm

# query parameter -> (model field, choices)
FILTERS = {
    "fase": ("phase", AIApplication.Phase),
    "risico": ("risk_class", AIApplication.RiskClass),
    "herkomst": ("origin", AIApplication.Origin),
}
OVERDUE = "achterstallig"


def _filtered(request, applications):
    chosen = {}
    for param, (field, choices) in FILTERS.items():
        value = request.GET.get(param, "")
        if value in choices.values:
            applications = applications.filter(**{field: value})
            chosen[param] = value
    if request.GET.get(OVERDUE):
        applications = applications.review_overdue()
        chosen[OVERDUE] = "1"
    return applications, chosen


def _phase_counts(applications):
    counted = dict(applications.order_by().values_list("phase").annotate(n=Count("pk")))
    return [(value, label, counted.get(value, 0)) for value, label in AIApplication.Phase.choices]


@login_required
@require_safe
def register(request):
    if not may_see_register(request.user):
        raise PermissionDenied
    applications = visible_applications(request.user).select_related("organization")
    shown, chosen = _filtered(request, applications)
    page = Paginator(shown.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "airegister/register.html",
        {
            "page": page,
            "phase_counts": _phase_counts(applications),
            "filters": [
                (param, _label(param), choices.choices, chosen.get(param, ""))
                for param, (_field, choices) in FILTERS.items()
            ],
            "overdue": OVERDUE in chosen,
            "editable": editable_organizations(request.user).exists(),
            "several": register_organizations(request.user).count() > 1,
        },
    )


def _label(param):
    return {"fase": _("Phase"), "risico": _("Risk class"), "herkomst": _("Origin")}[param]


@login_required
@require_safe
def detail(request, pk):
    application = application_for(request.user, pk)
    log_read(request, application.organization, Kind.AI_REGISTER, application.name)
    return render(
        request,
        "airegister/detail.html",
        {
            "application": application,
            "partners": application.partners.order_by("name"),
            "interests": application.interests.select_related("organization"),
            "may_start_coalition": sharing.may_start_coalition(application),
            "min_interest": sharing.min_interest(),
            "can_change": has_perm(request.user, CHANGE, application),
            "can_delete": has_perm(request.user, DELETE, application),
        },
    )


def _show_service_errors(form, err):
    for field, messages_ in err.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def _editor_organization(request):
    organizations = editable_organizations(request.user)
    slug = request.GET.get("organisatie") or request.POST.get("organisatie")
    organization = (organizations.filter(slug=slug) if slug else organizations).first()
    if organization is None:
        raise Http404
    return organization, organizations


@login_required
def create(request):
    organization, organizations = _editor_organization(request)
    form = ApplicationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            application = create_application(
                organization=organization,
                actor=Actor.of_user(request.user),
                partners=form.cleaned_data["partners"],
                **form.application_fields(),
            )
        except ValidationError as err:
            _show_service_errors(form, err)
        else:
            messages.success(request, _("%s added to the AI register.") % application.name)
            return redirect(application)
    return render(
        request,
        "airegister/form.html",
        {
            "form": form,
            "organization": organization,
            "organizations": organizations,
            "creating": True,
        },
    )


@login_required
def update(request, pk):
    application = application_for(request.user, pk, CHANGE)
    form = ApplicationForm(
        request.POST or None, instance=application, organization=application.organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                update_application(
                    application=AIApplication.objects.select_for_update().get(pk=application.pk),
                    actor=Actor.of_user(request.user),
                    partners=list(form.cleaned_data["partners"]),
                    **form.application_fields(),
                )
        except ValidationError as err:
            _show_service_errors(form, err)
        else:
            messages.success(request, _("%s saved.") % application.name)
            return redirect("ai_application_detail", pk=application.pk)
    return render(
        request,
        "airegister/form.html",
        {"form": form, "organization": application.organization, "application": application},
    )


@login_required
@require_POST
def delete(request, pk):
    application = application_for(request.user, pk, DELETE)
    name = application.name
    delete_application(application=application, actor=Actor.of_user(request.user))
    messages.success(request, _("%s removed from the AI register.") % name)
    return redirect("ai_register")


@login_required
def import_upload(request):
    organization, organizations = _editor_organization(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)
            result = import_register(
                organization=organization,
                data=upload.read(),
                filename=upload.name,
                actor=Actor.of_user(request.user),
            )
        except ImportFileError as err:
            form.add_error("file", str(err))
        else:
            if not result.errors:
                messages.success(
                    request,
                    _("Imported: %(created)s added, %(updated)s changed.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("ai_register")
    return render(
        request,
        "airegister/import.html",
        {
            "form": form,
            "result": result,
            "organization": organization,
            "organizations": organizations,
        },
    )
