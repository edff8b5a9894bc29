"""`cndp tally FILE|-` as a real process: exit status, stdout, one stderr line, and no Django.

Contract: shared/specs/election-tally.md ("exits 2 with one clear line on standard error that names the
field … and prints nothing on standard output"). No database.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cndp.elections.counting import tally
from cndp.elections.tally_cli import main

CANDIDATES = [
    {"id": "c1", "name": "Nguyễn Văn An"},
    {"id": "c2", "name": "Trần Thị Bình"},
    {"id": "c3", "name": "Lê Thị Cúc"},
]


def request(ballots: list[dict] | None = None, **extra: object) -> dict:
    ballots = [{"crossed": ["c3"]}] * 5 + [{"crossed": ["c2"]}] if ballots is None else ballots
    data = {
        "election": "Bầu Ban Chấp hành Chi bộ khóa III, nhiệm kỳ 2015–2020",
        "congress": "members",
        "kind": "delegates",
        "seats": 2,
        "base": {"summoned": 8, "excluded": {"approved_absence": 1}},
        "candidates": CANDIDATES,
        "ballots_issued": 20 if len(ballots) > 7 else 7,
        "ballots": ballots,
    }
    if len(ballots) > 7:
        data["base"] = {"summoned": 20, "excluded": {}}
    data.update(extra)
    return data


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None, module: str = "cndp"):
    cmd = [sys.executable, "-m", module, *(["tally"] if module == "cndp" else []), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd, timeout=120)


def write(tmp_path: Path, content: bytes | str | dict | list, name: str = "request.json") -> Path:
    path = tmp_path / name
    if isinstance(content, dict | list):
        content = json.dumps(content, ensure_ascii=False, indent=1)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def assert_error(proc: subprocess.CompletedProcess, line: str) -> None:
    assert proc.returncode == 2, proc
    assert proc.stdout == b""
    assert proc.stderr.decode("utf-8") == f"cndp tally: {line}\n"


# ---------------------------------------------------------------------------------------------------------
# Success
# ---------------------------------------------------------------------------------------------------------


def test_file_prints_the_result_json_utf8_indented(tmp_path):
    data = request()
    proc = run(str(write(tmp_path, data)))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    text = proc.stdout.decode("utf-8")
    assert text == json.dumps(tally(data), ensure_ascii=False, indent=2) + "\n"
    assert "Nguyễn Văn An".encode() in proc.stdout  # not ASCII-escaped
    assert "\\u" not in text
    assert text.splitlines()[1] == '  "election": "Bầu Ban Chấp hành Chi bộ khóa III, nhiệm kỳ 2015–2020",'
    result = json.loads(text)
    assert (result["base"], result["votes_needed"]) == (7, 4)
    assert result["elected"] == ["c1", "c2"]
    assert result["candidates"][0]["percent_of_base"] == 85.71  # 6 / 7
    assert '"percent_of_base": 85.71,' in text


def test_standard_input(tmp_path):
    data = request()
    proc = run("-", stdin=json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == tally(data)


def test_byte_order_mark_is_tolerated(tmp_path):
    proc = run(str(write(tmp_path, b"\xef\xbb\xbf" + json.dumps(request()).encode())))
    assert proc.returncode == 0, proc.stderr


def test_module_entry_point(tmp_path):
    proc = run(str(write(tmp_path, request())), module="cndp.elections.tally_cli")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"] == "complete"


def test_console_script_if_installed(tmp_path):
    script = Path(sys.executable).with_name("cndp")
    if not script.is_file():
        pytest.skip("no cndp console script next to this interpreter")
    proc = subprocess.run(
        [str(script), "tally", str(write(tmp_path, request()))], capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == tally(request())


def test_tie_and_shortfall_are_results_not_errors(tmp_path):
    tie = request([{"crossed": ["c1"]}, {"crossed": ["c2"]}, {"crossed": ["c3"]}] * 2)
    tie["base"] = {"summoned": 6, "excluded": {}}
    tie["ballots_issued"] = 6
    proc = run(str(write(tmp_path, tie)))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["outcome"] == "tie"
    assert result["tie"] == {"seats": 2, "candidates": ["c1", "c2", "c3"]}


# ---------------------------------------------------------------------------------------------------------
# Errors: exit 2, nothing on stdout, one line on stderr naming the field
# ---------------------------------------------------------------------------------------------------------


def test_contract_error_example(tmp_path):
    ballots = [{"crossed": ["c3"]}] * 17 + [{"crossed": ["c9"]}]
    proc = run(str(write(tmp_path, request(ballots))))
    assert_error(proc, 'ballots[17].crossed: unknown candidate "c9"')


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            request(kind="mayor"),
            'kind: unknown kind of election "mayor" (expected "committee", "standing_committee", '
            '"secretary", "deputy_secretary", "inspection_committee", "delegates" or "alternates")',
        ),
        (request(seats=True), "seats: must be an integer, got a boolean true"),
        (request(seats=4), "seats: 4 seats but only 3 candidates"),
        (request(ballots_issued=5), "ballots: 6 ballots collected but only 5 issued; the count stops"),
        (request(ballots_issued=9), "ballots_issued: 9 ballots issued but only 8 summoned"),
        (
            request([{"marks": {"c1": "agree"}}]),
            'ballots[0]: a list with surplus uses "crossed", not "marks"',
        ),
        (request([{"crossed": ["c1", "c1"]}]), 'ballots[0].crossed: candidate "c1" crossed out twice'),
        (
            request([{"invalid": "too_many"}]),
            'ballots[0].invalid: unknown reason "too_many" (the engine finds it '
            'itself); the counting board records "not_issued" or "added_name"',
        ),
        (
            request(base={"summoned": 8, "excluded": {"approved_absence": 8}}),
            "base: must be more than 0 (summoned 8 − excluded 8 = 0)",
        ),
        (
            request(candidates=CANDIDATES + [{"id": "c1", "name": "Phạm Văn Dũng"}]),
            'candidates[3].id: duplicate candidate id "c1" (also candidates[0])',
        ),
        (
            request(rules="190-QĐ/TW-2024"),
            'rules: unknown rule set "190-QĐ/TW-2024" (expected "244-QD/TW-2014" or "190-QD/TW-2024")',
        ),
        (
            request(kind="committee", seats=1),
            "candidates: 3 candidates for 1 seats is a surplus of 2, over 30 % of the seats for a committee (at most 0)",
        ),
        ([1, 2], "request: must be a JSON object, got a list"),
    ],
)
def test_rule_errors(tmp_path, data, line):
    assert_error(run(str(write(tmp_path, data))), line)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (
            b'{"election": "x",\n  "seats": }',
            "request.json: invalid JSON at line 2 column 12: Expecting value",
        ),
        (b"", "request.json: invalid JSON at line 1 column 1: Expecting value"),
        (b'{"a": 1} {"b": 2}', "request.json: invalid JSON at line 1 column 10: Extra data"),
        (b"[NaN]", "request.json: invalid JSON: NaN is not a JSON number"),
        (b'{"x": -Infinity}', "request.json: invalid JSON: -Infinity is not a JSON number"),
        (b"\xff{}", "request.json: not UTF-8 (byte 0xff at offset 0)"),
        ('{"election": "Bầu"}'.encode("utf-16"), "request.json: not UTF-8 (byte 0xff at offset 0)"),
        (b'{"election": "B\xe0u"}', "request.json: not UTF-8 (byte 0xe0 at offset 15)"),
        (b"[" * 100_000, "request.json: invalid JSON: nested too deeply"),
        (b'{"election": "a", "election": "b"}', "election: the key appears more than once"),
    ],
)
def test_malformed_files(tmp_path, content, line):
    write(tmp_path, content)
    assert_error(run("request.json", cwd=tmp_path), line)


def test_malformed_standard_input():
    assert_error(
        run("-", stdin=b"{"),
        "standard input: invalid JSON at line 1 column 2: Expecting property name enclosed in double quotes",
    )


def test_utf8_on_stderr_whatever_the_locale(tmp_path):
    data = request([{"crossed": ["Nguyễn"]}])
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "cndp", "tally", str(write(tmp_path, data))],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert_error(proc, 'ballots[0].crossed: unknown candidate "Nguyễn"')
    ok = subprocess.run(
        [sys.executable, "-m", "cndp", "tally", str(write(tmp_path, request()))],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0
    assert "Nguyễn Văn An".encode() in ok.stdout


def test_missing_file(tmp_path):
    assert_error(run("nope.json", cwd=tmp_path), 'cannot read "nope.json": No such file or directory')


def test_directory_instead_of_file(tmp_path):
    assert_error(run(".", cwd=tmp_path), 'cannot read ".": Is a directory')


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            (),
            "expected one argument, a request FILE or - for standard input, got 0 (usage: cndp tally FILE|-)",
        ),
        (
            ("a.json", "b.json"),
            "expected one argument, a request FILE or - for standard input, got 2 (usage: cndp tally FILE|-)",
        ),
    ],
)
def test_wrong_arguments(args, line):
    assert_error(run(*args), line)


def test_unknown_option_through_the_module():
    proc = run("--verbose", module="cndp.elections.tally_cli")
    assert_error(proc, 'unknown option "--verbose" (usage: cndp tally FILE|-)')


def test_help_through_the_module():
    proc = run("--help", module="cndp.elections.tally_cli")
    assert proc.returncode == 0
    assert b"usage: cndp tally FILE|-" in proc.stdout


# ---------------------------------------------------------------------------------------------------------
# No Django on the way
# ---------------------------------------------------------------------------------------------------------

CHILD = """
import sys
from cndp.elections.tally_cli import main
status = main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
assert not loaded, loaded
raise SystemExit(status)
"""


@pytest.mark.parametrize("ok", [True, False])
def test_main_never_imports_django(tmp_path, ok):
    data = request() if ok else request(kind="mayor")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(write(tmp_path, data))], capture_output=True, timeout=120
    )
    assert proc.returncode == (0 if ok else 2), proc.stderr


def test_the_cndp_command_never_imports_django(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cndp", "tally", str(write(tmp_path, request()))],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line]
    assert "cndp.elections.counting" in imported
    assert not [name for name in imported if name.split(".")[0] == "django"]


# ---------------------------------------------------------------------------------------------------------
# In process (the function the `cndp` console script calls)
# ---------------------------------------------------------------------------------------------------------


def test_main_in_process(tmp_path, capsys):
    assert main([str(write(tmp_path, request()))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == tally(request())
    assert gc.isenabled()


def test_main_in_process_error(tmp_path, capsys):
    assert main([str(write(tmp_path, request(seats=0)))]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "cndp tally: seats: must be at least 1, got 0\n"
    assert gc.isenabled()
