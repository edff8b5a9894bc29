"""Test data for indicators: values stored directly (the services are tested on their own), exchange
files written to a folder, the demo's province officers."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from cndp.accounts.models import User
from cndp.indicators import periods
from cndp.indicators.exchange import write_xlsx
from cndp.indicators.models import DataValue, Indicator
from cndp.places.models import Province


def unit(code: str, period_code: str) -> Province:
    """The unit with `code` valid on the last day of the period."""
    end = periods.parse(period_code).end
    return next(p for p in Province.objects.filter(code=code) if p.is_valid_at(end))


def put(code: str, period_code: str, province_code: str, value, state: str = "approved", comment: str = ""):
    period = periods.parse(period_code)
    return DataValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        province=unit(province_code, period_code),
        period_type=period.type,
        period_start=period.start,
        value=Decimal(str(value)),
        state=state,
        comment=comment,
    )


def put_many(rows) -> None:
    """(code, period, province code, value) rows, bulk-created."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    objs = []
    for code, period_code, province_code, value in rows:
        period = periods.parse(period_code)
        objs.append(
            DataValue(
                indicator=indicators[code],
                province=unit(province_code, period_code),
                period_type=period.type,
                period_start=period.start,
                value=Decimal(str(value)),
                state="approved",
            )
        )
    for obj in objs:
        obj.derive_province_current()  # bulk creation does not call save()
    DataValue.objects.bulk_create(objs)


def csv_file(folder: Path, lines: list[str], name: str = "values.csv") -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def xlsx_file(folder: Path, header: tuple, rows: list[tuple], name: str = "values.xlsx") -> Path:
    path = folder / name
    write_xlsx(path, rows, header)
    return path


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def clear_values() -> None:
    """No values nor submissions (the demo's are removed inside the test's transaction, rolled back
    after it): tests that count what they write start from nothing."""
    from cndp.indicators.models import Submission
    from cndp.obligations.models import Obligation, ObligationStep

    obligations = Obligation.objects.filter(kind="indicators.submission")
    Submission.objects.all()._raw_delete("default")
    ObligationStep.objects.filter(obligation__in=obligations)._raw_delete("default")
    obligations._raw_delete("default")
    DataValue.objects.all()._raw_delete("default")
    DataValue.history.all()._raw_delete("default")
