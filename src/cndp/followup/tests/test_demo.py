"""The demo: three years of sessions with most provinces, and tasks of every fate."""

import datetime

import pytest
from django.db.models import F

from cndp.followup.choices import State
from cndp.followup.models import DeadlineExtension, Notice, Task, WorkingSession
from cndp.followup.progress import KIND
from cndp.obligations.models import Obligation

pytestmark = pytest.mark.django_db


def test_the_demo_covers_three_years_most_provinces_and_every_fate(demo):
    sessions = WorkingSession.objects.all()
    dates = sorted(sessions.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days > 2.5 * 365
    assert sessions.values("province").distinct().count() >= 25
    assert Notice.objects.count() == sessions.count()
    tasks = Task.objects.all()
    assert tasks.filter(state=State.DONE, completed_on__lte=F("deadline")).exists()  # on time
    assert tasks.filter(state=State.DONE, completed_on__gt=F("deadline")).exists()  # late
    assert tasks.filter(state=State.OPEN, deadline__lt=datetime.date.today()).exists()  # overdue
    assert tasks.filter(state=State.REPORTED).exists()  # waiting for the agency
    assert DeadlineExtension.objects.exists()
    assert Obligation.objects.filter(kind=KIND).count() >= tasks.count()
    assert tasks.filter(province__code="48").exists()  # the URL sweep takes Đà Nẵng's records
