"""The shared model bases: the default record page and dated reference data (dữ liệu tham chiếu có hiệu lực)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cndp.core.models import valid_at
from cndp.obligations.models import CalendarRule
from cndp.places.models import Province, ProvinceName

pytestmark = pytest.mark.django_db


def test_default_page_follows_the_registry_naming_rule():
    province = Province.objects.order_by("pk").first()
    assert province.get_absolute_url() == reverse("places:province_detail", args=[province.pk])


def test_a_model_without_a_page_of_its_own_has_no_link():
    name = ProvinceName.objects.order_by("pk").first()
    assert name is not None
    assert name.get_absolute_url() == ""


def _rule(**fields) -> CalendarRule:
    values = {
        "name": "Quy định thử",
        "valid_from": datetime.date(2025, 1, 1),
        "legal_basis": "Thông tư 14/2024/TT-BCT",
    }
    values.update(fields)
    return CalendarRule(**values)


@pytest.mark.parametrize(
    ("valid_to", "day", "in_force"),
    [
        (None, datetime.date(2024, 12, 31), False),
        (None, datetime.date(2025, 1, 1), True),
        (None, datetime.date(2040, 1, 1), True),
        (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30), True),
        (datetime.date(2025, 6, 30), datetime.date(2025, 7, 1), False),
    ],
)
def test_in_force_on_a_day(valid_to, day, in_force):
    rule = _rule(valid_to=valid_to)
    assert rule.is_valid_at(day) is in_force
    rule.save()
    assert valid_at(CalendarRule.objects.filter(pk=rule.pk), day).exists() is in_force


def test_an_end_before_the_start_is_refused_naming_the_field():
    rule = _rule(valid_to=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "valid_to" in error.value.message_dict
    assert "Ngày hết hiệu lực phải sau ngày có hiệu lực." in error.value.message_dict["valid_to"]


# ---- a row read from the database (CndpModel.from_db): the same instance as Django's own path builds


def _django_built(model, row_pk, only=None):
    """The instance Django's `Model.from_db` (through `Model.__init__`) builds from the same row."""
    from django.db.models import Model

    queryset = model.objects.filter(pk=row_pk)
    if only:
        queryset = queryset.only(*only)
    names = [f.attname for f in model._meta.concrete_fields if not only or f.name in {*only, "id"}]
    values = list(queryset.values_list(*names).get())
    return Model.from_db.__func__(model, "default", names, values)


@pytest.mark.parametrize("only", [None, ("code", "name"), ("name",)])
def test_a_row_read_is_the_instance_djangos_init_builds(only):
    from cndp.places.models import Province

    pk = Province.objects.order_by("-pk").values_list("pk", flat=True).first()
    queryset = Province.objects.filter(pk=pk)
    fast = (queryset.only(*only) if only else queryset).get()
    slow = _django_built(Province, pk, only)
    assert type(fast) is Province and fast == slow
    assert {k: v for k, v in vars(fast).items() if k != "_state"} == {
        k: v for k, v in vars(slow).items() if k != "_state"
    }
    assert (fast._state.adding, fast._state.db, fast._state.fields_cache) == (False, "default", {})
    assert fast.get_deferred_fields() == slow.get_deferred_fields()
    if only:  # a deferred field is read when asked for, as on Django's instance
        assert fast.get_deferred_fields() and fast.version == Province.objects.get(pk=pk).version


def test_a_row_read_with_its_relations_and_saved_again_is_an_update():
    from cndp.extension.models import Project

    project = Project.objects.select_related("province", "activity_type").order_by("pk").first()
    assert project._state.adding is False
    assert Project.province.is_cached(project) and project.province.pk == project.province_id
    before = Project.objects.count()
    project.name = project.name + " (sửa)"
    project.save(update_fields=["name"])
    assert Project.objects.count() == before
    assert Project.objects.get(pk=project.pk).name.endswith(" (sửa)")


def test_an_init_receiver_takes_djangos_path():
    from django.db.models.signals import post_init

    from cndp.places.models import Province

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=Province)
    try:
        province = Province.objects.order_by("pk").first()
    finally:
        post_init.disconnect(receiver, sender=Province)
    assert seen == [province.pk]
