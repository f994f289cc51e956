from django.urls import path

from coalitions.views import matchmaking, pages, vendor, work
from portal import converters  # noqa: F401 - registers <sheet:...>

urlpatterns = [
    path("coalities/", pages.coalition_list, name="coalition_list"),
    path("coalities/nieuw/", pages.coalition_create, name="coalition_create"),
    path("coalities/<slug:slug>/", pages.coalition_detail, name="coalition_detail"),
    path("coalities/<slug:slug>/fase/", pages.coalition_advance, name="coalition_advance"),
    path("coalities/<slug:slug>/uitnodigen/", pages.coalition_invite, name="coalition_invite"),
    path("coalities/<slug:slug>/deelnemen/", pages.coalition_request, name="coalition_request"),
    # Before the member actions: "volume" would match their <slug:action>.
    path(
        "coalities/<slug:slug>/leden/<int:pk>/volume/",
        pages.membership_volume,
        name="coalition_member_volume",
    ),
    path(
        "coalities/<slug:slug>/leden/<int:pk>/<slug:action>/",
        pages.membership_action,
        name="coalition_member_action",
    ),
    path("coalities/<slug:slug>/eisen/", work.requirement_list, name="coalition_requirements"),
    path(
        "coalities/<slug:slug>/eisen.<sheet:fmt>",
        work.requirement_export,
        name="coalition_requirements_export",
    ),
    path(
        "coalities/<slug:slug>/eisen/afdrukken/",
        work.requirement_print,
        name="coalition_requirements_print",
    ),
    path(
        "coalities/<slug:slug>/eisen/<int:pk>/",
        work.requirement_detail,
        name="coalition_requirement",
    ),
    path(
        "coalities/<slug:slug>/eisen/<int:pk>/stemmen/",
        work.requirement_vote,
        name="coalition_requirement_vote",
    ),
    path(
        "coalities/<slug:slug>/eisen/<int:pk>/reageren/",
        work.requirement_comment,
        name="coalition_requirement_comment",
    ),
    path(
        "coalities/<slug:slug>/eisen/<int:pk>/verwijderen/",
        work.requirement_delete,
        name="coalition_requirement_delete",
    ),
    path("coalities/<slug:slug>/leveranciers/", work.vendor_answers, name="coalition_vendors"),
    path(
        "coalities/<slug:slug>/leveranciers/uitnodigen/",
        work.vendor_invite,
        name="coalition_vendor_invite",
    ),
    path("coalities/<slug:slug>/documenten/", work.document_list, name="coalition_documents"),
    path(
        "coalities/<slug:slug>/documenten/<int:pk>/",
        work.document_download,
        name="coalition_document_download",
    ),
    path("coalities/<slug:slug>/discussie/", work.discussion, name="coalition_discussion"),
    path(
        "coalities/<slug:slug>/mededingingstoets/",
        work.competition_checklist,
        name="coalition_checklist",
    ),
    path("leverancier/uitvragen/", vendor.request_list, name="vendor_requests"),
    path("leverancier/uitvragen/<int:pk>/", vendor.request_answer, name="vendor_request_answer"),
    path(
        "contracten/<int:pk>/partners/",
        matchmaking.contract_partners,
        name="contract_partners",
    ),
    path(
        "organisaties/<slug:slug>/instellingen/",
        matchmaking.organization_settings,
        name="organization_settings",
    ),
]
