"""Demo units and users: the agency and its units, the 34 provincial Departments of Industry and Trade
with their extension centres, the Party Committee and its 8 cells, one login per role, 79 staff."""

from __future__ import annotations

import datetime

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit, User
from cndp.accounts.services import roles_sync, user_set_roles
from cndp.core.demo import DEMO_LOGINS, DEMO_PASSWORD, vietnamese_names
from cndp.places.models import Province

STAFF_TOTAL = 79  # the seed: members are 70,9 % of 79 staff
# Dated so that counts at a date are of that date: every cell exists, and the 79 are staff, on 10/06/2015.
CELLS_FOUNDED = datetime.date(1985, 1, 2)  # before the demo's earliest admission (1988)


def staff_since(n: int) -> datetime.date:
    """A demo staff member's first day at the agency: spread over 1990–2014, the same on every run."""
    return datetime.date(1990 + (n * 7) % 25, 1 + n % 12, 1 + n % 28)


AGENCY_UNITS = [
    ("arid-vp", "Văn phòng Cục", "VP", UnitKind.AGENCY_DEPARTMENT, 10),
    ("arid-kh", "Phòng Kế hoạch - Tổng hợp", "KH-TH", UnitKind.AGENCY_DEPARTMENT, 8),
    ("arid-kc", "Phòng Khuyến công và Phát triển công nghiệp nông thôn", "KC", UnitKind.AGENCY_DEPARTMENT, 9),
    ("arid-ccn", "Phòng Quản lý cụm công nghiệp", "CCN", UnitKind.AGENCY_DEPARTMENT, 8),
    ("arid-cs", "Phòng Chính sách và Phát triển công nghiệp địa phương", "CS", UnitKind.AGENCY_DEPARTMENT, 8),
    (
        "arid-ttkc1",
        "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp I",
        "TTKC I",
        UnitKind.AGENCY_CENTRE,
        13,
    ),
    (
        "arid-ttkc2",
        "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp II",
        "TTKC II",
        UnitKind.AGENCY_CENTRE,
        12,
    ),
    (
        "arid-ttkc3",
        "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp III",
        "TTKC III",
        UnitKind.AGENCY_CENTRE,
        11,
    ),
]
# Cells mirror the agency's units (one cell per department or centre).
CELLS = [(f"cb-{code[5:]}", f"Chi bộ {name}", code) for code, name, _s, _k, _n in AGENCY_UNITS]


def _unit(code, name, kind, parent=None, province=None, short_name=""):
    unit, _ = Unit.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "parent": parent,
            "province": province,
            "short_name": short_name,
        },
    )
    return unit


def load(stdout) -> None:
    roles_sync()
    ministry = _unit("bct", "Bộ Công Thương", UnitKind.MINISTRY, short_name="BCT")
    agency = _unit("arid", "Cục Công nghiệp địa phương", UnitKind.AGENCY, ministry, short_name="ARID")
    units = {
        code: _unit(code, name, kind, agency, short_name=short)
        for code, name, short, kind, _n in AGENCY_UNITS
    }
    units["arid"] = agency
    ministry_party = _unit("dang-bo-bct", "Đảng bộ Bộ Công Thương", UnitKind.PARTY_COMMITTEE, ministry)
    committee = _unit(
        "dang-bo-cuc", "Đảng bộ Cục Công nghiệp địa phương", UnitKind.PARTY_COMMITTEE, ministry_party
    )
    for code, name, _agency_code in CELLS:
        cell = _unit(code, name, UnitKind.PARTY_CELL, committee)
        if cell.founded_on != CELLS_FOUNDED:
            cell.founded_on = CELLS_FOUNDED
            cell.save(update_fields=["founded_on"])
    for province in Province.objects.filter(version="34"):
        doit = _unit(
            f"so-ct-{province.code}",
            f"Sở Công Thương {province.short_name}",
            UnitKind.DOIT,
            None,  # a provincial department answers to the province, not to the Ministry
            province,
        )
        _unit(
            f"ttkc-{province.code}",
            f"Trung tâm Khuyến công {province.short_name}",
            UnitKind.EXTENSION_CENTRE,
            doit,
            province,
        )

    for username, full_name, role, unit_code, staff in DEMO_LOGINS:
        unit = Unit.objects.get(code=unit_code)
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        user.full_name, user.unit, user.is_agency_staff = full_name, unit, staff
        if staff:
            user.agency_staff_from = staff_since(sum(map(ord, username)))
        user.email = user.email or f"{username}@cndp.local"
        user.is_staff = role == "admin"
        user.is_superuser = role == "admin"
        if created:
            user.set_password(DEMO_PASSWORD)
        user.save()
        user_set_roles(user=user, roles=[role])

    # The rest of the agency's staff: accounts without a password until an administrator sets one.
    existing_staff = User.objects.filter(is_agency_staff=True).exclude(username__startswith="cb").count()
    generated = STAFF_TOTAL - existing_staff
    names = vietnamese_names(generated, seed=2015, taken={n for _u, n, *_ in DEMO_LOGINS})
    slots = [code for code, _n, _s, _k, size in AGENCY_UNITS for _ in range(size)]
    for i, (full_name, _gender) in enumerate(names, start=1):
        username = f"cb{i:03d}"
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_unusable_password()
        user.full_name = full_name
        user.unit = units[slots[(i - 1) % len(slots)]]
        user.is_agency_staff = True
        user.agency_staff_from = staff_since(i)
        user.email = f"{username}@cndp.local"
        user.save()
    stdout.write(
        f"Đơn vị: {Unit.objects.count()}; người dùng: {User.objects.count()} "
        f"(cán bộ của Cục: {User.objects.filter(is_agency_staff=True).count()})\n"
    )
