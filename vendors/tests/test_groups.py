"""Vendor groups: each vendor's ultimate parent, walked from one query, safe against
cycles; and the catalogue refuses a parent that would close a circle."""

import pytest
from django.core.exceptions import ValidationError

from vendors.models import Vendor
from vendors.selectors import ultimate_parents, vendor_groups
from vendors.tests.factories import VendorFactory


def test_ultimate_parents_follow_the_chain_to_its_top():
    # 1 above 2 above 3; 4 alone; 5 below 2.
    parents = {1: None, 2: 1, 3: 2, 4: None, 5: 2}
    assert ultimate_parents(parents) == {1: 1, 2: 1, 3: 1, 4: 4, 5: 1}


def test_ultimate_parents_end_a_cycle_at_its_lowest_id():
    # 7 -> 8 -> 9 -> 7 is a circle; 10 hangs below it; 11 is its own parent.
    parents = {7: 8, 8: 9, 9: 7, 10: 9, 11: 11}
    assert ultimate_parents(parents) == {7: 7, 8: 7, 9: 7, 10: 7, 11: 11}


@pytest.mark.django_db
def test_vendor_groups_in_one_query(django_assert_num_queries):
    grandparent = VendorFactory(name="Grootmoeder")
    parent = VendorFactory(name="Moeder", parent_group=grandparent)
    child = VendorFactory(name="Dochter", parent_group=parent)
    alone = VendorFactory(name="Zelfstandig")
    with django_assert_num_queries(1):
        groups = vendor_groups()
    assert groups == {
        grandparent.pk: grandparent.pk,
        parent.pk: grandparent.pk,
        child.pk: grandparent.pk,
        alone.pk: alone.pk,
    }


@pytest.mark.django_db
def test_vendor_groups_survive_a_cycle_written_around_the_catalogue():
    a = VendorFactory(name="A")
    b = VendorFactory(name="B", parent_group=a)
    Vendor.objects.filter(pk=a.pk).update(parent_group=b)
    assert vendor_groups() == {a.pk: a.pk, b.pk: a.pk}


@pytest.mark.django_db
def test_the_catalogue_refuses_a_parent_below_the_vendor():
    top = VendorFactory(name="Moeder")
    middle = VendorFactory(name="Dochter", parent_group=top)
    bottom = VendorFactory(name="Kleindochter", parent_group=middle)
    top.parent_group = bottom
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert refused.value.message_dict["parent_group"] == [
        "Deze leverancier staat in zijn groep al boven die leverancier."
    ]
    middle.parent_group = VendorFactory(name="Andere moeder")
    middle.full_clean()  # moving to another group is fine
