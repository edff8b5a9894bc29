"""Loading the reference data (dữ liệu danh mục) shipped in places/data/: provinces 63 + 34, the old → new
mapping, dated names and regions. Idempotent: running it again updates, never duplicates.

Written against model classes passed in, so the data migration (historical models) and the `cndp`
commands share it.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from cndp.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"

REGION_SOURCES = {
    "socio_economic": "Tổng cục Thống kê — 6 vùng kinh tế - xã hội",
    "steering_committee": "Danh sách thường được trích dẫn — CHƯA XÁC NHẬN",
    "key_economic_zone": "Danh sách thường được trích dẫn — CHƯA XÁC NHẬN",
    "macro": "Suy ra từ 6 vùng kinh tế - xã hội — CHƯA XÁC NHẬN",
}

REGION_NOTES = {
    "Tây Bắc": ". Vùng Tây Bắc còn gồm một số huyện phía tây Thanh Hóa và Nghệ An, không thể hiện được ở cấp tỉnh.",
}


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(Province, ProvinceName, Region) -> dict[str, int]:  # noqa: N803 (model classes)
    rows = read_csv("provinces.csv")
    by_key = {}
    for row in sorted(rows, key=lambda r: r["set"] != "34"):  # the 34 first, so successors exist
        successor = by_key.get(("34", row["successor_code"])) if row["successor_code"] else None
        obj, _ = Province.objects.update_or_create(
            version=row["set"],
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
                "successor": successor,
                "search_folded": fold(f"{row['name']} {row['code']}"),
            },
        )
        by_key[(row["set"], row["code"])] = obj
    for row in read_csv("province_names.csv"):
        ProvinceName.objects.update_or_create(
            province=by_key[(row["set"], row["code"])],
            name=row["name"],
            defaults={
                "kind": row["kind"],
                "valid_from": _date(row["valid_from"]),
                "valid_to": _date(row["valid_to"]),
            },
        )
    regions = 0
    members: dict[tuple[str, str], list] = {}
    for row in read_csv("regions.csv") + read_csv("macro_regions.csv"):
        members.setdefault((row["grouping"], row["region"]), []).append(
            by_key[(row["province_set"], row["province_code"])]
        )
    for (grouping, name), provinces in members.items():
        region, created = Region.objects.get_or_create(
            grouping=grouping,
            name=name,
            defaults={
                "confirmed": grouping == "socio_economic",
                "source": REGION_SOURCES[grouping] + REGION_NOTES.get(name, ""),
                "search_folded": fold(f"{name} {grouping}"),
            },
        )
        if created:  # an admin's later edits to membership are kept
            region.provinces.set(provinces)
        regions += 1
    return {"provinces": len(by_key), "regions": regions}
