"""Every link of the site menu, and the action links on the pages it leads to, opens
for the role it is shown to: followed as every role of the permission matrix, each ends
in a 200, never in a 403 or 404. (The menu decides each entry with the target view's own
access function: portal.context_processors.)"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.test_permission_matrix import ROLES, world  # noqa: F401  (world: a fixture)

pytestmark = pytest.mark.django_db

HEADER = re.compile(r"<header.*?</header>", re.S)
MAIN = re.compile(r"<main.*?</main>", re.S)
HREF = re.compile(r'href="([^"#]+)"')


def links(html, part):
    block = part.search(html)
    return {href.replace("&amp;", "&") for href in HREF.findall(block.group(0) if block else "")}


def internal(url):
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("/cms/")


def follow(client, url):
    """The statuses on the way from ``url`` to where its redirects end."""
    response = client.get(url, follow=True)
    return [status for _, status in response.redirect_chain] + [response.status_code], response


@pytest.mark.parametrize("role", ROLES)
def test_menu_links_open_for_the_roles_they_are_shown_to(client, world, role):  # noqa: F811
    if role != "anonymous":
        client.force_login(world["users"][role])
    start = client.get(reverse("vendor_list")).content.decode()
    menu = {url for url in links(start, HEADER) if internal(url)}
    assert reverse("vendor_list") in menu
    # One step further: the actions the menu's pages offer (e.g. "Start a coalition").
    to_visit = set(menu)
    for url in sorted(menu):
        _statuses, response = follow(client, url)
        to_visit |= {u for u in links(response.content.decode(), MAIN) if internal(u)}
    failures = []
    for url in sorted(to_visit):
        statuses, _response = follow(client, url)
        if statuses[-1] != 200 or {403, 404} & set(statuses):
            failures.append(f"{url}: {statuses}")
    assert not failures, "\n".join(failures)


def menu_of(client, user):
    client.force_login(user)
    return links(client.get(reverse("vendor_list")).content.decode(), HEADER)


def test_benchmarks_are_in_the_menu_of_care_providers_and_policy_staff_only(client, world):  # noqa: F811
    explorer = reverse("price_explorer")
    shown = {role for role in ROLES[1:] if explorer in menu_of(client, world["users"][role])}
    assert shown == {
        "procurement_a",
        "admin_a",
        "viewer_a",
        "procurement_b",
        "policy_analyst",
    }


def test_start_a_coalition_is_offered_only_to_who_may_start_one(client, world):  # noqa: F811
    create = reverse("coalition_create")
    offered = set()
    for role in ROLES[1:]:
        client.force_login(world["users"][role])
        if create in client.get(reverse("coalition_list")).content.decode():
            offered.add(role)
    assert offered == {"procurement_a", "admin_a", "procurement_b", "coordinator"}
