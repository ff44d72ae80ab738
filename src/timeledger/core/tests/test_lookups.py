"""``field__any=ids`` (core.lookups.AnyOf): the same rows as ``__in`` on both backends, with the
ids sent as one array parameter on PostgreSQL."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from timeledger.core.lookups import int_array

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    return [Group.objects.create(name=f"g{i}") for i in range(5)]


def test_any_selects_the_same_rows_as_in(groups):
    ids = [groups[0].pk, groups[3].pk, 10**12]  # an id beyond int4 and one that does not exist
    assert set(Group.objects.filter(pk__any=ids)) == set(Group.objects.filter(pk__in=ids))
    assert Group.objects.filter(pk__any={u.pk: u for u in groups[:2]}).count() == 2  # any iterable


def test_an_empty_list_selects_nothing_and_combines(groups):
    assert not Group.objects.filter(pk__any=[]).exists()
    assert Group.objects.filter(Q(pk__any=[]) | Q(pk=groups[1].pk)).get() == groups[1]
    assert Group.objects.exclude(pk__any=[]).count() == 5
    assert Group.objects.exclude(pk__any=[groups[0].pk]).count() == 4


def test_on_a_foreign_key_and_across_a_relation(db):
    ct = ContentType.objects.get_for_model(Group)
    assert set(Permission.objects.filter(content_type_id__any=[ct.pk])) == set(
        Permission.objects.filter(content_type=ct)
    )
    assert Permission.objects.filter(content_type__id__any=[ct.pk]).count() == 4


def test_postgresql_gets_one_parameter_whatever_the_number_of_ids(groups):
    ids = list(range(1, 5001))
    with CaptureQueriesContext(connection) as captured:
        list(Group.objects.filter(pk__any=ids))
    sql = captured.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and "::bigint[]" in sql
    else:
        assert sql.count(",") >= 4999


def test_the_array_literal_holds_only_integers():
    assert int_array([3, "4", 10**12]) == "{3,4,1000000000000}"
    assert int_array([]) == "{}"
    with pytest.raises(ValueError):
        int_array(["1}'; DROP TABLE x; --"])
