"""Demo data (dữ liệu mẫu): `cndp demo`. Each app with a `demo.py` contributes `load(stdout)`, run in
the order below, all in one transaction; every step is idempotent (natural keys, update_or_create)."""

from __future__ import annotations

import importlib
import io
import random

from django.db import transaction

DEMO_APPS = [
    "cndp.accounts",
    "cndp.party",
    "cndp.congress",
    "cndp.congress.documents",
    "cndp.elections",
    "cndp.extension",
    "cndp.clusters",
    "cndp.followup",
    "cndp.indicators",
]
DEMO_PASSWORD = "cndp@2026"

# (username, full name, role, unit code, agency staff?)
DEMO_LOGINS = [
    ("quantri", "Nguyễn Quang Vinh", "admin", "arid-vp", False),
    ("chuyenvien", "Trần Thị Thu Hà", "agency_officer", "arid-kc", True),
    ("sohanoi", "Lê Minh Tuấn", "province_officer", "so-ct-01", False),
    ("sodanang", "Phạm Thị Ngọc Lan", "province_officer", "so-ct-48", False),
    ("danguy", "Hoàng Văn Thắng", "party_officer", "arid-vp", True),
    ("kiemphieu", "Đỗ Thị Phương Thảo", "counting_board", "arid-kh", True),
    ("lanhdao", "Vũ Đức Long", "leader", "arid", True),
]

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
]
MIDDLE = {
    "male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Công", "Mạnh", "Tiến", "Anh"],
    "female": ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Phương", "Hồng", "Thị Thu", "Thị Minh", "Kim"],
}
GIVEN = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đức",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Tuấn",
        "Việt",
        "Hoàng",
        "Trung",
        "Thành",
        "Đạt",
        "Kiên",
    ],
    "female": [
        "Anh",
        "Chi",
        "Dung",
        "Giang",
        "Hà",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Ngọc",
        "Nhung",
        "Oanh",
        "Phương",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
        "Huyền",
        "Ánh",
    ],
}


def vietnamese_names(count: int, seed: int, taken: set[str] | None = None) -> list[tuple[str, str]]:
    """`count` distinct plausible (full name, gender) pairs, the same for the same seed."""
    rng = random.Random(seed)
    taken = set(taken or ())
    out = []
    while len(out) < count:
        gender = rng.choice(["male", "female"])
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        if name not in taken:
            taken.add(name)
            out.append((name, gender))
    return out


def guess_gender(full_name: str) -> str:
    """Demo only: a plausible gender from a generated name (middle name Thị, or a female given name)."""
    words = full_name.split(" ")
    female = "Thị" in words[1:-1] or (words[-1] in GIVEN["female"] and words[-1] not in GIVEN["male"])
    return "female" if female else "male"


@transaction.atomic
def demo_load(stdout=None) -> None:
    stdout = stdout or io.StringIO()
    for app in DEMO_APPS:
        module = importlib.import_module(app)  # an app (its demo.py) or a demo module itself
        if not hasattr(module, "load"):
            module = importlib.import_module(f"{app}.demo")
        module.load(stdout)


def _app_logins() -> list[tuple[str, str, str]]:
    """Logins a demo app made itself (the counting clerks: staff accounts picked by the demo), from each
    demo module's optional `logins()`; none before the demo is loaded."""
    from django.db import DatabaseError

    found = []
    for app in DEMO_APPS:
        module = importlib.import_module(app)
        if not hasattr(module, "load"):
            module = importlib.import_module(f"{app}.demo")
        if hasattr(module, "logins"):
            try:
                found.extend(module.logins())
            except DatabaseError:  # not migrated yet
                return []
    return found


def print_logins(stdout) -> None:
    stdout.write(f"\nTài khoản dùng thử (demo logins) — mật khẩu / password: {DEMO_PASSWORD}\n")
    for username, full_name, role, _unit, _staff in DEMO_LOGINS:
        stdout.write(f"  {username:<12} {role:<18} {full_name}\n")
    for username, part, full_name in _app_logins():
        stdout.write(f"  {username:<12} {part:<18} {full_name}\n")
    stdout.write("\n")
    stdout.flush()
