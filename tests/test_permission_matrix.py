"""Every named URL of the portal, visited (GET) as every role, against the expected
status, and sent POST, PUT, PATCH and DELETE by every role that may not change anything
there (refused, and the database unchanged); a read-only URL answers those with 405. A URL
without an entry here fails the test: decide who may see it and who may change through it
first."""

import pytest
from django.contrib.auth.models import Group
from django.urls import get_resolver, reverse

from airegister.tests.factories import application
from contracts.imports import store_upload
from contracts.tests.factories import ContractFactory
from portal.models import Membership, Organization
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
Role = Membership.Role

ROLES = [
    "anonymous",
    "procurement_a",
    "admin_a",
    "viewer_a",
    "procurement_b",
    "coordinator",
    "policy_analyst",
    "vendor_representative",
    "editor",
    "superuser",
]
MEMBERS_A = {"procurement_a", "admin_a", "viewer_a"}
EDITORS_A = {"procurement_a", "admin_a"}
ANY_EDITOR = EDITORS_A | {"procurement_b"}
CARE_PROVIDERS = MEMBERS_A | {"procurement_b"}
COALITION_B = {"procurement_b"}  # org-b's private coalition "geheim"
MONITOR = {"policy_analyst", "superuser"}


def api_policy_only(allowed_status):
    return {
        **only(set(), denied=403, anonymous=API_ANONYMOUS),
        **dict.fromkeys(MONITOR, allowed_status),
    }


SEARCH = {200, 503}  # 503 when no engine is reachable; search permissions: search/tests
LOGIN = 302  # anonymous visitors of a members' page go to the log-in page
API_ANONYMOUS = 401


def only(allowed, *, denied=404, anonymous=LOGIN):
    """200 for the roles in ``allowed``, ``denied`` for the other logged-in roles."""
    return {
        role: (200 if role in allowed else anonymous if role == "anonymous" else denied)
        for role in ROLES
    }


def everyone(status=200):
    return dict.fromkeys(ROLES, status)


API_POST_ONLY = everyone(405)  # DRF answers a method a route lacks before it authenticates


# url name -> (reverse kwargs factory, {role: expected status or set of statuses})
def matrix(world):
    contract, contract_import = world["contract"], world["import"]
    requirement = {"slug": "geheim", "pk": world["requirement"].pk}
    product = world["product"]
    return {
        "healthz": ({}, everyone(200)),
        "search": ({}, everyone(SEARCH)),
        "search_autocomplete": ({}, everyone(SEARCH)),
        "login": ({}, everyone(200)),
        "logout": ({}, everyone(405)),  # POST only
        # every log-in manages its own password and second factor; nobody another's
        "account": ({}, only(set(ROLES) - {"anonymous"})),
        "password_change": ({}, only(set(ROLES) - {"anonymous"})),
        "password_change_done": ({}, only(set(ROLES) - {"anonymous"})),
        "password_reset": ({}, everyone()),
        "password_reset_done": ({}, everyone()),
        "password_reset_confirm": ({"uidb64": "MQ", "token": "set-password"}, everyone()),
        "password_reset_complete": ({}, everyone()),
        "two_factor_setup": ({}, only(set(ROLES) - {"anonymous"})),
        # already verified, or nothing to verify yet (then: set up): onwards
        "two_factor_verify": ({}, everyone(302)),
        "two_factor_backup_codes": ({}, only(set(), denied=405)),
        "two_factor_switch_off": ({}, only(set(), denied=405)),
        "set_language": ({}, everyone({200, 302})),  # POST sets it; GET goes back
        "switch_language": ({"code": "en"}, everyone(302)),  # the header's link
        "start": ({}, only(set(ROLES) - {"anonymous"})),  # panels by role: portal/tests
        "organization_list": ({}, everyone()),
        "organization_detail": ({"slug": "org-a"}, everyone()),
        "vendor_list": ({}, everyone()),
        "vendor_detail": ({"slug": product.vendor.slug}, everyone()),
        "product_list": ({}, everyone()),
        "product_detail": ({"slug": product.slug}, everyone()),
        "category_list": ({}, everyone()),
        "standard_list": ({}, everyone()),
        "contract_list": ({}, only(set(ROLES) - {"anonymous"})),
        "contract_create": ({}, only(ANY_EDITOR)),
        "contract_detail": ({"pk": contract.pk}, only(MEMBERS_A)),
        "contract_update": ({"pk": contract.pk}, only(EDITORS_A)),
        # POST only, whoever asks (so GET reveals nothing); POST rights: contracts/tests
        "contract_delete": ({"pk": contract.pk}, only(set(), denied=405)),
        "contract_import": ({}, only(ANY_EDITOR)),
        "contract_import_detail": ({"pk": contract_import.pk}, only(EDITORS_A)),
        "contract_import_progress": ({"pk": contract_import.pk}, only(EDITORS_A)),
        "contract_template": ({"fmt": "csv"}, only(ANY_EDITOR)),
        "contract_export": ({"fmt": "csv"}, only(MEMBERS_A | {"procurement_b"})),
        "renewal_radar": ({}, only(set(ROLES) - {"anonymous"})),
        "renewal_calendar": ({}, only(set(ROLES) - {"anonymous"})),
        "contract_audit": ({"slug": "org-a"}, only({"admin_a"})),
        "access_log": ({"slug": "org-a"}, only({"admin_a"})),
        "organisation_data": ({"slug": "org-a"}, only({"admin_a"})),
        "organisation_data_export": ({"slug": "org-a"}, only({"admin_a"})),
        "api_tokens": ({"slug": "org-a"}, only({"admin_a"})),
        "api_token_revoke": ({"slug": "org-a", "pk": 1}, only(set(), denied=405)),
        "coalition_list": ({}, everyone()),
        # coalition coordinators (here of a user association) act in coalitions too
        "coalition_create": ({}, only(ANY_EDITOR | {"coordinator"})),
        # a private coalition of org-b: only its members see it (404 for everyone else)
        "coalition_detail": (
            {"slug": "geheim"},
            only({"procurement_b"}, denied=404, anonymous=404),
        ),
        "coalition_advance": ({"slug": "geheim"}, only(set(), denied=405)),
        "coalition_invite": ({"slug": "geheim"}, only(set(), denied=405)),
        "coalition_request": ({"slug": "geheim"}, only(set(), denied=405)),
        "coalition_member_action": (
            {"slug": "geheim", "pk": 1, "action": "vertrekken"},
            only(set(), denied=405),
        ),
        "coalition_member_volume": ({"slug": "geheim", "pk": 1}, only(set(), denied=405)),
        # the private coalition's members' pages: org-b only; 404 for everyone else
        "coalition_requirements": ({"slug": "geheim"}, only(COALITION_B)),
        "coalition_requirements_export": ({"slug": "geheim", "fmt": "xlsx"}, only(COALITION_B)),
        "coalition_requirements_print": ({"slug": "geheim"}, only(COALITION_B)),
        "coalition_requirement": (
            {"slug": "geheim", "pk": world["requirement"].pk},
            only(COALITION_B),
        ),
        "coalition_requirement_vote": (requirement, only(set(), denied=405)),
        "coalition_requirement_comment": (requirement, only(set(), denied=405)),
        "coalition_requirement_delete": (requirement, only(set(), denied=405)),
        "coalition_vendors": ({"slug": "geheim"}, only(COALITION_B)),
        "coalition_vendor_invite": ({"slug": "geheim"}, only(set(), denied=405)),
        "coalition_documents": ({"slug": "geheim"}, only(COALITION_B)),
        "coalition_document_download": (
            {"slug": "geheim", "pk": world["document"].pk},
            only(COALITION_B),
        ),
        "coalition_discussion": ({"slug": "geheim"}, only(COALITION_B)),
        "coalition_checklist": ({"slug": "geheim"}, only(COALITION_B)),
        # the request to the representative's own vendor; who else: coalitions/tests
        "vendor_requests": ({}, only({"vendor_representative"}, denied=403)),
        "vendor_request_answer": (
            {"pk": world["vendor_request"].pk},
            only({"vendor_representative"}, denied=403),
        ),
        "contract_partners": ({"pk": contract.pk}, only(MEMBERS_A)),
        # the AI register: members of care providers read their own, editors keep it
        "ai_register": ({}, only(CARE_PROVIDERS, denied=403)),
        "ai_application_create": ({}, only(ANY_EDITOR)),
        "ai_application_detail": ({"pk": world["ai_application"].pk}, only(MEMBERS_A)),
        "ai_application_update": ({"pk": world["ai_application"].pk}, only(EDITORS_A)),
        # POST only (GET reveals nothing); who may POST: airegister/tests
        "ai_application_delete": ({"pk": world["ai_application"].pk}, only(set(), denied=405)),
        # the AI Act overview: the register's editors (airegister/exporting.py says why)
        "ai_register_export": ({"fmt": "csv"}, only(ANY_EDITOR)),
        "ai_register_import": ({}, only(ANY_EDITOR)),
        # scale up together: care providers' members find what others share
        "ai_shared_list": ({}, only(CARE_PROVIDERS, denied=403)),
        "ai_shared_detail": ({"pk": world["ai_shared"].pk}, only(CARE_PROVIDERS)),
        # POST only (GET reveals nothing); who may POST: airegister/tests/test_sharing.py
        "ai_interest_express": ({"pk": world["ai_shared"].pk}, only(set(), denied=405)),
        "ai_interest_withdraw": ({"pk": world["ai_shared"].pk}, only(set(), denied=405)),
        "ai_application_share": ({"pk": world["ai_application"].pk}, only(set(), denied=405)),
        "ai_coalition_start": ({"pk": world["ai_application"].pk}, only(EDITORS_A)),
        # the AI monitor: released aggregates under the disclosure rules, for anyone
        "ai_monitor": ({}, everyone()),
        "api_ai_monitor": ({}, everyone()),
        "organization_settings": ({"slug": "org-a"}, only({"admin_a"})),
        "price_explorer": ({}, only(CARE_PROVIDERS | {"policy_analyst"}, denied=403)),
        # org-b has shared nothing yet: give to get (404: no figures to export)
        "price_explorer_export": (
            {"fmt": "csv"},
            {**only(MEMBERS_A | {"policy_analyst"}, denied=403), "procurement_b": 404},
        ),
        "price_standing": ({}, only(CARE_PROVIDERS, denied=403)),
        "price_standing_export": ({"fmt": "xlsx"}, only(CARE_PROVIDERS, denied=403)),
        # the market monitor: policy analysts and site administrators only
        "market_dashboard": ({}, only(MONITOR, denied=403)),
        "market_report": ({}, only(MONITOR, denied=403)),
        "market_export": ({"fmt": "csv"}, only(MONITOR, denied=403)),
        # concentration by customers is public (400: the query lacks its category)
        "api_market_concentration": ({}, everyone(400)),
        "api_market_dynamics": ({}, api_policy_only(400)),
        "api_market_lock_in": ({}, api_policy_only(400)),
        "api_market_spending": ({}, api_policy_only(200)),
        "price_methodology": ({}, everyone()),
        "scoring_methodology": ({}, everyone()),
        "compare": ({}, everyone()),
        "certificate_document": ({"pk": 1}, everyone(404)),  # no certificate in this world
        "claim_review": ({"slug": product.slug, "pk": 1}, only(set(), denied=405)),
        "vendor_self_service": ({}, only({"vendor_representative"}, denied=403)),
        "vendor_product_edit": (
            {"slug": world["own_product"].slug},
            only({"vendor_representative"}, denied=403),
        ),
        # POST only (GET reveals nothing); who may POST: vendors/tests/test_selfservice.py
        "vendor_reply": ({}, only(set(), denied=405)),
        "vendor_sign_code": ({}, only(set(), denied=405)),
        "vendor_claim_add": ({"slug": world["own_product"].slug}, only(set(), denied=405)),
        "vendor_claim_remove": (
            {"slug": world["own_product"].slug, "pk": 1},
            only(set(), denied=405),
        ),
        "vendor_statement_add": ({"slug": world["own_product"].slug}, only(set(), denied=405)),
        "vendor_certificate_add": (
            {"slug": world["own_product"].slug},
            only(set(), denied=405),
        ),
        "api_benchmarks": (
            {},
            {
                **only(set(), denied=403, anonymous=API_ANONYMOUS),
                # allowed, but the query lacks its category
                **dict.fromkeys(CARE_PROVIDERS | {"policy_analyst"}, 400),
            },
        ),
        # POST only; who may POST: vendors/tests/test_api.py
        "api_capability_statement_upload": (
            {"slug": world["own_product"].slug},
            {**only(set(), denied=405, anonymous=API_ANONYMOUS)},
        ),
        "api_claim_create": (
            {"slug": world["own_product"].slug},
            {**only(set(), denied=405, anonymous=API_ANONYMOUS)},
        ),
        "api_reply_create": ({}, {**only(set(), denied=405, anonymous=API_ANONYMOUS)}),
        "api_vendor_requests": (
            {},
            only({"vendor_representative"}, denied=403, anonymous=API_ANONYMOUS),
        ),
        "api_vendor_request_answers": (
            {"pk": world["vendor_request"].pk},
            only(set(), denied=405, anonymous=API_ANONYMOUS),
        ),
        "coalition-list": ({}, everyone()),
        "coalition-detail": ({"slug": "geheim"}, only(COALITION_B, anonymous=404)),
        "coalition-members": ({"slug": "geheim"}, only(COALITION_B, anonymous=404)),
        "coalition-requirements": ({"slug": "geheim"}, only(COALITION_B, anonymous=404)),
        "coalition-vendor-answers": ({"slug": "geheim"}, only(COALITION_B, anonymous=404)),
        "coalition-demand": ({"slug": "geheim"}, only(COALITION_B, anonymous=404)),
        # membership writes: POST only
        "coalition-invitations": ({"slug": "geheim"}, API_POST_ONLY),
        "coalition-join-requests": ({"slug": "geheim"}, API_POST_ONLY),
        "coalition-member-decision": (
            {"slug": "geheim", "organization": "org-b", "decision": "leave"},
            API_POST_ONLY,
        ),
        "api_search": ({}, everyone(SEARCH)),
        "api-root": ({}, everyone()),
        "vendor-list": ({}, everyone()),
        "vendor-detail": ({"slug": product.vendor.slug}, everyone()),
        "product-list": ({}, everyone()),
        "product-detail": ({"slug": product.slug}, everyone()),
        "category-list": ({}, everyone()),
        "category-detail": ({"slug": product.category.slug}, everyone()),
        "standard-list": ({}, everyone()),
        "standard-detail": ({"code": "hl7-fhir-r4"}, everyone()),
        "contract-list": ({}, only(set(ROLES) - {"anonymous"}, anonymous=API_ANONYMOUS)),
        "contract-detail": ({"pk": contract.pk}, only(MEMBERS_A, anonymous=API_ANONYMOUS)),
        "ai-application-list": ({}, only(set(ROLES) - {"anonymous"}, anonymous=API_ANONYMOUS)),
        "ai-application-detail": (
            {"pk": world["ai_application"].pk},
            only(MEMBERS_A, anonymous=API_ANONYMOUS),
        ),
        "ai-application-shared-list": (
            {},
            only(CARE_PROVIDERS, denied=403, anonymous=API_ANONYMOUS),
        ),
        "ai-application-shared-detail": (
            {"pk": world["ai_shared"].pk},
            only(CARE_PROVIDERS, denied=403, anonymous=API_ANONYMOUS),
        ),
        # POST (express) and DELETE (withdraw) only
        "ai-application-shared-interest": (
            {"pk": world["ai_shared"].pk},
            {**everyone(405), "anonymous": API_ANONYMOUS},
        ),
        "api_schema": ({}, everyone()),
        "api_docs": ({}, everyone()),
        "wagtail_serve": ({"args": [""]}, everyone()),
    }


# Wagtail's own helper views, tested by Wagtail.
NOT_OURS = {"wagtailcore_authenticate_with_password", "wagtailcore_login"}


def named_urls():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if str(pattern.pattern).startswith(("cms/", "documents/")):
                    continue  # the CMS checks its own permissions (tests/test_cms.py)
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif pattern.name:
                yield pattern.name

    return set(walk(get_resolver().url_patterns)) - NOT_OURS


@pytest.fixture
def world(reference_data):
    org_a = OrganizationFactory(slug="org-a")
    org_b = OrganizationFactory(slug="org-b")
    product = ProductFactory()
    contract = ContractFactory(organization=org_a, reference="GEHEIM-A")
    rep = UserFactory(username="rep")
    add_vendor_representative(vendor=contract.vendor, user=rep)
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    users = {
        "procurement_a": member(org_a, Role.PROCUREMENT_SPECIALIST),
        "admin_a": member(org_a, Role.ORGANIZATION_ADMIN),
        "viewer_a": member(org_a, Role.VIEWER),
        "procurement_b": member(org_b, Role.PROCUREMENT_SPECIALIST),
        "coordinator": member(
            OrganizationFactory(type=Organization.Type.USER_ASSOCIATION, sector=""),
            Role.COALITION_COORDINATOR,
        ),
        "policy_analyst": member(
            OrganizationFactory(type=Organization.Type.POLICY_BODY, sector=""), Role.POLICY_ANALYST
        ),
        "vendor_representative": rep,
        "editor": editor,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    contract_import = store_upload(
        organization=org_a, user=users["procurement_a"], name="a.csv", data=b"kenmerk\n"
    )
    return {
        "contract": contract,
        "users": users,
        "product": product,
        "own_product": ProductFactory(vendor=contract.vendor),
        "import": contract_import,
        "ai_application": application(org_a, name="Geheime AI-toepassing"),
        "ai_shared": application(org_a, name="Gedeelde AI-toepassing", shared=True),
        **private_coalition(org_b, users["procurement_b"], product.category, contract.vendor),
    }


def private_coalition(organization, user, category, vendor):
    """A private coalition of ``organization`` with a requirement, a document and a
    request to ``vendor`` (the vendor representative's own)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coalitions import requirements, rfi, services, workspace
    from coalitions.models import Coalition

    coalition = services.create_coalition(
        coordinator=organization,
        user=user,
        categories=[category],
        name="Geheime coalitie",
        slug="geheim",
        goal="Besloten",
        type=Coalition.Type.JOINT_PURCHASING,
        visibility=Coalition.Visibility.PRIVATE,
    )
    services.advance(coalition, Coalition.Stage.REQUIREMENTS, user=user)
    requirement = requirements.add_requirement(
        coalition, organization=organization, text="Exitplan", priority="must"
    )
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    version = workspace.add_document_version(
        coalition, title="Plan", upload=upload, user=user, organization=organization
    )
    return {
        "requirement": requirement,
        "document": version,
        "vendor_request": rfi.invite_vendor(coalition, vendor, user=user),
    }


def test_every_url_has_an_entry(world):
    assert named_urls() - set(matrix(world)) == set()


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    failures = []
    for name, (kwargs, expected) in matrix(world).items():
        kwargs = dict(kwargs)
        url = reverse(name, args=kwargs.pop("args", None), kwargs=kwargs or None)
        if name == "contract_export":
            url += "?organisatie=org-a" if role != "procurement_b" else "?organisatie=org-b"
        status = client.get(url).status_code
        wanted = expected[role]
        if status not in (wanted if isinstance(wanted, set) else {wanted}):
            failures.append(f"{name} ({url}): {status}, expected {wanted}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"anonymous"}))
def test_lists_calendars_and_exports_show_only_own_contracts(client, world, role):
    client.force_login(world["users"][role])
    for url in (
        reverse("contract_list"),
        reverse("renewal_radar"),
        reverse("renewal_calendar"),
        "/api/v1/contracts/",
    ):
        body = client.get(url).content.decode()
        assert ("GEHEIM-A" in body) is (role in MEMBERS_A), (url, role)
    export = client.get(reverse("contract_export", args=["csv"]) + "?organisatie=org-a")
    assert (b"GEHEIM-A" in export.content) is (role in MEMBERS_A)


# What a log-in that has passed only the password may still reach (portal.two_factor).
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "set_language",
    "switch_language",
    "healthz",
    "two_factor_setup",
    "two_factor_verify",
}


@pytest.mark.parametrize("role", ["admin_a", "editor", "superuser"])
def test_a_password_alone_opens_nothing_for_roles_that_need_a_second_factor(client, world, role):
    username = world["users"][role].username
    logged_in = client.post(reverse("login"), {"username": username, "password": "secret-password"})
    assert logged_in.status_code == 302
    setup = reverse("two_factor_setup")
    failures = []
    for name, (kwargs, _expected) in matrix(world).items():
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        kwargs = dict(kwargs)
        url = reverse(name, args=kwargs.pop("args", None), kwargs=kwargs or None)
        response = client.get(url)
        held = (
            response.status_code == 403
            if url.startswith("/api/")
            else response.status_code == 302 and response.url.startswith(setup)
        )
        if not held:
            failures.append(f"{name} ({url}): {response.status_code}")
    assert not failures, "\n".join(failures)


# --- State-changing methods -------------------------------------------------------
# Every URL of the matrix above (so every named URL of the URLconf, API operations
# included) gets POST, PUT, PATCH and DELETE from every role. Who may change something
# through which URL and method is listed here; everyone else must be refused (403, 404
# or 405; anonymous visitors of pages may be sent to the log-in page, of the API get
# 401) and nothing in the database may change. A new URL is refused for everyone until
# it is listed. Whether the allowed roles' writes work: the apps' own tests.
WRITE_METHODS = ("post", "put", "patch", "delete")
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}


def writes(roles, methods=("post",)):
    return dict.fromkeys(methods, frozenset(roles))


ALL = WRITE_METHODS
VENDOR = {"vendor_representative"}
ALLOWED_WRITES = {
    # log-in, log-out, language and password reset are for everyone (Django's form views
    # take PUT as POST); each log-in manages its own password and second factor
    "login": writes(EVERYONE, ALL),
    "logout": writes(EVERYONE),
    "set_language": writes(EVERYONE, ALL),
    "password_reset": writes(EVERYONE, ALL),
    "password_reset_confirm": writes(EVERYONE, ALL),
    "password_change": writes(LOGGED_IN, ALL),
    "two_factor_setup": writes(LOGGED_IN, ALL),
    "two_factor_verify": writes(LOGGED_IN, ALL),
    "two_factor_backup_codes": writes(LOGGED_IN),
    "two_factor_switch_off": writes(LOGGED_IN),
    # contracts: procurement specialists and organisation admins of the owner
    "contract_create": writes(ANY_EDITOR),
    "contract_update": writes(EDITORS_A),
    "contract_delete": writes(EDITORS_A),
    "contract_import": writes(ANY_EDITOR),
    "contract-list": writes(ANY_EDITOR),
    "contract-detail": writes(EDITORS_A, ("put", "patch", "delete")),
    # the AI register: procurement specialists and organisation admins of the owner
    "ai_application_create": writes(ANY_EDITOR),
    "ai_application_update": writes(EDITORS_A),
    "ai_application_delete": writes(EDITORS_A),
    "ai_register_import": writes(ANY_EDITOR),
    "ai-application-list": writes(ANY_EDITOR),
    "ai-application-detail": writes(EDITORS_A, ("put", "patch", "delete")),
    "ai_application_share": writes(EDITORS_A),
    "ai_coalition_start": writes(EDITORS_A),
    # another care provider's editors express and withdraw interest in org-a's shared one
    "ai_interest_express": writes({"procurement_b"}),
    "ai_interest_withdraw": writes({"procurement_b"}),
    "ai-application-shared-interest": writes({"procurement_b"}, ("post", "delete")),
    # organisation admins
    "organization_settings": writes({"admin_a"}),
    "organisation_data": writes({"admin_a"}),
    "api_tokens": writes({"admin_a"}),
    "api_token_revoke": writes({"admin_a"}),
    # coalitions: org-b coordinates the private coalition; coordinators start new ones
    "coalition_create": writes(ANY_EDITOR | {"coordinator"}),
    **{
        name: writes(COALITION_B)
        for name in (
            "coalition_advance",
            "coalition_invite",
            "coalition_member_action",
            "coalition_member_volume",
            "coalition_requirements",
            "coalition_requirement",
            "coalition_requirement_vote",
            "coalition_requirement_comment",
            "coalition_requirement_delete",
            "coalition_vendor_invite",
            "coalition_documents",
            "coalition_discussion",
            "coalition_checklist",
            "coalition-requirements",
            "coalition-invitations",
            "coalition-member-decision",  # leaving: refused, org-b coordinates alone
        )
    },
    # a private coalition takes no requests to join, not even from its members
    "coalition-join-requests": writes(set()),
    # the vendor representative, for the own vendor and products
    **{
        name: writes(VENDOR)
        for name in (
            "vendor_self_service",
            "vendor_reply",
            "vendor_sign_code",
            "vendor_product_edit",
            "vendor_claim_add",
            "vendor_statement_add",
            "vendor_certificate_add",
            "vendor_request_answer",
            "api_capability_statement_upload",
            "api_claim_create",
            "api_reply_create",
            "api_vendor_request_answers",
        )
    },
}

# Wagtail serves its pages, and their methods, itself (tests/test_cms.py and Wagtail's).
SERVED_BY_WAGTAIL = {"wagtail_serve"}

REFUSED = {403, 404, 405}
REFUSED_ANONYMOUS_PAGE = REFUSED | {302}
REFUSED_ANONYMOUS_API = REFUSED | {401}

# Tables that a refused request may still touch: the session and its log-in records,
# reads logged by the access log and the audit trail (exports), django-axes' counters,
# and what a first GET makes too (the current scoring method, a CMS user's profile).
NOT_STATE = {
    "django_session",
    "contracts_accesslogentry",
    "contracts_contractauditevent",
    "vendors_scoringmethod",
    "wagtailusers_userprofile",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattemptexpiration",
}


def database_state():
    from django.apps import apps

    state = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in NOT_STATE or model._meta.proxy or not model._meta.managed:
            continue
        state[table] = list(model._base_manager.order_by("pk").values_list())
    return state


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after[table])


@pytest.mark.parametrize("role", ROLES)
def test_no_role_changes_what_it_may_not_through_any_url_and_method(client, world, role):
    failures = []
    for name, (kwargs, expected) in matrix(world).items():
        if role != "anonymous":
            client.force_login(world["users"][role])  # whatever the last request did
        kwargs = dict(kwargs)
        url = reverse(name, args=kwargs.pop("args", None), kwargs=kwargs or None)
        if name == "contract_export":
            url += "?organisatie=org-a" if role != "procurement_b" else "?organisatie=org-b"
        allowed = ALLOWED_WRITES.get(name, {})
        methods = [m for m in WRITE_METHODS if role not in allowed.get(m, ())]
        if not methods:
            continue
        if role == "anonymous":
            refused = REFUSED_ANONYMOUS_API if url.startswith("/api/") else REFUSED_ANONYMOUS_PAGE
        else:
            refused = REFUSED
        if url.startswith("/api/"):
            refused = refused | {400}  # an empty body fails validation; nothing is saved
        if name in ALLOWED_WRITES or name in SERVED_BY_WAGTAIL:
            # A form view (or a Wagtail page) answers a role that may read it but not
            # write through it as a GET would (an empty form: 200, nothing changes;
            # asserted below). Read-only URLs answer 405 instead
            # (test_read_only_urls_answer_writes_with_405).
            may_read = expected[role]
            refused = refused | (may_read if isinstance(may_read, set) else {may_read})
        before = database_state()
        statuses = {}
        for method in methods:
            statuses[method] = getattr(client, method)(url).status_code
        bad = {m: s for m, s in statuses.items() if s not in refused}
        changed = changed_tables(before, database_state())
        if bad or changed:
            failures.append(f"{name} ({url}): {bad or statuses} changed {changed}")
    assert not failures, "\n".join(failures)


# --- Read-only URLs ----------------------------------------------------------------
# A URL through which nobody may change anything (no entry in ALLOWED_WRITES) and that
# has a page to GET is read-only: its view takes GET and HEAD only (function views:
# @require_safe; class-based and DRF views define no other handler), so POST, PUT, PATCH
# and DELETE answer 405 rather than the GET page. A new read-only function view without
# the decorator fails here.


def read_only_urls(world):
    for name, (kwargs, expected) in matrix(world).items():
        if name in ALLOWED_WRITES or name in SERVED_BY_WAGTAIL:
            continue
        if expected["superuser"] == 405:
            continue  # POST only: nothing to read there
        kwargs = dict(kwargs)
        yield name, reverse(name, args=kwargs.pop("args", None), kwargs=kwargs or None)


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_read_only_urls_answer_writes_with_405(client, world, method):
    """Even to a superuser, and whether or not it may read the page: a read-only URL
    refuses the method itself (405), and nothing in the database changes."""
    client.force_login(world["users"]["superuser"])
    names = []
    failures = []
    for name, url in read_only_urls(world):
        names.append(name)
        before = database_state()
        status = getattr(client, method)(url).status_code
        changed = changed_tables(before, database_state())
        if status != 405 or changed:
            failures.append(f"{name} ({url}): {status}; changed {changed}")
    assert {"contract_list", "price_explorer", "vendor-list"} <= set(names)
    assert not failures, "\n".join(failures)
