"""Filter sets of the accounts registries: what a filter offers stays within what the user may see."""

import pytest
from django.urls import reverse

from cndp.accounts.models import Unit

pytestmark = pytest.mark.django_db


def test_the_user_list_filters_by_the_units_the_user_may_see(client_for):
    danang = Unit.objects.get(code="so-ct-48")
    url = reverse("accounts:user_list")
    officer = client_for("province_officer").get(url)  # Hà Nội
    assert officer.status_code == 200
    offered = set(officer.context["filterset"].form.fields["unit"].queryset)
    assert offered and all(
        unit.province_id == officer.wsgi_request.user.scope_province_id for unit in offered
    )
    assert danang.name not in officer.content.decode()
    # filtering by another province's unit is refused, not answered with its (empty) list
    refused = client_for("province_officer").get(url, {"unit": danang.pk})
    assert "unit" in refused.context["filterset"].errors
    agency = client_for("agency_officer").get(url, {"unit": danang.pk})
    assert danang in agency.context["filterset"].form.fields["unit"].queryset
    assert [row.record.username for row in agency.context["table"].page.object_list] == ["sodanang"]
