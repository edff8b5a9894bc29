"""Vietnamese text helpers: NFC, folding (đ/Đ and the look-alike Ð), name order, number formats."""

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cndp.core.text import (
    collation_key,
    fold,
    format_number,
    format_percent,
    name_sort_key,
    nfc,
    parse_day,
    split_name,
)

DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn Thị Đào")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (DECOMPOSED, "Nguyễn Thị Đào"),
        ("  Trần   Văn\tAn \n", "Trần Văn An"),
        ("\u00d0ặng Văn Bình", "Đặng Văn Bình"),  # Icelandic eth → Đ
        ("\u0189inh Thị Hoa", "Đinh Thị Hoa"),  # African D → Đ
        (None, ""),
    ],
)
def test_nfc(raw, expected):
    assert nfc(raw) == expected
    assert unicodedata.is_normalized("NFC", nfc(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Thị Đào", "nguyen thi dao"),
        (DECOMPOSED, "nguyen thi dao"),
        ("ĐẮK LẮK", "dak lak"),
        ("\u00d0ắk Nông", "dak nong"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
        ("Hà Nội", "ha noi"),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert "đ" not in folded and "Đ" not in folded


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ",
        max_size=30,
    )
)
def test_fold_matches_upper_and_lower(text):
    assert fold(text.upper()) == fold(text)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Trần Thị Thu Hà", ("Trần", "Thị Thu", "Hà")),
        ("Lê Hà", ("Lê", "", "Hà")),
        ("Hoa", ("", "", "Hoa")),
    ],
)
def test_split_name(name, parts):
    assert split_name(name) == parts


def test_names_sort_by_given_name_then_middle_then_family():
    names = [
        "Nguyễn Văn Bình",
        "Trần Thị An",
        "Lê Văn An",
        "Phạm Đức An",
        "Đỗ Thị Ánh",
        "Bùi Văn Ân",
        "Hoàng Anh",
    ]
    ordered = sorted(names, key=name_sort_key)
    # given names: An (Đức < Thị < Văn by middle name), Anh, Ánh, Ân, Bình — Vietnamese alphabet: a < ă < â
    assert ordered == [
        "Phạm Đức An",
        "Trần Thị An",
        "Lê Văn An",
        "Hoàng Anh",
        "Đỗ Thị Ánh",
        "Bùi Văn Ân",
        "Nguyễn Văn Bình",
    ]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("d", "đ"),  # đ is its own letter after d
        ("dz", "đa"),
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("e", "ê"),
        ("ba", "bà"),  # tones: ngang < huyền < hỏi < ngã < sắc < nặng
        ("bà", "bả"),
        ("bả", "bã"),
        ("bã", "bá"),
        ("bá", "bạ"),
        ("bạ", "bac"),  # letters decide before tones
        ("an", "anh"),
    ],
)
def test_vietnamese_alphabet_order(earlier, later):
    assert collation_key([earlier]) < collation_key([later])


@given(
    st.lists(
        st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Đỗ Thu Hà", "Bùi Anh Đào"]),
        min_size=1,
    )
)
def test_sort_key_is_a_total_order_consistent_with_equality(names):
    keys = [name_sort_key(n) for n in names]
    for name, key in zip(names, keys, strict=True):
        assert key.isdigit()
        assert key == name_sort_key(unicodedata.normalize("NFD", name))


# The reference order, written out plainly: each letter of the Vietnamese alphabet with its five toned
# forms (ngang, huyền, hỏi, ngã, sắc, nặng — the order of docs/architecture.md and Vietnamese
# dictionaries); a word compares by its letters, then by its tones; a name by its given name, then its
# middle name (word by word; none before any), then its family name.
REFERENCE_LETTERS = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "b", "c", "d", "đ", "eèẻẽéẹ", "êềểễếệ", "f", "g", "h", "iìỉĩíị", "j", "k",
    "l", "m", "n", "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "p", "q", "r", "s", "t", "uùủũúụ", "ưừửữứự", "v", "w", "x",
    "yỳỷỹýỵ", "z",
]  # fmt: skip
REFERENCE = {ch: (i, tone) for i, forms in enumerate(REFERENCE_LETTERS) for tone, ch in enumerate(forms)}


def reference_word(word: str) -> tuple:
    letters = [REFERENCE[ch] for ch in word.lower()]
    return (tuple(letter for letter, _tone in letters), tuple(tone for _letter, tone in letters))


def reference_name(full_name: str) -> tuple:
    words = full_name.split(" ")
    family, middle, given = (words[0], words[1:-1], words[-1]) if len(words) > 1 else (None, [], words[0])
    return (
        reference_word(given),
        tuple(reference_word(w) for w in middle),
        reference_word(family) if family else (),
    )


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("Trần Anh", "Nguyễn Ánh"),  # issue 13: Anh before Ánh, whatever the family name
        ("Trần Anh", "Lê Ảnh"),
        ("Lê Ảnh", "Nguyễn Ánh"),  # hỏi before sắc
        ("Vũ Ánh", "Bùi Ân"),  # a < â: letters before tones
        ("Bùi Ân", "Lê Bình"),
        ("Phạm Dũng", "Đỗ Đào"),  # đ is a letter after d
        ("Nguyễn An", "Nguyễn Văn An"),  # no middle name first
        ("Vũ An", "Nguyễn Văn An"),
        ("Nguyễn Văn An", "Trần Văn An"),  # same given and middle: the family name
        ("Vũ Thị Hà", "Vũ Thị Thu Hà"),  # a middle name before a longer one that starts with it
        ("Nguyễn Thị Thu Hà", "Bùi Thị Vân Hà"),
        ("Anh", "Trần Anh"),  # a given name alone before the same given name with a family name
        ("Trần Anh", "Hoàng Anh Thư"),  # a shorter given name first
        ("Đỗ Minh An", "Đỗ Minh Anh"),
        ("Đỗ Minh Anh", "Đỗ Minh Ánh"),
        ("Đỗ Minh Ánh", "Đỗ Minh Oanh"),
    ],
)
def test_name_order_table(earlier, later):
    assert name_sort_key(earlier) < name_sort_key(later)
    assert reference_name(earlier) < reference_name(later)  # the table agrees with the reference


# Random words, and common ones often enough that names share given, middle or family names.
COMMON = ["An", "Anh", "Ánh", "Ảnh", "Ân", "Ấn", "Văn", "Thị", "Thu", "Nguyễn", "Đào", "Dũng"]
WORD = st.one_of(
    st.text(alphabet="".join(REFERENCE_LETTERS), min_size=1, max_size=6).map(str.capitalize),
    st.sampled_from(COMMON),
)
NAME = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@given(NAME, NAME)
def test_name_sort_key_orders_as_the_reference(a, b):
    ka, kb = name_sort_key(a), name_sort_key(b)
    assert ka.isdigit() and ka.isascii()
    ra, rb = reference_name(a), reference_name(b)
    assert (ka < kb) == (ra < rb)
    assert (ka == kb) == (ra == rb)
    assert ka.encode() < kb.encode() if ka < kb else True  # byte order (SQLite, PostgreSQL "C") agrees


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234567, 0, "1.234.567"),
        (95.238, 2, "95,24"),
        (0.125, 2, "0,13"),
        (-1500, 0, "-1.500"),
        (100, 1, "100,0"),
    ],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


def test_format_percent_seed_ratio():
    assert format_percent(56, 79) == "70,9 %"
    assert format_percent(40, 42, 2) == "95,24 %"
    assert format_percent(1, 0) == "0,0 %"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10/06/2015", datetime.date(2015, 6, 10)),
        ("2015-06-10", datetime.date(2015, 6, 10)),
        ("31/02/2015", None),
        ("abc", None),
        (None, None),
    ],
)
def test_parse_day(text, expected):
    assert parse_day(text) == expected
