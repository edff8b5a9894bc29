"""The text check of every imported cell (core.importing.textcheck): legacy encodings and invisible
characters are found, ordinary Vietnamese — quotes, foreign names, NFD input, amounts with no-break
spaces — is not."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.core.importing import textcheck

# Real syllables: family, middle and given names, and words of project names, with every vowel and tone.
SYLLABLES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Hữu Đức Ngọc Thanh "
    "Xuân Quý Thuý Thuỷ Khoa Khoẻ Hoà Hoá Tuấn Tuyết Huyền Quyết Khuê Nguyệt Oanh Loan Uyên Yến Ánh Ấn "
    "Ẩn Ước Ưng Ơn Ủy Ý Hỗ trợ ứng dụng máy móc thiết bị tiên tiến sản xuất nông sản làng nghề truyền "
    "thống tỉnh thành phố Hà Nội Đà Nẵng Huế Cần Thơ Bắc Ninh Thái Nguyên Sơn La Điện Biên hợp tác xã"
).split()


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Văn An",
        "ĐẢNG BỘ CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
        "Hỗ trợ «máy sấy» nông sản",
        "Thuê, khoá, quý, buôn, xuân, tiên, yên, quà, khoẻ, Thuỷ",
        "José Muñoz",
        "Café Trung Nguyên",
        "1.250.000.000\u00a0đồng",
        "Dòng 1\nDòng 2\tcột",
        unicodedata.normalize("NFC", unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")),
    ],
)
def test_ordinary_text_passes(text):
    assert textcheck.problem(text) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("NguyÔn V¨n An", "TCVN3"),
        ("Hµ Néi", "TCVN3"),
        ("§¶ng bé", "TCVN3"),
        ("c«ng nghiÖp", "TCVN3"),
        ("n\u00adíc", "TCVN3"),
        ("Nguyeãn Vaên An", "VNI"),
        ("Haø Noäi", "VNI"),
        ("Ñaûng boä", "VNI"),
        ("Nguyá»…n VÄƒn An", "UTF-8"),
        ("Ä‘áº£ng", "UTF-8"),
        ("abc\u202edef", "U+202E"),
        ("\u2066Nguyễn\u2069", "U+2066"),
        ("Lê\u200b Hồng", "U+200B"),
        ("Lê\u200e Hồng", "U+200E"),
        ("\ufeffLê Hồng", "U+FEFF"),
        ("x\x07y", "U+0007"),
        ("x\x85y", "U+0085"),
        ("Tr\ufffdn", "ký tự lỗi"),
        ("gạch\u00admềm ", "TCVN3"),
        ("cuối\u00ad", "U+00AD"),
    ],
)
def test_hidden_and_legacy_text_is_named(text, words):
    message = textcheck.problem(text)
    assert message is not None and words in message
    if words in ("TCVN3", "VNI"):
        assert "Unikey" in message and "Unicode dựng sẵn" in message


@given(st.lists(st.sampled_from(SYLLABLES), max_size=12), st.sampled_from([str, str.upper, str.lower]))
def test_any_vietnamese_text_passes(words, case):
    text = case(" ".join(words))
    assert textcheck.problem(text) is None
    assert textcheck.problem(unicodedata.normalize("NFC", unicodedata.normalize("NFD", text))) is None
