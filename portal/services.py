"""Writes for organisations and memberships."""

from django.db import transaction

from portal.models import Membership, Organization, OrganizationSize


@transaction.atomic
def create_organization(
    *, name, slug, type, sector="", province="", kvk_number="", agb_code="", website=""
):
    organization = Organization(
        name=name,
        slug=slug,
        type=type,
        sector=sector,
        province=province,
        kvk_number=kvk_number,
        agb_code=agb_code,
        website=website,
    )
    organization.full_clean(exclude=["group", "editors_group"])
    organization.save()
    return organization


@transaction.atomic
def record_organization_size(*, organization, year, revenue_eur, fte, beds=None):
    size, _ = OrganizationSize.objects.update_or_create(
        organization=organization,
        year=year,
        defaults={"revenue_eur": revenue_eur, "fte": fte, "beds": beds},
    )
    return size


def sync_member_groups(membership):
    """Put the user in the organisation's groups that the role calls for."""
    organization = membership.organization
    membership.user.groups.add(organization.group)
    if membership.can_edit:
        membership.user.groups.add(organization.editors_group)
    else:
        membership.user.groups.remove(organization.editors_group)


@transaction.atomic
def add_member(*, organization, user, role):
    membership = Membership(organization=organization, user=user, role=role)
    membership.full_clean()
    membership.save()
    sync_member_groups(membership)
    return membership


@transaction.atomic
def change_member_role(*, membership, role):
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    sync_member_groups(membership)
    return membership


def drop_member_groups(membership):
    organization = membership.organization
    membership.user.groups.remove(organization.group, organization.editors_group)


@transaction.atomic
def remove_member(*, membership):
    drop_member_groups(membership)
    membership.delete()
