"""Writes for organisations and memberships."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from guardian.models import GroupObjectPermission

from portal.models import Membership, Organization, OrganizationSize

# Which of an organisation's groups holds which permission on the organisation.
ORGANIZATION_GRANTS = (
    ("group", "view_organization_contracts"),
    ("editors_group", "manage_organization_contracts"),
    ("admins_group", "administer_organization"),
)


def grant_organization_permissions(organizations):
    """Give each organisation's groups their permissions on the organisation, in bulk."""
    content_type = ContentType.objects.get_for_model(Organization)
    perm_ids = dict(
        Permission.objects.filter(
            content_type=content_type, codename__in=[c for _, c in ORGANIZATION_GRANTS]
        ).values_list("codename", "pk")
    )
    GroupObjectPermission.objects.bulk_create(
        [
            GroupObjectPermission(
                group_id=getattr(org, f"{group_field}_id"),
                permission_id=perm_ids[codename],
                content_type=content_type,
                object_pk=str(org.pk),
            )
            for org in organizations
            for group_field, codename in ORGANIZATION_GRANTS
        ],
        ignore_conflicts=True,
        batch_size=5000,
    )


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
    organization.full_clean(exclude=["group", "editors_group", "admins_group"])
    organization.save()
    grant_organization_permissions([organization])
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
    user = membership.user
    user.groups.add(organization.group)
    for group, wanted in (
        (organization.editors_group, membership.can_edit),
        (organization.admins_group, membership.role == Membership.Role.ORGANIZATION_ADMIN),
    ):
        if wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)


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
    membership.user.groups.remove(
        organization.group, organization.editors_group, organization.admins_group
    )


@transaction.atomic
def remove_member(*, membership):
    drop_member_groups(membership)
    membership.delete()
