"""Vendor requests: coordinators invite vendors; a vendor representative sees only the
requirements and its own answer form (never members' data, never another vendor's
request); members see all answers side by side."""

import pytest
from django.urls import reverse

from coalitions import requirements, rfi, services
from coalitions.models import VendorAnswer
from coalitions.tests.conftest import join
from portal.tests.factories import OrganizationFactory, UserFactory, member
from vendors.services import add_vendor_representative
from vendors.tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(coalition):
    hospital = OrganizationFactory(slug="zh", name="Ziekenhuis Geheim")
    join(coalition, hospital)
    coordinator = coalition.created_by
    services.advance(coalition, "requirements", user=coordinator)
    must = requirements.add_requirement(
        coalition, organization=hospital, text="Exitplan met datamodel", priority="must"
    )
    could = requirements.add_requirement(
        coalition, organization=hospital, text="Gebruikersdag", priority="could"
    )
    vendors = {"a": VendorFactory(slug="leverancier-a"), "b": VendorFactory(slug="leverancier-b")}
    reps = {}
    for key, vendor in vendors.items():
        reps[key] = UserFactory(username=f"rep-{key}")
        add_vendor_representative(vendor=vendor, user=reps[key])
    return {
        "coordinator": coordinator,
        "buyer": member(hospital, username="zh-user"),
        "requirements": (must, could),
        "vendors": vendors,
        "reps": reps,
    }


def invite(client, setup, vendor="a"):
    client.force_login(setup["coordinator"])
    return client.post(
        reverse("coalition_vendor_invite", args=["samen-epd"]),
        {"vendor": setup["vendors"][vendor].pk},
    )


def test_only_coordinators_invite_vendors(client, coalition, setup):
    client.force_login(setup["buyer"])
    url = reverse("coalition_vendor_invite", args=["samen-epd"])
    assert client.post(url, {"vendor": setup["vendors"]["a"].pk}).status_code == 404
    assert invite(client, setup).status_code == 302
    assert coalition.vendor_requests.get().vendor == setup["vendors"]["a"]
    invite(client, setup)  # twice: refused with a message, nothing doubled
    assert coalition.vendor_requests.count() == 1


def test_a_vendor_sees_the_requirements_and_answers_them(
    client, coalition, setup, mailoutbox, django_capture_on_commit_callbacks
):
    invite(client, setup)
    request = coalition.vendor_requests.get()
    client.force_login(setup["reps"]["a"])
    listing = client.get(reverse("vendor_requests")).content.decode()
    assert "Samen EPD" in listing
    url = reverse("vendor_request_answer", args=[request.pk])
    page = client.get(url).content.decode()
    assert "Exitplan met datamodel" in page and "Gebruikersdag" in page
    # Never the members: not their names, not the coordinator.
    assert "Ziekenhuis Geheim" not in page and "Coördinerend" not in page
    must, could = setup["requirements"]
    incomplete = client.post(url, {f"answer-{must.pk}": "complies"})
    assert "voor elke eis" in incomplete.content.decode()
    assert not VendorAnswer.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                f"answer-{must.pk}": "partly",
                f"comment-{must.pk}": "Datamodel op aanvraag",
                f"answer-{could.pk}": "complies",
            },
        )
    answers = dict(request.answers.values_list("requirement__number", "answer"))
    assert answers == {1: "partly", 2: "complies"}
    assert [m.to for m in mailoutbox] == [["coord@example.invalid"]]
    assert "beantwoordde" in mailoutbox[0].subject


def test_the_vendors_representatives_are_told_by_email(
    client, coalition, setup, mailoutbox, django_capture_on_commit_callbacks
):
    setup["reps"]["a"].email = "rep@leverancier-a.invalid"
    setup["reps"]["a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, setup)
    [mail] = mailoutbox
    assert mail.to == ["rep@leverancier-a.invalid"]
    assert "Samen EPD" in mail.subject and "beantwoorden" in mail.subject
    request = coalition.vendor_requests.get()
    assert f"/leverancier/uitvragen/{request.pk}/" in mail.body
    assert "Ziekenhuis Geheim" not in mail.body


def test_another_vendor_cannot_open_the_request(client, coalition, setup):
    invite(client, setup)
    request = coalition.vendor_requests.get()
    client.force_login(setup["reps"]["b"])
    assert client.get(reverse("vendor_request_answer", args=[request.pk])).status_code == 404
    assert "Samen EPD" not in client.get(reverse("vendor_requests")).content.decode()
    client.force_login(setup["buyer"])  # not a vendor at all
    assert client.get(reverse("vendor_request_answer", args=[request.pk])).status_code == 403


def test_a_vendor_cannot_see_member_pages(client, coalition, setup):
    invite(client, setup)
    client.force_login(setup["reps"]["a"])
    for name in ("coalition_requirements", "coalition_vendors", "coalition_documents"):
        assert client.get(reverse(name, args=["samen-epd"])).status_code == 404


def test_members_see_the_answers_side_by_side(client, coalition, setup):
    must, could = setup["requirements"]
    for key, (first, second) in (("a", ("complies", "no")), ("b", ("partly", "complies"))):
        request = rfi.invite_vendor(coalition, setup["vendors"][key], user=setup["coordinator"])
        rfi.save_answers(request, {must.pk: (first, ""), could.pk: (second, "Volgend jaar")})
    client.force_login(setup["buyer"])
    html = client.get(reverse("coalition_vendors", args=["samen-epd"])).content.decode()
    table = html[html.index('id="answers"') :]
    row = table[table.index("Exitplan met datamodel") :]
    assert row.index("Voldoet") < row.index("Gedeeltelijk")  # a, then b
    assert "Volgend jaar" in table
    overview = client.get(reverse("coalition_detail", args=["samen-epd"])).content.decode()
    assert 'id="vendor-summary"' in overview


def test_answers_are_all_or_nothing(coalition, setup):
    must, _could = setup["requirements"]
    request = rfi.invite_vendor(coalition, setup["vendors"]["a"], user=setup["coordinator"])
    with pytest.raises(Exception, match="Onbekende eis"):
        rfi.save_answers(request, {must.pk: ("complies", ""), 999999: ("no", "")})
    assert not request.answers.exists()


def test_vendors_are_asked_only_once_requirements_exist(coalition):
    coordinator = coalition.created_by
    with pytest.raises(Exception, match="vanaf de fase"):
        rfi.invite_vendor(coalition, VendorFactory(), user=coordinator)
    services.advance(coalition, "requirements", user=coordinator)
    with pytest.raises(Exception, match="eerst de eisen"):
        rfi.invite_vendor(coalition, VendorFactory(), user=coordinator)
