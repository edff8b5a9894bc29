"""Legacy Vietnamese encodings in uploaded comments (indicators.legacy): VNI and TCVN3 read back as
Unicode with every tone and capital; ordinary Unicode and ASCII never taken for a legacy encoding."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cndp.core.importing import textcheck
from cndp.indicators import legacy

# Real words: names, places and the words of a comment, with every vowel, every tone and capitals.
WORDS = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Hữu Đức Ngọc Thanh "
    "Xuân Quý Thuý Thuỷ Khoa Khoẻ Hoà Hoá Tuấn Tuyết Huyền Quyết Khuê Nguyệt Oanh Loan Uyên Yến Ánh Ấn "
    "Ẩn Ước Ưng Ơn Ủy Ý Mỵ Hỗ trợ ứng dụng máy móc thiết bị tiên tiến sản xuất nông sản làng nghề "
    "truyền thống tỉnh thành phố Hà Nội Đà Nẵng Huế Cần Thơ Bắc Ninh Thái Nguyên Sơn La Điện Biên "
    "Đồng Nai Thừa Thiên Quảng Ngãi Bà Rịa Vũng Tàu Kỳ Lắk Nhà máy mới đi vào hoạt động tăng giảm "
    "do ảnh hưởng của bão lũ số liệu ước tính chưa đầy đủ"
).split()
TEXTS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join)
CASES = st.sampled_from([str, str.upper, str.lower, str.title])
# Letters VNI spells with a pair (a vowel and its mark byte) that neither Unicode nor TCVN3 spells in a
# Vietnamese word: all but ố ồ ỗ (also Unicode's old-style "oá oà oã"), ủ (also TCVN3's "uû", uỷ), and the
# capitals Ũ Ỹ Ấ Ẫ Ẩ Ậ (VNI's "UÕ", "YÕ", "AÊ"… are TCVN3's "Uế", "Yế", "Aấ"…).
_STRONG = set("áàảãạâấầẩẫậăắằẳẵặéèẻẽẹêếềểễệóòỏõọôổộớờởỡợúùũụứừửữựýỳỷỹ")
_STRONG |= {ch.upper() for ch in _STRONG} - set("ŨỸÂẤẪẨẬ")


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Haø Noäi", "Hà Nội"),
        ("Ñoàng Nai", "Đồng Nai"),
        ("Nguyeãn Vaên An", "Nguyễn Văn An"),
        ("Thöøa Thieân Hueá", "Thừa Thiên Huế"),
        ("Tröôøng", "Trường"),
        ("Quaûng Ngaõi", "Quảng Ngãi"),
        ("Ñaûng boä", "Đảng bộ"),
        ("ÑAÛNG BOÄ", "ĐẢNG BỘ"),
        ("THÖØA THIEÂN HUEÁ", "THỪA THIÊN HUẾ"),
        ("AÁn Ñoä", "Ấn Độ"),
        ("Mî Tho ôû Tieàn Giang", "Mỵ Tho ở Tiền Giang"),
        ("Thuyû lôïi", "Thuỷ lợi"),
        ("Nhaø maùy môùi ñi vaøo hoaït ñoäng", "Nhà máy mới đi vào hoạt động"),
        # the five tones on a, â, ă, e, ê, o, ô, ơ, u, ư, i, y
        ("aù aø aû aõ aï", "á à ả ã ạ"),
        ("aá aà aå aã aä", "ấ ầ ẩ ẫ ậ"),
        ("aé aè aú aü aë", "ắ ằ ẳ ẵ ặ"),
        ("eù eø eû eõ eï", "é è ẻ ẽ ẹ"),
        ("eá eà eå eã eä", "ế ề ể ễ ệ"),
        ("où oø oû oõ oï", "ó ò ỏ õ ọ"),
        ("oá oà oå oã oä", "ố ồ ổ ỗ ộ"),
        ("ôù ôø ôû ôõ ôï", "ớ ờ ở ỡ ợ"),
        ("uù uø uû uõ uï", "ú ù ủ ũ ụ"),
        ("öù öø öû öõ öï", "ứ ừ ử ữ ự"),
        ("xí xì xæ xó xò ñeàu", "xí xì xỉ xĩ xị đều"),
        ("yù yø yû yõ î", "ý ỳ ỷ ỹ ỵ"),
        ("AÙ AØ AÛ AÕ AÏ ÖÙ ÔÏ EÄ Æ Î", "Á À Ả Ã Ạ Ứ Ợ Ệ Ỉ Ỵ"),
        ("Aùnh", "Ánh"),  # a capital with a lower-case mark byte
    ],
)
def test_vni_words_are_converted(vni, unicode):
    assert legacy.is_vni(vni)
    assert legacy.convert(vni, textcheck.legacy_encoding(vni)) == (unicode, legacy.VNI)
    assert legacy.to_vni(unicode) == vni or vni == "Aùnh"


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội", "Nguyễn Văn An", "Hoà Bình", "hoá chất", "Tôi là ai", "Lê Thị Ánh", "quân đội",
        "Café Trung Nguyên", "José Muñoz", "Müller", "Søren", "abc", "GTSX 2024", "12,5 %", "Hoà",
        "«Hỗ trợ» máy sấy", "nhiệt độ 25°C",
    ],
)  # fmt: skip
def test_unicode_and_ascii_are_not_vni(text):
    assert not legacy.is_vni(text)
    assert legacy.convert(text, textcheck.legacy_encoding(text)) == (text, None)


def test_tcvn3_that_reads_as_vni_letters_stays_tcvn3():
    """TCVN3's "mÆt" (mặt) is VNI's "mỈt" letter for letter: without a VNI pair the TCVN3 reading wins."""
    for tcvn3, unicode in (("mÆt", "mặt"), ("thuû", "thuỷ"), ("ñy ban", "ủy ban"), ("lîi Ých", "lợi ích")):
        assert legacy.convert(tcvn3, "TCVN3") == (unicode, legacy.TCVN3)


def test_ambiguous_vni_is_left_to_the_text_check():
    """ "Hoà" is both Unicode and the VNI spelling of "Hồ"; "Sôn" (Sơn) is made of Vietnamese letters."""
    for text in ("Hoà", "Sôn La"):
        assert legacy.convert(text, "VNI") == (text, None)


@given(TEXTS, CASES)
def test_vni_round_trip(text, case):
    original = unicodedata.normalize("NFC", case(text))
    encoded = legacy.to_vni(original)
    if _STRONG.intersection(original):  # otherwise it may also be Unicode ("Sôn La") or TCVN3 ("Mî")
        assert legacy.convert(encoded, textcheck.legacy_encoding(encoded)) == (original, legacy.VNI)
    assert legacy.from_vni(encoded) == original


@given(TEXTS, CASES)
def test_unicode_text_is_never_converted(text, case):
    original = unicodedata.normalize("NFC", case(text))
    assert legacy.convert(original, textcheck.legacy_encoding(original)) == (original, None)
    nfd = unicodedata.normalize("NFD", original)
    assert legacy.convert(nfd, textcheck.legacy_encoding(nfd)) == (
        original,
        None if nfd == original else "NFD",
    )


@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-()%/'\"", max_size=40
    )
)
def test_ascii_is_never_converted(text):
    assert legacy.convert(text, textcheck.legacy_encoding(text)) == (text, None)


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("Hµ Néi", "Hà Nội"),
        ("§ång Nai", "Đồng Nai"),
        ("NguyÔn V¨n An", "Nguyễn Văn An"),
        ("Thõa Thiªn HuÕ", "Thừa Thiên Huế"),
        # capitals with their own codes: Ă Â Đ Ê Ô Ơ Ư
        ("¡N ¢U §¤NG £M ¤NG ¥N ¦NG", "ĂN ÂU ĐÔNG ÊM ÔNG ƠN ƯNG"),
        ("§¶ng", "Đảng"),
        # toned capitals (lower-case codes): an all-capital word, an all-capital text, a Title-case name
        ("§¶NG Bé", "ĐẢNG BỘ"),
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
        ("THõA THI£N HUÕ", "THỪA THIÊN HUẾ"),
        ("Hµ NéI", "HÀ NỘI"),
        ("NguyÔn ThÞ ¸nh", "Nguyễn Thị Ánh"),
        ("Ên §é", "Ấn Độ"),
        ("¸nh ¦íc", "Ánh Ước"),  # a word starting with a capital of its own code (Ư) tells the case
        # otherwise lower case: words of a sentence
        ("t¨ng do ¸p dông c«ng nghÖ míi", "tăng do áp dụng công nghệ mới"),
        ("Nhµ m¸y míi ®i vµo ho¹t ®éng", "Nhà máy mới đi vào hoạt động"),
    ],
)
def test_tcvn3_words_and_capitals(tcvn3, unicode):
    assert legacy.convert(tcvn3, textcheck.legacy_encoding(tcvn3)) == (unicode, legacy.TCVN3)


@given(TEXTS, st.sampled_from([str.upper, str.lower, str.title]))
def test_tcvn3_round_trip_restores_capitals(text, case):
    """Upper-case and lower-case texts come back exactly; a Title-case name too (the rule's third case)."""
    original = case(text)
    toned = set("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    inner = [ch for word in original.split() for ch in word[1:] if ch.lower() not in toned]
    if case is str.upper:
        assume(inner)  # "Ý", "VŨ VŨ": nothing but word starts tells the case
    if case is str.title:
        assume(any(word[0].lower() not in toned for word in original.split()))
    assert legacy.from_tcvn3(legacy.to_tcvn3(original)) == original


@given(TEXTS, st.sampled_from([str, str.lower]))
def test_tcvn3_real_words_through_the_detector(text, case):
    """TCVN3 of real words is read as TCVN3 (never as VNI) when the core's detector finds TCVN3."""
    original = case(text)
    encoded = legacy.to_tcvn3(original)
    found = textcheck.legacy_encoding(encoded)
    if found == "TCVN3":  # the capitals as the rule of from_tcvn3 can tell them (tested above)
        converted, encoding = legacy.convert(encoded, found)
        assert (converted.lower(), encoding) == (original.lower(), legacy.TCVN3)
