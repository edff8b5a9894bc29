"""What an uploaded file really is, and whether it is safe to open (kiểm tra tệp trước khi đọc).

Checked on the bytes, before openpyxl sees them: the size of the upload; the kind of file from its first
bytes (an .xlsx is a ZIP, "PK\\x03\\x04"; an .xls, or an .xlsx protected by a password, is an OLE2
compound file, "D0 CF 11 E0", the encrypted one holding an «EncryptedPackage» stream; a CSV, HTML or PDF
file renamed .xlsx is recognised too); and, for a ZIP, what it unzips to (a shared-strings "bomb" of a few
hundred KB unzips to hundreds of MB, which openpyxl would parse whole into memory even in read-only mode).
The sizes declared in the ZIP directory can be trusted as an upper bound: Python's zipfile stops a
member at its declared size and fails its CRC check if it holds more. Each check returns the
Vietnamese message for the user, or None. No Django models, no openpyxl.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _

from cndp.core.numbers import number

MAX_FILE_BYTES = 5 * 1024 * 1024  # an upload; a list of 5,000 rows is well under 1 MB
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # the whole workbook unzipped (worksheets are streamed)
# A part that openpyxl parses whole into memory (shared strings, styles, the workbook, relationships):
# 4 MB of shared strings take about 3 s and 40 MB of memory to read; a 5,000-row list needs under 2 MB.
MAX_PARSED_PART_BYTES = 4 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _save_as_xlsx() -> str:
    return _("mở tệp bằng Excel, chọn Tệp → Lưu thành → «Sổ làm việc Excel (*.xlsx)» rồi tải tệp mới lên.")


def _megabytes(size: int) -> str:
    """12.5 MB in the interface language's style: «12,5» (vi), «12.5» (en)."""
    return number(Decimal(size) / (1024 * 1024), 1)


def upload_too_big(size: int, limit: int = MAX_FILE_BYTES) -> str | None:
    """The message for an upload of `size` bytes over `limit`, or None."""
    if size <= limit:
        return None
    return _("Tệp lớn %(size)s MB, quá giới hạn %(n)s MB: hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {
        "size": _megabytes(size),
        "n": limit // (1024 * 1024),
    }


def read_upload(file, limit: int = MAX_FILE_BYTES) -> tuple[bytes, str | None]:
    """(the bytes of `file`, None) — `file` an uploaded file, a file object or bytes — or (b"", the
    message) when it is over `limit`; never reads more than `limit` + 1 bytes."""
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if isinstance(size, int) and size > limit:
            return b"", upload_too_big(size, limit)
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(limit + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > limit:
            return b"", upload_too_big(size if isinstance(size, int) else len(data), limit)
    problem = upload_too_big(len(data), limit)
    return (b"", problem) if problem else (data, None)


def sniff(data: bytes) -> str | None:
    """None if `data` looks like an .xlsx that is safe to hand to openpyxl, else why not (in Vietnamese,
    with what to do)."""
    if not data.strip():
        return _("Tệp rỗng (không có nội dung): hãy chọn lại tệp Excel .xlsx theo tệp mẫu.")
    if data.startswith(OLE2_MAGIC):
        return _ole2(data)
    if data.startswith(ZIP_MAGIC) or data.startswith(EMPTY_ZIP_MAGIC):
        return _zip(data)
    if data.startswith(b"%PDF"):
        return _(
            "Không đọc được tệp: đây là tệp PDF, không phải bảng tính. Hãy dùng tệp Excel .xlsx theo tệp mẫu."
        )
    text = _as_text(data)
    if text is None:
        return _("Không đọc được tệp: đây không phải tệp Excel .xlsx. Hãy dùng tệp mẫu.")
    head = text.lstrip()[:2000].lower()
    if head.startswith("<"):
        return (
            _(
                "Không đọc được tệp: đây là trang HTML hoặc XML được đặt đuôi Excel (thường do phần mềm khác "
                "xuất ra), không phải tệp .xlsx: "
            )
            + _save_as_xlsx()
        )
    first_line = head.splitlines()[0] if head.splitlines() else ""
    if any(separator in first_line for separator in (",", ";", "\t")):
        return (
            _(
                "Không đọc được tệp: đây là tệp văn bản CSV (các cột cách nhau bằng dấu phẩy, chấm phẩy hoặc "
                "tab) được đổi tên, không phải tệp .xlsx. Hãy mở bằng Excel (chọn bảng mã UTF-8 nếu chữ tiếng "
                "Việt bị lỗi), kiểm tra các cột, rồi "
            )
            + _save_as_xlsx()
        )
    return _("Không đọc được tệp: đây là tệp văn bản thuần, không phải tệp Excel .xlsx. Hãy dùng tệp mẫu.")


def _as_text(data: bytes) -> str | None:
    sample = data[:4096]
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if sample.startswith(bom):
            return sample[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in sample:
        return None
    text = sample.decode("utf-8", errors="replace")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return text if printable >= 0.95 * len(text) else None


def _ole2(data: bytes) -> str:
    """An OLE2 compound file: a password-protected .xlsx, an .xls, or something else (a .doc)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _(
            "Không đọc được tệp: tệp Excel đang được đặt mật khẩu (mã hóa). Hãy mở bằng Excel, chọn Tệp → "
            "Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi tải lên."
        )
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return (
            _("Không đọc được tệp: đây là tệp Excel 97–2003 (.xls), hệ thống chỉ đọc .xlsx. Hãy ")
            + _save_as_xlsx()
        )
    return _("Không đọc được tệp: đây là tệp Office cũ (không phải bảng tính Excel .xlsx). Hãy dùng tệp mẫu.")


def _zip(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return _(
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc tải lên chưa hết. Hãy mở bằng Excel, lưu lại rồi tải lên."
        )
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            return _("Không đọc được tệp: đây là bảng tính OpenDocument (.ods). Hãy ") + _save_as_xlsx()
        if "word/document.xml" in names:
            return _(
                "Không đọc được tệp: đây là văn bản Word, không phải bảng tính. Hãy dùng tệp Excel .xlsx."
            )
        return _("Không đọc được tệp: tệp nén này không phải tệp Excel .xlsx. Hãy dùng tệp mẫu.")
    if any(member.flag_bits & 0x1 for member in members):
        return _("Không đọc được tệp: tệp nén được đặt mật khẩu. Hãy bỏ mật khẩu, lưu lại rồi tải lên.")
    return unzipped_problem(members, len(data))


def unzipped_problem(members: list[zipfile.ZipInfo], upload_size: int) -> str | None:
    """A workbook whose ZIP would unzip beyond the limits (a "ZIP bomb"), else None."""
    total = sum(member.file_size for member in members)
    biggest = max(
        (m for m in members if not m.filename.startswith(("xl/worksheets/", "xl/media/"))),
        key=lambda m: m.file_size,
        default=None,
    )
    too_many = len(members) > MAX_ZIP_MEMBERS
    too_big = total > MAX_UNZIPPED_BYTES
    part_too_big = biggest is not None and biggest.file_size > MAX_PARSED_PART_BYTES
    if not (too_many or too_big or part_too_big):
        return None
    unzipped = biggest.file_size if part_too_big and not too_big else total
    return _(
        "Tệp không được đọc để bảo vệ hệ thống: tệp tải lên %(upload)s MB nhưng khi giải nén lớn %(size)s MB "
        "(có thể chứa hàng triệu ô hoặc dòng trống, hoặc bị cố ý làm phình). Hãy chép riêng vùng dữ liệu "
        "sang một tệp mới theo tệp mẫu rồi tải lên."
    ) % {"upload": _megabytes(upload_size), "size": _megabytes(unzipped)}
