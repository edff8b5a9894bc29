"""Test helpers for the party module: members written through the services, Excel files in memory."""

from __future__ import annotations

import datetime
import io
import itertools

from openpyxl import Workbook

from cndp.accounts.models import Unit, User
from cndp.party.services import member_create

_counter = itertools.count(1)
HEADER = [
    "Họ và tên",
    "Giới tính (Nam/Nữ)",
    "Ngày sinh",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
]


def cell(code: str = "cb-vp") -> Unit:
    return Unit.objects.get(code=code)


def admin() -> User:
    return User.objects.get(username="quantri")


def make_member(
    *,
    admitted_on=datetime.date(2010, 3, 1),
    official_on=None,
    cell_code="cb-vp",
    full_name=None,
    birth_date=datetime.date(1980, 5, 5),
    **extra,
):
    n = next(_counter)
    return member_create(
        user=admin(),
        full_name=full_name or f"Nguyễn Văn Thử {n}",
        gender="male",
        birth_date=birth_date,
        cell=cell(cell_code),
        admitted_on=admitted_on,
        official_on=official_on,
        **extra,
    )


def xlsx(rows, header=HEADER, title_rows=()) -> io.BytesIO:
    """An .xlsx file in memory: optional title rows, the header, then the rows."""
    wb = Workbook()
    ws = wb.active
    for row in title_rows:
        ws.append(list(row))
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "dang-vien.xlsx"
    return buffer
