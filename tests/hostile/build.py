"""Build the corpus of hostile Excel files (tệp Excel độc hại) that every import must refuse cleanly.

Run from the repository root: `python tests/hostile/build.py`. It rewrites `tests/hostile/files/`:
`common/` holds files refused whatever the import (bombs, .xls, encrypted, CSV / HTML / PDF renamed,
broken ZIPs, XML attacks), `party/` and `extension/` the files that carry the header of that import and
are hostile in a row or a sheet (formulas, invisible characters, legacy encodings, a header too low or on
another sheet, runs of blank rows, a lying <dimension>). `CASES` says what each file must produce; the
test `test_hostile.py` reads it. The files are deterministic and small (the bomb is ~300 KB and unzips to
100 MB) so that they are committed.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
FIXED_DATE = (2026, 1, 1, 0, 0, 0)

PARTY_HEADER = [
    "Họ và tên",
    "Giới tính (Nam/Nữ)",
    "Ngày sinh",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Số thẻ đảng viên",
]
PARTY_ROW = ["Nguyễn Văn Thử", "Nam", "12/05/1980", "cb-vp", "10/06/2015", "", ""]
EXTENSION_HEADER = [
    "Mã đề án",
    "Năm kế hoạch",
    "Tên đề án",
    "Mã chương trình",
    "Tỉnh/thành phố",
    "Đơn vị thực hiện",
    "Xã/phường",
    "Làng nghề",
    "Nội dung hoạt động",
    "Ngành nghề",
    "Bắt đầu",
    "Kết thúc",
    "Kinh phí khuyến công",
    "Kinh phí đối ứng",
]
EXTENSION_ROW = [
    "HOSTILE-001",
    2024,
    "Hỗ trợ ứng dụng máy sấy nông sản",
    "ctkcqg-2021-2025",
    "Tỉnh Long An",
    "ttkc-80",
    "Tân Lập",
    "",
    "machinery",
    "agro_processing",
    "01/03/2024",
    "30/11/2024",
    "250.000.000",
    "350.000.000",
]
IMPORTS = {
    # import: (header, a valid row, the column of the name, a date column, its title for the messages)
    "party": (PARTY_HEADER, PARTY_ROW, 0, 2, "Họ và tên"),
    "extension": (EXTENSION_HEADER, EXTENSION_ROW, 2, 10, "Tên đề án"),
}

# What each file must produce: a fragment of the message, and the Excel row it names (0: the file), or
# ("rows", n) for a file that is valid and must be read in full.
COMMON: dict[str, tuple[str, int]] = {
    "bomb-shared-strings.xlsx": ("khi giải nén lớn", 0),
    "bomb-styles.xlsx": ("khi giải nén lớn", 0),
    "bomb-many-parts.xlsx": ("khi giải nén lớn", 0),
    "bomb-lying-size.xlsx": ("bị hỏng", 0),
    "excel-97.xls": ("Excel 97–2003 (.xls)", 0),
    "excel-97-renamed.xlsx": ("Excel 97–2003 (.xls)", 0),
    "encrypted.xlsx": ("đặt mật khẩu", 0),
    "word-97.doc.xlsx": ("tệp Office cũ", 0),
    "csv-renamed.xlsx": ("tệp văn bản CSV", 0),
    "csv-windows-1258.xlsx": ("tệp văn bản CSV", 0),
    "html-renamed.xls": ("trang HTML hoặc XML", 0),
    "spreadsheetml-2003.xml.xlsx": ("trang HTML hoặc XML", 0),
    "pdf-renamed.xlsx": ("tệp PDF", 0),
    "empty.xlsx": ("Tệp rỗng", 0),
    "random-bytes.xlsx": ("không phải tệp Excel", 0),
    "truncated.xlsx": ("bị hỏng", 0),
    "opendocument.ods.xlsx": ("OpenDocument (.ods)", 0),
    "word.docx.xlsx": ("văn bản Word", 0),
    "zip-not-excel.xlsx": ("không phải tệp Excel", 0),
    "zip-password.xlsx": ("đặt mật khẩu", 0),
    "billion-laughs.xlsx": ("bị hỏng", 0),
    "external-entity.xlsx": ("bị hỏng", 0),
    "no-visible-sheet.xlsx": ("mọi trang đều bị ẩn", 0),
}
PER_IMPORT: dict[str, tuple[str, int]] = {
    "formula-hyperlink.xlsx": ("ô chứa công thức «=HYPERLINK(", 2),
    "formula-dde.xlsx": ("ô chứa công thức «=cmd|", 2),
    "formula-in-date.xlsx": ("ô chứa công thức «=DATE(2015,6,10)»", 2),
    "error-value.xlsx": ("lỗi công thức «#REF!»", 2),
    "rtl-override.xlsx": ("U+202E", 2),
    "bidi-isolate.xlsx": ("U+2066", 2),
    "zero-width-space.xlsx": ("U+200B", 2),
    "control-character.xlsx": ("ký tự điều khiển U+0007", 2),
    "tcvn3-name.xlsx": ("bảng mã TCVN3", 2),
    "vni-name.xlsx": ("bảng mã VNI", 2),
    "utf8-misread-name.xlsx": ("UTF-8", 2),
    "header-below-row-10.xlsx": ("đang ở dòng 14", 0),
    "data-on-second-sheet.xlsx": ("Danh sách nằm ở trang «Danh sách»", 0),
    "hidden-first-sheet.xlsx": ("Danh sách nằm ở trang «Ẩn»", 0),
    "blank-run-then-data.xlsx": ("dòng trống liên tiếp", 1002),
    "gap-to-last-row.xlsx": ("dòng trống liên tiếp", 1002),
    "too-many-rows.xlsx": ("quá 5000 dòng", 5002),
    "lying-dimension.xlsx": ("rows", 10),
    "cell-in-column-xfd.xlsx": ("rows", 3),
}


def _zip(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=9) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = compression
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def _parts(wb: Workbook) -> dict[str, bytes]:
    """The parts of a workbook saved by openpyxl, with fixed dates (the files are deterministic)."""
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(*FIXED_DATE)
    buffer = io.BytesIO()
    wb.save(buffer)
    archive = zipfile.ZipFile(buffer)
    parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", parts["docProps/core.xml"]
    )
    return parts


def _workbook(rows, header=None, title="Danh sách") -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    if header:
        ws.append(header)
    for row in rows:
        ws.append(row)
    return wb


def _xlsx(wb: Workbook, patch=None) -> bytes:
    parts = _parts(wb)
    if patch:
        patch(parts)
    return _zip(parts)


# ---- OLE2 (compound file): .xls, .doc and password-protected .xlsx ------------------------------------


def _ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal valid compound file (version 3, 512-byte sectors) holding `streams`, each stored in
    regular sectors (padded to 4096 bytes, the mini-stream cut-off)."""
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    streams = {name: data.ljust(4096, b"\0") for name, data in streams.items()}
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for data in streams.values():
        count = len(data) // 512 + (1 if len(data) % 512 else 0)
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name, kind, child=no_stream, right=no_stream, start=end, size=0) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + b"\0" * 16  # CLSID
            + b"\0" * 4  # state bits
            + b"\0" * 16  # times
            + struct.pack("<IIi", start, size, 0)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, child=1)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else no_stream
        directory += entry(name, 2, right=right, start=starts[index], size=len(streams[name]))
    directory = directory.ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(streams.values())


# ---- common files ----------------------------------------------------------------------------------------

CONTENT_TYPE_SST = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
REL_SST = (
    b'<Relationship Id="rIdSst" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/>'
)


def bomb_shared_strings() -> bytes:
    """427 KB that raised the server to 978 MB: here 100 MB of identical shared strings, ~300 KB zipped."""
    parts = _parts(_workbook([["x"]]))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", CONTENT_TYPE_SST + b"</Types>"
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", REL_SST + b"</Relationships>")
    count = 100 * 1024 * 1024 // 20
    body = b"<si><t>aaaaaaa</t></si>" * count
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">' % count
        + body
        + b"</sst>"
    )
    return _zip(parts)


def bomb_styles() -> bytes:
    parts = _parts(_workbook([["x"]]))
    parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(
        b"<fonts", b" " * (20 * 1024 * 1024) + b"<fonts", 1
    )
    return _zip(parts)


def bomb_many_parts() -> bytes:
    parts = _parts(_workbook([["x"]]))
    for index in range(1001):
        parts[f"customXml/item{index}.xml"] = b"<a/>"
    return _zip(parts)


def bomb_lying_size() -> bytes:
    """A part whose ZIP directory declares 1 KB but that inflates to 50 MB: the reader must stop at 1 KB."""
    parts = _parts(_workbook([["x"]]))
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(b"<sheetData>", b"<sheetData>" + b" " * (50 * 1024 * 1024), 1)
    data = bytearray(_zip(parts))
    encoded = name.encode()
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for match in re.finditer(re.escape(signature), data):
            start = match.start()
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[
                0
            ]
            header_length = 30 if signature == b"PK\x03\x04" else 46
            if data[start + header_length : start + header_length + name_length] == encoded:
                struct.pack_into("<I", data, start + size_offset, 1024)
    return bytes(data)


def truncated() -> bytes:
    data = _xlsx(_workbook([PARTY_ROW] * 20, PARTY_HEADER))
    return data[: len(data) // 2]


def zip_password() -> bytes:
    data = bytearray(_xlsx(_workbook([PARTY_ROW], PARTY_HEADER)))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for match in re.finditer(re.escape(signature), data):
            flags = struct.unpack_from("<H", data, match.start() + flag_offset)[0]
            struct.pack_into("<H", data, match.start() + flag_offset, flags | 0x1)
    return bytes(data)


def _with_sheet_xml(xml: bytes) -> bytes:
    parts = _parts(_workbook([["x"]]))
    parts["xl/worksheets/sheet1.xml"] = xml
    return _zip(parts)


def billion_laughs() -> bytes:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10)
    )
    return _with_sheet_xml(
        b'<?xml version="1.0"?><!DOCTYPE worksheet [' + entities + b"]>"
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )


def external_entity() -> bytes:
    return _with_sheet_xml(
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>'
    )


def no_visible_sheet() -> bytes:
    def hide(parts):
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'state="visible"', b'state="hidden"')

    return _xlsx(_workbook([PARTY_ROW], PARTY_HEADER), hide)


def common_files() -> dict[str, bytes]:
    csv = "\n".join(",".join(map(str, row)) for row in [PARTY_HEADER, PARTY_ROW])
    html = (
        "<html><body><table><tr>"
        + "".join(f"<td>{t}</td>" for t in PARTY_HEADER)
        + "</tr></table></body></html>"
    )
    xml2003 = (
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1">'
        '<Table><Row><Cell><Data ss:Type="String">Họ và tên</Data></Cell></Row></Table></Worksheet></Workbook>'
    )
    xls = _ole2(
        {"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 512, "\x05SummaryInformation": b"\0" * 64}
    )
    return {
        "bomb-shared-strings.xlsx": bomb_shared_strings(),
        "bomb-styles.xlsx": bomb_styles(),
        "bomb-many-parts.xlsx": bomb_many_parts(),
        "bomb-lying-size.xlsx": bomb_lying_size(),
        "excel-97.xls": xls,
        "excel-97-renamed.xlsx": xls,
        "encrypted.xlsx": _ole2(
            {
                "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 64,
                "EncryptedPackage": b"\x01" * 600,
            }
        ),
        "word-97.doc.xlsx": _ole2({"WordDocument": b"\xec\xa5" + b"\0" * 100}),
        "csv-renamed.xlsx": csv.encode("utf-8-sig"),
        "csv-windows-1258.xlsx": "Ho ten;Gioi tinh\nNguyen Van A;Nam\n".encode("cp1258")
        + "Trần;Nữ\n".encode("cp1258", errors="replace"),
        "html-renamed.xls": html.encode("utf-8"),
        "spreadsheetml-2003.xml.xlsx": xml2003.encode("utf-8"),
        "pdf-renamed.xlsx": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        "empty.xlsx": b"",
        "random-bytes.xlsx": random.Random(8).randbytes(4096),
        "truncated.xlsx": truncated(),
        "opendocument.ods.xlsx": _zip(
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"},
            zipfile.ZIP_STORED,
        ),
        "word.docx.xlsx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        "zip-not-excel.xlsx": _zip({"readme.txt": "Danh sách đảng viên".encode()}),
        "zip-password.xlsx": zip_password(),
        "billion-laughs.xlsx": billion_laughs(),
        "external-entity.xlsx": external_entity(),
        "no-visible-sheet.xlsx": no_visible_sheet(),
    }


# ---- files with an import's header -----------------------------------------------------------------------


def _with_cell(kind: str, column: int, value) -> bytes:
    header, row = IMPORTS[kind][0], list(IMPORTS[kind][1])
    row[column] = value
    return _xlsx(_workbook([row], header))


def _control_character(kind: str) -> bytes:
    """openpyxl refuses to write a control character: the cell is written as Excel escapes it (_x0007_)."""
    header, row, name = IMPORTS[kind][0], list(IMPORTS[kind][1]), IMPORTS[kind][2]
    row[name] = "Nguyễn ZZBELLZZ Văn"

    def escape(parts):
        for part, data in parts.items():
            parts[part] = data.replace(b"ZZBELLZZ", b"_x0007_")

    return _xlsx(_workbook([row], header), escape)


def _header_low(kind: str) -> bytes:
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]
    titles = [["DANH SÁCH"]] + [[]] * 12
    wb = _workbook(titles + [header, row])
    return _xlsx(wb)


def _second_sheet(kind: str, hidden: bool) -> bytes:
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]
    wb = Workbook()
    first = wb.active
    first.title = "Ghi chú"
    first.append(["Danh sách gửi Cục, xem trang sau."])
    data = wb.create_sheet("Ẩn" if hidden else "Danh sách")
    data.append(header)
    data.append(row)
    if hidden:
        wb.move_sheet(data, offset=-1)
        data.sheet_state = "hidden"
        wb.active = 1
    return _xlsx(wb)


def _blank_run(kind: str, gap: bool) -> bytes:
    """A row, 1,000+ blank rows (formatted, or a gap to the last row of a sheet), then a row: reading stops
    at the run of blank rows with a message, never silently before the last row."""
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]
    wb = _workbook([row], header)
    ws = wb.active
    if gap:
        ws.cell(row=1_048_576, column=1, value=row[0])
    else:
        for line in range(3, 5003):
            ws.cell(row=line, column=1).number_format = "@"
        ws.append(row)
    return _xlsx(wb)


def _too_many_rows(kind: str) -> bytes:
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]
    return _xlsx(_workbook([row] * 5001, header))


def _lying_dimension(kind: str) -> bytes:
    """Ten data rows, but the sheet declares A1:G3 (openpyxl's read-only mode trusts it)."""
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]

    def lie(parts):
        name = "xl/worksheets/sheet1.xml"
        parts[name] = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:G3"', parts[name])

    return _xlsx(_workbook([row] * 10, header), lie)


def _column_xfd(kind: str) -> bytes:
    header, row = IMPORTS[kind][0], IMPORTS[kind][1]
    wb = _workbook([row] * 3, header)
    for line in range(1, 5):
        wb.active.cell(row=line, column=16384, value="xa quá bên phải")
    return _xlsx(wb)


def import_files(kind: str) -> dict[str, bytes]:
    _header, _row, name, date, _title = IMPORTS[kind]
    return {
        "formula-hyperlink.xlsx": _with_cell(
            kind, name, '=HYPERLINK("http://example.invalid/x","Bấm vào đây")'
        ),
        "formula-dde.xlsx": _with_cell(kind, name, "=cmd|' /C calc'!A0"),
        "formula-in-date.xlsx": _with_cell(kind, date, "=DATE(2015,6,10)"),
        "error-value.xlsx": _with_cell(kind, name, "#REF!"),
        "rtl-override.xlsx": _with_cell(kind, name, "Nguyễn \u202eVăn Thử"),
        "bidi-isolate.xlsx": _with_cell(kind, name, "\u2066Nguyễn Văn Thử\u2069"),
        "zero-width-space.xlsx": _with_cell(kind, name, "Nguyễn\u200b Văn Thử"),
        "control-character.xlsx": _control_character(kind),
        "tcvn3-name.xlsx": _with_cell(kind, name, "NguyÔn V¨n Thö"),
        "vni-name.xlsx": _with_cell(kind, name, "Nguyeãn Vaên Thöû"),
        "utf8-misread-name.xlsx": _with_cell(kind, name, "Nguyá»…n VÄƒn Thá»­"),
        "header-below-row-10.xlsx": _header_low(kind),
        "data-on-second-sheet.xlsx": _second_sheet(kind, hidden=False),
        "hidden-first-sheet.xlsx": _second_sheet(kind, hidden=True),
        "blank-run-then-data.xlsx": _blank_run(kind, gap=False),
        "gap-to-last-row.xlsx": _blank_run(kind, gap=True),
        "too-many-rows.xlsx": _too_many_rows(kind),
        "lying-dimension.xlsx": _lying_dimension(kind),
        "cell-in-column-xfd.xlsx": _column_xfd(kind),
    }


def build() -> dict[Path, bytes]:
    files = {FILES / "common" / name: data for name, data in common_files().items()}
    for kind in IMPORTS:
        files.update({FILES / kind / name: data for name, data in import_files(kind).items()})
    return files


def main() -> None:
    files = build()
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(files)} files, {sum(map(len, files.values())) // 1024} KB")


if __name__ == "__main__":
    main()
