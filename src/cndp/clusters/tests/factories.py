"""Test helpers for industrial clusters: clusters written through the services."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from cndp.accounts.models import User
from cndp.clusters import services
from cndp.clusters.models import Cluster
from cndp.places.models import Province

_counter = itertools.count(1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def agency() -> User:
    return user("chuyenvien")


def hanoi_officer() -> User:
    return user("sohanoi")


def danang_officer() -> User:
    return user("sodanang")


def province(code: str, version: str = "34") -> Province:
    return Province.objects.get(version=version, code=code)


def cluster_data(**overrides) -> dict:
    n = next(_counter)
    data = {
        "code": f"T-{n:05d}",
        "name": f"Cụm công nghiệp Thử nghiệm {n}",
        "province": province("01"),
        "commune": "Xã Phú Nghĩa",
        "old_district": "Huyện Chương Mỹ",
        "planned_area": Decimal(50),
        "industrial_land": Decimal(35),
        "leased_area": Decimal(20),
    }
    data.update(overrides)
    return data


def make_cluster(by=None, **overrides) -> Cluster:
    return services.cluster_save(cluster=Cluster(**cluster_data(**overrides)), user=by or agency())


def establish(cluster, by=None, date=datetime.date(2025, 3, 1), area=None):
    return services.cluster_transition(
        cluster=cluster,
        user=by or agency(),
        kind="establish",
        number=f"{cluster.pk}/QĐ-UBND",
        date=date,
        issuer="UBND thành phố Hà Nội",
        area=area,
    )
