"""The lifecycle table: every transition allowed and refused, for every role (plain Python, no database)."""

import itertools

import pytest

from cndp.extension.projects import lifecycle as lc

ROLES = ["admin", "agency_officer", "province_officer", "leader", "party_officer", "counting_board"]

# The table written out again on purpose: a change of who may do what must fail a test.
# (source, target): roles besides the administrator
EXPECTED = {
    (lc.REGISTERED, lc.DOIT_APPRAISED): {"province_officer"},
    (lc.REGISTERED, lc.REJECTED): {"province_officer"},
    (lc.REGISTERED, lc.WITHDRAWN): {"province_officer", "agency_officer"},
    (lc.DOIT_APPRAISED, lc.SUBMITTED): {"province_officer"},
    (lc.DOIT_APPRAISED, lc.REGISTERED): {"province_officer"},
    (lc.DOIT_APPRAISED, lc.WITHDRAWN): {"province_officer", "agency_officer"},
    (lc.SUBMITTED, lc.AGENCY_APPRAISED): {"agency_officer"},
    (lc.SUBMITTED, lc.REJECTED): {"agency_officer"},
    (lc.SUBMITTED, lc.WITHDRAWN): {"province_officer", "agency_officer"},
    (lc.AGENCY_APPRAISED, lc.SELECTED): {"agency_officer"},
    (lc.AGENCY_APPRAISED, lc.REJECTED): {"agency_officer"},
    (lc.SELECTED, lc.IN_PLAN): {"agency_officer"},
    (lc.SELECTED, lc.AGENCY_APPRAISED): {"agency_officer"},
    (lc.SELECTED, lc.REJECTED): {"agency_officer"},
    (lc.IN_PLAN, lc.CONTRACTED): {"agency_officer"},
    (lc.IN_PLAN, lc.WITHDRAWN): {"agency_officer"},
    (lc.CONTRACTED, lc.IN_PROGRESS): {"agency_officer", "province_officer"},
    (lc.IN_PROGRESS, lc.ADJUSTED): {"agency_officer"},
    (lc.IN_PROGRESS, lc.SUSPENDED): {"agency_officer"},
    (lc.IN_PROGRESS, lc.INSPECTED): {"agency_officer", "province_officer"},
    (lc.ADJUSTED, lc.IN_PROGRESS): {"agency_officer", "province_officer"},
    (lc.ADJUSTED, lc.SUSPENDED): {"agency_officer"},
    (lc.ADJUSTED, lc.INSPECTED): {"agency_officer", "province_officer"},
    (lc.SUSPENDED, lc.IN_PROGRESS): {"agency_officer"},
    (lc.SUSPENDED, lc.WITHDRAWN): {"agency_officer"},
    (lc.INSPECTED, lc.IN_PROGRESS): {"agency_officer"},
    (lc.INSPECTED, lc.ACCEPTED): {"agency_officer"},
    (lc.ACCEPTED, lc.LIQUIDATED): {"agency_officer"},
    (lc.LIQUIDATED, lc.SETTLED): {"agency_officer"},
}
NEEDS_DOCUMENT = {
    (lc.DOIT_APPRAISED, lc.SUBMITTED),
    (lc.SELECTED, lc.IN_PLAN),
    (lc.IN_PLAN, lc.CONTRACTED),
    (lc.IN_PLAN, lc.WITHDRAWN),
    (lc.IN_PROGRESS, lc.ADJUSTED),
    (lc.IN_PROGRESS, lc.SUSPENDED),
    (lc.IN_PROGRESS, lc.INSPECTED),
    (lc.ADJUSTED, lc.SUSPENDED),
    (lc.ADJUSTED, lc.INSPECTED),
    (lc.SUSPENDED, lc.IN_PROGRESS),
    (lc.SUSPENDED, lc.WITHDRAWN),
    (lc.INSPECTED, lc.ACCEPTED),
    (lc.ACCEPTED, lc.LIQUIDATED),
    (lc.LIQUIDATED, lc.SETTLED),
}


def test_the_table_is_the_expected_one():
    assert {(t.source, t.target): set(t.roles) for t in lc.TRANSITIONS} == EXPECTED
    assert {(t.source, t.target) for t in lc.TRANSITIONS if t.needs_document} == NEEDS_DOCUMENT
    assert all(t.document for t in lc.TRANSITIONS if t.needs_document)


@pytest.mark.parametrize(("pair", "role"), list(itertools.product(EXPECTED, ROLES)))
def test_every_listed_transition_by_role(pair, role):
    source, target = pair
    reason = lc.check_transition(source, target, role)
    if role == "admin" or role in EXPECTED[pair]:
        assert reason is None
    else:
        assert reason is not None and lc.label(source) in reason and lc.label(target) in reason


UNLISTED = [pair for pair in itertools.product(lc.STATUSES, lc.STATUSES) if pair not in EXPECTED]


@pytest.mark.parametrize("pair", UNLISTED)
def test_every_other_transition_is_refused_for_everybody(pair):
    for role in ROLES:
        assert lc.check_transition(*pair, role) is not None


def test_refusal_messages_are_vietnamese_and_specific():
    assert lc.check_transition(lc.SETTLED, lc.IN_PROGRESS, "admin") == (
        "Đề án đã ở trạng thái cuối «Đã quyết toán», không chuyển tiếp được."
    )
    assert lc.check_transition(lc.REGISTERED, lc.SETTLED, "agency_officer") == (
        "Không thể chuyển đề án từ «Đăng ký» sang «Đã quyết toán»."
    )
    assert lc.check_transition(lc.SUBMITTED, lc.AGENCY_APPRAISED, "province_officer") == (
        "Chỉ chuyên viên Cục được chuyển đề án từ «Đã gửi Cục» sang «Cục đã thẩm định»."
    )
    assert "không tồn tại" in lc.check_transition("draft", lc.REGISTERED, "admin")


def test_several_roles_and_no_role():
    assert lc.check_transition(lc.REGISTERED, lc.DOIT_APPRAISED, ["leader", "province_officer"]) is None
    assert lc.check_transition(lc.REGISTERED, lc.DOIT_APPRAISED, []) is not None
    assert lc.check_transition(lc.REGISTERED, lc.DOIT_APPRAISED, None) is not None


def test_allowed_transitions_are_the_buttons():
    assert [t.target for t in lc.allowed_transitions(lc.REGISTERED, "province_officer")] == [
        lc.DOIT_APPRAISED,
        lc.REJECTED,
        lc.WITHDRAWN,
    ]
    assert [t.target for t in lc.allowed_transitions(lc.REGISTERED, "agency_officer")] == [lc.WITHDRAWN]
    assert lc.allowed_transitions(lc.IN_PROGRESS, "leader") == []
    assert lc.allowed_transitions(lc.SETTLED, "admin") == []


def test_every_status_is_reachable_and_terminal_ones_end():
    assert lc.reachable() == set(lc.STATUSES)
    for status in lc.TERMINAL:
        assert not [t for t in lc.TRANSITIONS if t.source == status]
    assert lc.path_to(lc.SETTLED) == [
        "registered",
        "doit_appraised",
        "submitted",
        "agency_appraised",
        "selected",
        "in_plan",
        "contracted",
        "in_progress",
        "inspected",
        "accepted",
        "liquidated",
        "settled",
    ]


@pytest.mark.parametrize(
    ("status", "role", "editable"),
    [
        (lc.REGISTERED, "province_officer", True),
        (lc.DOIT_APPRAISED, "province_officer", True),
        (lc.SUBMITTED, "province_officer", False),
        (lc.SUBMITTED, "agency_officer", True),
        (lc.AGENCY_APPRAISED, "agency_officer", True),
        (lc.SELECTED, "agency_officer", False),
        (lc.IN_PROGRESS, "agency_officer", False),
        (lc.IN_PROGRESS, "admin", True),
        (lc.SETTLED, "admin", False),
        (lc.REGISTERED, "leader", False),
    ],
)
def test_who_may_edit_a_project_in_which_status(status, role, editable):
    assert lc.may_edit(status, role) is editable


def test_choices_follow_the_plain_module():
    from cndp.extension.choices import ProjectStatus

    assert tuple(ProjectStatus.values) == lc.STATUSES
    assert {s.value: str(s.label) for s in ProjectStatus} == lc.STATUS_LABELS


def test_the_rule_modules_import_no_django():
    import subprocess
    import sys

    code = (
        "import sys; import cndp.extension.projects.caps, cndp.extension.projects.ledger, "
        "cndp.extension.projects.lifecycle, cndp.extension.appraisal.selection; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
