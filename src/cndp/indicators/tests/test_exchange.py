"""`cndp indicators import` / `aggregate` as the exchange contract fixes them: output JSON (UTF-8, not
ASCII-escaped), exit codes, every error code, all or nothing, dry run, replacement with history, the
aggregation keys and the incomplete-group rule, hand-computed roll-ups across the 2025 merger."""

import io
import json
from decimal import Decimal

import pytest

from cndp.indicators import commands
from cndp.indicators.models import DataValue

from .factories import clear_values, csv_file, put, put_many, xlsx_file

pytestmark = pytest.mark.django_db
HEADER = "indicator,period,province,value,comment"


@pytest.fixture(autouse=True)
def no_values(demo):
    clear_values()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = commands.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def imported(path, *flags):
    code, out, err = run("import", str(path), *flags, "--json")
    assert err == ""
    return code, json.loads(out), out


def test_every_error_code_of_a_row_and_nothing_written(tmp_path):
    path = csv_file(tmp_path, [
        "note,period,value,indicator,province,comment",  # any order, other columns ignored
        "ok,202401,12000.5,GTSX,30,",          # 2 valid
        "x,202401,110,IIP,30,",                # 3 valid
        "x,202401,5,XYZ,30,",                  # 4 unknown_indicator
        "x,202413,5,GTSX,30,",                 # 5 bad_period
        "x,2024,5,GTSX,31,",                   # 6 period_type (a year for a monthly indicator)
        "x,202508,5,GTSX,30,",                 # 7 unknown_province (Hải Dương is no unit after 30/6/2025)
        "x,202401,99,GTSX,99,",                # 8 unknown_province
        "x,202401,\"1,234.5\",GTSX,31,",       # 9 bad_value (thousands separator)
        "x,202401,abc,GTSX,01,",               # 10 bad_value
        "x,202401,-1,GTSX,02,",                # 11 out_of_range (≥ 0)
        "x,202401,1000.5,IIP,31,",             # 12 out_of_range (0 – 1000)
        "x,202401,7,GTSX,30,",                 # 13 duplicate of row 2
        "x,202401,8,GTSX,30,again",            # 14 duplicate again: every repeat is an error
        "",                                    # a blank line is no data row
        "x,202401,1000,IIP,01,",               # 16 valid (the bound is inside)
        "x,202401,999,IIP,31,",                # 17 duplicate of row 12, refused as it is

    ])  # fmt: skip
    code, result, raw = imported(path)
    assert code == 2
    assert (result["rows"], result["valid"], result["written"]) == (15, 3, 0)
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (4, "indicator", "unknown_indicator"),
        (5, "period", "bad_period"),
        (6, "period", "period_type"),
        (7, "province", "unknown_province"),
        (8, "province", "unknown_province"),
        (9, "value", "bad_value"),
        (10, "value", "bad_value"),
        (11, "value", "out_of_range"),
        (12, "value", "out_of_range"),
        (13, "", "duplicate"),
        (14, "", "duplicate"),
        (17, "", "duplicate"),
    ]
    assert all(e["message"] for e in result["errors"])
    assert "Không có chỉ tiêu «XYZ»" in raw  # UTF-8, not ASCII-escaped
    assert not DataValue.objects.exists()


def test_missing_columns_are_row_one_errors(tmp_path):
    path = csv_file(tmp_path, ["indicator,period,comment", "GTSX,202401,", "GTSX,202402,"])
    code, result, _raw = imported(path)
    assert code == 2
    assert result == {
        "rows": 2,
        "valid": 0,
        "written": 0,
        "errors": [
            {"row": 1, "column": "province", "code": "missing_column", "message": "Thiếu cột «province»."},
            {"row": 1, "column": "value", "code": "missing_column", "message": "Thiếu cột «value»."},
        ],
    }


def test_xlsx_numeric_cells_and_texts(tmp_path):
    path = xlsx_file(tmp_path, ("province", "indicator", "period", "value"), [
        (1, "GTSX", 202401, 45210.25),         # numeric cells: province 1 is "01", period 202401
        ("31", "GTSX", "202401", "1234.5"),    # texts
        ("48", "GTSX", "202601", 250),
        ("79", "IIP", "202601", "1.234,5"),    # bad_value
        ("79", "IIP", "202601", True),         # bad_value, and a repeat of row 5's key
    ])  # fmt: skip
    code, result, _raw = imported(path)
    assert code == 2 and result["valid"] == 3
    assert [(e["row"], e["code"]) for e in result["errors"]] == [
        (5, "bad_value"),
        (6, "bad_value"),
        (6, "duplicate"),
    ]
    path = xlsx_file(tmp_path, ("province", "indicator", "period", "value"), [
        (1, "GTSX", 202401, 45210.25), ("31", "GTSX", "202401", "1234.5"), ("48", "GTSX", "202601", 250),
    ], name="ok.xlsx")  # fmt: skip
    code, result, _raw = imported(path)
    assert (code, result["written"]) == (0, 3)
    stored = {
        (v.province.code, v.province.version, v.value) for v in DataValue.objects.select_related("province")
    }
    assert stored == {
        ("01", "63", Decimal("45210.25")),
        ("31", "63", Decimal("1234.5")),
        ("48", "34", Decimal(250)),
    }
    assert all(v.state == "approved" for v in DataValue.objects.all())  # the data manager's official figures


def test_dry_run_writes_nothing(tmp_path):
    path = csv_file(tmp_path, [HEADER, "GTSX,202401,31,20000,", "IIP,202401,31,120,"])
    code, result, _raw = imported(path, "--dry-run")
    assert (code, result) == (0, {"rows": 2, "valid": 2, "written": 0, "errors": []})
    assert not DataValue.objects.exists()


def test_a_stored_key_is_replaced_and_its_history_kept(tmp_path):
    put("GTSX", "202401", "31", 20000)
    put("IIP", "202401", "31", 120)
    path = csv_file(tmp_path, [HEADER, "GTSX,202401,31,21000,sửa theo số chính thức", "IIP,202401,31,120,",
                               "GTSX,202402,31,19000,"])  # fmt: skip
    code, result, _raw = imported(path)
    assert (code, result["rows"], result["valid"], result["written"]) == (0, 3, 3, 2)  # 1 changed + 1 new
    value = DataValue.objects.get(indicator__code="GTSX", period_start="2024-01-01")
    assert (value.value, value.comment) == (Decimal(21000), "sửa theo số chính thức")
    history = list(value.history.order_by("history_id").values_list("history_type", "value"))
    assert history[-1] == ("~", Decimal(21000))
    new = DataValue.objects.get(indicator__code="GTSX", period_start="2024-02-01")
    assert list(new.history.values_list("history_type", "value")) == [("+", Decimal(19000))]


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "values.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    code, result, _raw = imported(path)
    assert code == 2 and result["errors"][0]["code"] == "bad_file" and result["written"] == 0
    path.write_bytes("indicator,period,province,value\nGTSX,202401,31,\xff\n".encode("latin-1"))
    code, result, _raw = imported(path)
    assert code == 2 and result["errors"][0]["code"] == "bad_file"


# ---- aggregate --------------------------------------------------------------------------------------


def aggregate(indicator, period, by):
    code, out, err = run("aggregate", "--indicator", indicator, "--period", period, "--by", by, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["indicator"], data["period"], data["by"]) == (indicator, period, by)
    assert [r["key"] for r in data["rows"]] == sorted(r["key"] for r in data["rows"])
    return {r["key"]: r for r in data["rows"]}


@pytest.fixture
def june_2024():
    # Hải Dương (30) and Hải Phòng (31) became today's Hải Phòng (31); Hà Nội (01) kept its code.
    put_many([
        ("GTSX", "202406", "30", 25000), ("IIP", "202406", "30", "108.5"),
        ("GTSX", "202406", "31", 55000), ("IIP", "202406", "31", "112.0"),
        ("GTSX", "202406", "01", 90000), ("IIP", "202406", "01", "107.3"),
        ("GTSX", "202406", "33", 15000),                      # Hưng Yên: no IIP
        ("GTSX", "202406", "34", 9000), ("IIP", "202406", "34", "104"),  # Thái Bình
    ])  # fmt: skip


def test_by_province_as_it_was(june_2024):
    rows = aggregate("IIP", "202406", "province")
    assert len(rows) == 63
    assert rows["30"] == {
        "key": "30",
        "name": "Tỉnh Hải Dương",
        "value": 108.5,
        "complete": True,
        "components": 1,
    }
    assert rows["33"] == {
        "key": "33",
        "name": "Tỉnh Hưng Yên",
        "value": None,
        "complete": False,
        "components": 1,
    }


def test_by_today_34_rolls_up_the_predecessors(june_2024):
    rows = aggregate("IIP", "202406", "province34")
    assert len(rows) == 34
    # (108.5 × 25,000 + 112.0 × 55,000) / 80,000 = 110.90625
    assert rows["31"] == {"key": "31", "name": "Thành phố Hải Phòng", "value": 110.90625, "complete": True,
                          "components": 2}  # fmt: skip
    assert rows["01"]["value"] == 107.3 and rows["01"]["components"] == 1
    # Hưng Yên (33) = Hưng Yên + Thái Bình: Hưng Yên's index is missing → incomplete, never partial
    assert rows["33"] == {
        "key": "33",
        "name": "Tỉnh Hưng Yên",
        "value": None,
        "complete": False,
        "components": 2,
    }
    gtsx = aggregate("GTSX", "202406", "province34")
    assert gtsx["31"]["value"] == 80000 and gtsx["33"]["value"] == 24000
    assert gtsx["25"] == {
        "key": "25",
        "name": "Tỉnh Phú Thọ",
        "value": None,
        "complete": False,
        "components": 3,
    }


def test_after_the_merger_the_34_are_single_units():
    put_many([("GTSX", "202601", "31", 81000), ("IIP", "202601", "31", "111.2")])
    rows = aggregate("IIP", "202601", "province34")
    assert rows["31"] == {
        "key": "31",
        "name": "Thành phố Hải Phòng",
        "value": 111.2,
        "complete": True,
        "components": 1,
    }
    assert aggregate("IIP", "202601", "province").keys() == rows.keys()


def test_ratio_is_recomputed_from_its_components():
    put_many([
        ("GTCNNT", "2024", "30", 5000), ("LDCNNT", "2024", "30", 40000), ("NSLDCNNT", "2024", "30", 125),
        ("GTCNNT", "2024", "31", 8000), ("LDCNNT", "2024", "31", 50000), ("NSLDCNNT", "2024", "31", 160),
    ])  # fmt: skip
    rows = aggregate("NSLDCNNT", "2024", "province34")
    # (5,000 + 8,000) / (40,000 + 50,000) × 1000 = 144.444…, not the mean of 125 and 160 (142.5)
    assert rows["31"]["value"] == pytest.approx(13000 / 90000 * 1000, rel=1e-15) and rows["31"]["complete"]
    assert aggregate("NSLDCNNT", "2024", "province")["31"]["value"] == 160  # a single unit: as stored


def test_country_and_regions():
    rows = [("GTSX", "202406", code, 100) for code in _codes_63()]
    put_many(rows)
    assert aggregate("GTSX", "202406", "country") == {
        "VN": {"key": "VN", "name": "Cả nước", "value": 6300, "complete": True, "components": 63}
    }
    regions = aggregate("GTSX", "202406", "region:socio_economic")
    assert len(regions) == 6
    assert regions["Đồng bằng sông Hồng"] == {
        "key": "Đồng bằng sông Hồng", "name": "Đồng bằng sông Hồng", "value": 1100, "complete": True,
        "components": 11,
    }  # fmt: skip
    steering = aggregate("GTSX", "202406", "region:steering_committee")
    assert steering["Tây Nguyên"]["value"] == 500 and steering["Tây Nguyên"]["components"] == 5
    DataValue.objects.filter(province__code="62", province__version="63").delete()  # Kon Tum missing
    assert aggregate("GTSX", "202406", "country")["VN"]["value"] is None
    assert aggregate("GTSX", "202406", "region:steering_committee")["Tây Nguyên"]["complete"] is False


def test_regions_after_the_merger_refuse_a_unit_only_partly_inside():
    put_many([("GTSX", "202601", code, 100) for code in _codes_34()])
    steering = aggregate("GTSX", "202601", "region:steering_committee")
    # Tây Nguyên's old members now lie in Quảng Ngãi (with Kon Tum), Gia Lai, Đắk Lắk and Lâm Đồng, each
    # also made of units outside the region: no honest sum exists
    assert steering["Tây Nguyên"] == {"key": "Tây Nguyên", "name": "Tây Nguyên", "value": None,
                                      "complete": False, "components": 4}  # fmt: skip
    assert aggregate("GTSX", "202601", "country")["VN"] == {
        "key": "VN", "name": "Cả nước", "value": 3400, "complete": True, "components": 34
    }  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [
        ("--indicator", "NOPE", "--period", "202401", "--by", "province"),
        ("--indicator", "GTSX", "--period", "2024M1", "--by", "province"),
        ("--indicator", "GTSX", "--period", "2024", "--by", "province"),
        ("--indicator", "GTSX", "--period", "202401", "--by", "district"),
        ("--indicator", "GTSX", "--period", "202401", "--by", "region:macro_nowhere"),
    ],
)
def test_aggregate_refusals_print_one_line_on_stderr(argv):
    code, out, err = run("aggregate", *argv, "--json")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("cndp indicators aggregate: ")


def _codes_63():
    from cndp.places.models import Province

    return list(Province.objects.filter(version="63").values_list("code", flat=True))


def _codes_34():
    from cndp.places.models import Province

    return list(Province.objects.filter(version="34").values_list("code", flat=True))
