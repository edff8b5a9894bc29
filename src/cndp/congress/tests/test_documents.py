"""Draft documents and comments: the section splitter (table-driven and a property), the services and
their refusals, the synthesis table, its Excel and PDF exports, the screens and their query counts."""

import datetime
import io
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cndp.accounts.models import Unit
from cndp.congress.choices import CongressStatus
from cndp.congress.documents import exports as exports_documents
from cndp.congress.documents import selectors as selectors_documents
from cndp.congress.documents import services
from cndp.congress.documents.choices import Answer, AuthorKind, DocumentKind, DocumentStatus
from cndp.congress.documents.sections import Section, joined, parse_heading, split_sections
from cndp.congress.models import Comment, Congress, Delegate, DocumentSection, DraftDocument
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text

# ---- the splitter (plain Python) -------------------------------------------------------------------


def S(mark, number, title, text=""):
    return Section(mark=mark, number=number, title=title, text=text)


SPLIT_CASES = [
    ("", []),
    ("   \n\n", []),
    ("Chỉ có lời mở đầu.", [S("", "", "", "Chỉ có lời mở đầu.")]),
    (
        "Mở đầu.\nI. ĐÁNH GIÁ\nchung\n1. Kinh tế\nx\n2. Xây dựng Đảng\ny\nII. PHƯƠNG HƯỚNG\n1. Mục tiêu",
        [
            S("", "", "", "Mở đầu."),
            S("I.", "I", "ĐÁNH GIÁ", "chung"),
            S("1.", "I.1", "Kinh tế", "x"),
            S("2.", "I.2", "Xây dựng Đảng", "y"),
            S("II.", "II", "PHƯƠNG HƯỚNG"),
            S("1.", "II.1", "Mục tiêu"),
        ],
    ),
    ("1. Một\n2. Hai", [S("1.", "1", "Một"), S("2.", "2", "Hai")]),
    (
        "II. Hai\n1.1. Con\n1.2. Con nữa",
        [S("II.", "II", "Hai"), S("1.1.", "II.1.1", "Con"), S("1.2.", "II.1.2", "Con nữa")],
    ),
    (
        "IV. Bốn\nIX. Chín\nXII. Mười hai",
        [S("IV.", "IV", "Bốn"), S("IX.", "IX", "Chín"), S("XII.", "XII", "Mười hai")],
    ),
    (
        "I.\n\nĐÁNH GIÁ\nnội dung",
        [S("I.", "I", "ĐÁNH GIÁ", "nội dung")],
    ),  # mark alone: next line is the title
    ("I.\nII. Hai", [S("I.", "I", ""), S("II.", "II", "Hai")]),
    ("   II.   Có lề   \n  thân  ", [S("II.", "II", "Có lề", "thân")]),
    ("I.\u00a0Khoảng trắng cứng", [S("I.", "I", "Khoảng trắng cứng")]),  # pasted from a word processor
    ("I. A\r\nx\r\nII. B\r\n", [S("I.", "I", "A", "x"), S("II.", "II", "B")]),
    # not headings: numbers in the text, years, lettered items, qualified numbers, "V.I. Lenin"
    (
        "I. Kết quả\n1.500 đề án được hỗ trợ\n2015. Năm bản lề\na) nội dung\nI.2. Viết liền\nV.I. Lenin\nIIII. Sai",
        [
            S(
                "I.",
                "I",
                "Kết quả",
                "1.500 đề án được hỗ trợ\n2015. Năm bản lề\na) nội dung\nI.2. Viết liền\nV.I. Lenin\nIIII. Sai",
            )
        ],
    ),
    ("3.Không cách\nI.Không cách", [S("", "", "", "3.Không cách\nI.Không cách")]),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_sections(text, expected):
    assert split_sections(text) == expected


HEADING_LINES = st.builds(
    lambda mark, title, lead: f"{lead}{mark} {title}",
    st.sampled_from(["I.", "II.", "III.", "IV.", "1.", "2.", "10.", "1.1.", "2.3."]),
    st.text(alphabet="ABCĐÊÔƠƯạảấầẩẫậ abc", max_size=20),
    st.sampled_from(["", " ", "\t"]),
)
BODY_LINES = st.text(max_size=40).map(lambda s: s.replace("\n", " ").replace("\r", " "))


@settings(deadline=None)  # no timing assert: a loaded machine must not fail a property
@given(
    st.lists(st.one_of(HEADING_LINES, BODY_LINES, st.just(""), st.sampled_from(["I.", "2."])), max_size=25)
)
def test_joining_the_sections_gives_back_the_text(lines):
    text = "\n".join(lines)
    sections = split_sections(text)
    assert joined(sections).split() == text.split()
    assert all(s.mark for s in sections[1:])  # only the preamble has no mark
    assert not any(parse_heading(line) for s in sections for line in s.text.splitlines())


@settings(deadline=None)
@given(st.text(max_size=300))
def test_joining_gives_back_any_text(text):
    assert joined(split_sections(text)).split() == text.split()


# ---- services ---------------------------------------------------------------------------------------

TEXT = """\
I. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2010–2015
Đảng bộ đã hoàn thành các mục tiêu.
1. Nhiệm vụ chính trị
Tham mưu chính sách khuyến công.
2. Xây dựng Đảng
Các chi bộ sinh hoạt nền nếp.
II. PHƯƠNG HƯỚNG NHIỆM KỲ 2015–2020
1. Mục tiêu
Phấn đấu 100% chi bộ trong sạch, vững mạnh.
"""


def _preparing(congress):
    """The demo congress has closed (read-only); drafts are commented while a congress prepares."""
    Congress.objects.filter(pk=congress.pk).update(status=CongressStatus.PREPARING)
    congress.refresh_from_db()
    return congress


@pytest.fixture
def ctx(demo):
    congress = _preparing(Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3))
    officer = demo["party_officer"]
    document = services.document_create(
        congress=congress,
        user=officer,
        kind=DocumentKind.RESOLUTION,
        title="Dự thảo Nghị quyết Đại hội lần thứ III",
        version="Dự thảo lần 1",
        issued_on=datetime.date(2015, 5, 2),
    )
    sections = services.sections_import_from_text(document=document, user=officer, text=TEXT)
    delegates = list(Delegate.objects.filter(congress=congress).order_by("code"))
    cells = list(Unit.objects.filter(kind="party_cell", parent=congress.organisation).order_by("code"))
    return {
        "congress": congress,
        "officer": officer,
        "document": document,
        "sections": {s.number: s for s in sections},
        "delegates": delegates,
        "cells": cells,
    }


def _comment(ctx, number="I.1", who=0, cell=None, content="Đề nghị bổ sung số liệu."):
    return services.comment_add(
        section=ctx["sections"][number],
        user=ctx["officer"],
        content=content,
        delegate=None if cell is not None else ctx["delegates"][who],
        cell=ctx["cells"][cell] if cell is not None else None,
    )


@pytest.mark.django_db
def test_import_splits_numbers_and_normalises(ctx):
    document = ctx["document"]
    assert [(s.number, s.title, s.order) for s in document.sections.all()] == [
        ("I", "ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ 2010–2015", 1),
        ("I.1", "Nhiệm vụ chính trị", 2),
        ("I.2", "Xây dựng Đảng", 3),
        ("II", "PHƯƠNG HƯỚNG NHIỆM KỲ 2015–2020", 4),
        ("II.1", "Mục tiêu", 5),
    ]
    added = services.sections_import_from_text(
        document=document,
        user=ctx["officer"],
        text=unicodedata.normalize(
            "NFD", "Lời kết của dự thảo.\nIII. TỔ CHỨC THỰC HIỆN\nCác chi bộ quán triệt."
        ),
    )
    assert [(s.number, s.title, s.order) for s in added] == [
        ("", "Phần mở đầu", 6),
        ("III", "TỔ CHỨC THỰC HIỆN", 7),
    ]
    assert added[1].text == "Các chi bộ quán triệt." == unicodedata.normalize("NFC", added[1].text)
    assert added[0].history.first().history_user == ctx["officer"]
    section = services.section_add(
        document=document, user=ctx["officer"], number="IV.", title="  Kết   luận "
    )
    assert (section.number, section.title, section.order) == ("IV", "Kết luận", 8)
    with pytest.raises(ValidationError) as exc:
        services.sections_import_from_text(document=document, user=ctx["officer"], text="   ")
    assert "text" in exc.value.message_dict


@pytest.mark.django_db
def test_a_paragraph_numbered_like_a_heading_keeps_its_text(ctx):
    long = "Về kinh tế: " + "tăng trưởng bình quân đạt 7,5 %/năm, " * 12
    (section,) = services.sections_import_from_text(
        document=ctx["document"], user=ctx["officer"], text=f"5. {long}"
    )
    assert section.title.endswith("…") and len(section.title) <= 300
    assert section.text.split() == long.split()


@pytest.mark.django_db
def test_comment_by_member_and_by_cell(ctx):
    comment = _comment(ctx, content=unicodedata.normalize("NFD", "Đề nghị  bổ sung\r\nsố liệu."))
    assert comment.author_kind == AuthorKind.MEMBER
    assert comment.content == "Đề nghị  bổ sung\nsố liệu."
    assert comment.author_name == f"{ctx['delegates'][0].full_name} ({ctx['delegates'][0].cell.name})"
    by_cell = _comment(ctx, cell=1)
    assert by_cell.author_kind == AuthorKind.CELL and by_cell.author_name == ctx["cells"][1].name
    assert comment.answer == "" and comment.answered_at is None


@pytest.mark.django_db
def test_comment_refusals(ctx, demo):
    section = ctx["sections"]["I.1"]
    officer = ctx["officer"]
    other = Congress.objects.create(
        organisation=ctx["congress"].organisation,
        ordinal=7,
        term_start=2030,
        term_end=2035,
        opens_on=datetime.date(2015, 6, 10),
    )
    from cndp.congress import services as congress_services

    congress_services.summons_build(congress=other, user=officer)
    stranger = Delegate.objects.filter(congress=other).first()
    with pytest.raises(ServiceError, match="không có trong danh sách triệu tập của đại hội này"):
        services.comment_add(section=section, user=officer, content="Ý kiến", delegate=stranger)
    with pytest.raises(ServiceError, match="Chọn đúng một người góp ý"):
        services.comment_add(
            section=section,
            user=officer,
            content="Ý kiến",
            delegate=ctx["delegates"][0],
            cell=ctx["cells"][0],
        )
    with pytest.raises(ServiceError, match="Chọn đúng một người góp ý"):
        services.comment_add(section=section, user=officer, content="Ý kiến")
    with pytest.raises(ServiceError, match="không phải là chi bộ trực thuộc"):
        services.comment_add(
            section=section, user=officer, content="Ý kiến", cell=Unit.objects.get(code="so-ct-01")
        )
    with pytest.raises(ValidationError) as exc:
        services.comment_add(section=section, user=officer, content="  ", delegate=ctx["delegates"][0])
    assert exc.value.message_dict["content"] == ["Phải ghi nội dung góp ý."]
    with pytest.raises(PermissionDenied):
        services.comment_add(
            section=section, user=demo["leader"], content="Ý kiến", delegate=ctx["delegates"][0]
        )
    assert not Comment.objects.filter(section=section).exists()


@pytest.mark.django_db
def test_closed_document_refuses_comments_and_sections_but_takes_answers(ctx):
    comment = _comment(ctx)
    document = services.document_close(document=ctx["document"], user=ctx["officer"])
    assert document.status == DocumentStatus.CLOSED and document.closed_by == ctx["officer"]
    with pytest.raises(ServiceError, match="đã khóa góp ý, không nhận thêm ý kiến"):
        _comment(ctx)
    with pytest.raises(ServiceError, match="không thêm mục được nữa"):
        services.section_add(document=document, user=ctx["officer"], title="Mục mới")
    with pytest.raises(ServiceError, match="đã khóa góp ý rồi"):
        services.document_close(document=document, user=ctx["officer"])
    services.comment_answer(comment=comment, user=ctx["officer"], answer=Answer.ACCEPT)
    services.document_reopen(document=document, user=ctx["officer"])
    assert _comment(ctx).pk


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [Answer.PARTLY, Answer.REJECT])
def test_explanation_is_required_for_partly_and_reject(ctx, answer):
    comment = _comment(ctx)
    with pytest.raises(ValidationError) as exc:
        services.comment_answer(comment=comment, user=ctx["officer"], answer=answer, explanation="  ")
    (message,) = exc.value.message_dict["explanation"]
    assert message.startswith("Giải trình: phải ghi lý do") and str(Answer(answer).label) in message
    comment.refresh_from_db()
    assert comment.answer == ""
    services.comment_answer(comment=comment, user=ctx["officer"], answer=answer, explanation="Đã cân nhắc.")
    comment.refresh_from_db()
    assert (comment.answer, comment.explanation, comment.answered_by) == (
        answer,
        "Đã cân nhắc.",
        ctx["officer"],
    )
    assert comment.answered_at is not None
    assert comment.history.first().history_user == ctx["officer"]


@pytest.mark.django_db
def test_accept_needs_no_explanation_and_bad_answers_are_refused(ctx, demo):
    comment = _comment(ctx)
    services.comment_answer(comment=comment, user=ctx["officer"], answer=Answer.ACCEPT)
    assert Comment.objects.get(pk=comment.pk).answer == Answer.ACCEPT
    with pytest.raises(ValidationError) as exc:
        services.comment_answer(comment=comment, user=ctx["officer"], answer="maybe")
    assert "answer" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.comment_answer(
            comment=comment, user=demo["counting_board"], answer=Answer.REJECT, explanation="x"
        )


@pytest.mark.django_db
def test_the_database_enforces_one_author_and_the_explanation(ctx):
    section = ctx["sections"]["I.1"]
    now = datetime.datetime(2015, 5, 1, tzinfo=datetime.UTC)
    bad = [
        {"author_kind": "member", "delegate": ctx["delegates"][0], "cell": ctx["cells"][0]},
        {"author_kind": "cell"},
        {"author_kind": "cell", "delegate": ctx["delegates"][0]},
        {"author_kind": "member", "delegate": ctx["delegates"][0], "answer": "reject", "answered_at": now},
        {"author_kind": "member", "delegate": ctx["delegates"][0], "answer": "accept"},
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.create(section=section, content="x", **fields)


@pytest.mark.django_db
def test_section_with_comments_cannot_be_deleted(ctx):
    _comment(ctx, number="I.2")
    with pytest.raises(ServiceError, match="đã có ý kiến góp ý"):
        services.section_delete(section=ctx["sections"]["I.2"], user=ctx["officer"])
    services.section_delete(section=ctx["sections"]["II.1"], user=ctx["officer"])
    assert not DocumentSection.objects.filter(pk=ctx["sections"]["II.1"].pk).exists()


# ---- synthesis and exports -------------------------------------------------------------------------


@pytest.fixture
def answered(ctx):
    officer = ctx["officer"]
    a = _comment(ctx, "I.1", 0, content="Bổ sung số liệu khuyến công.")
    b = _comment(ctx, "I.1", cell=2, content="Nêu rõ tỷ lệ lấp đầy cụm công nghiệp.")
    c = _comment(ctx, "II.1", 3, content="Giảm chỉ tiêu xuống 80%.")
    d = _comment(ctx, "II.1", 4, content="Thêm chỉ tiêu học tập nghị quyết.")
    services.comment_answer(comment=a, user=officer, answer=Answer.ACCEPT, explanation="Đã bổ sung.")
    services.comment_answer(
        comment=b, user=officer, answer=Answer.PARTLY, explanation="Chỉ nêu số bình quân."
    )
    services.comment_answer(
        comment=c, user=officer, answer=Answer.REJECT, explanation="Giữ chỉ tiêu phấn đấu."
    )
    return {**ctx, "comments": [a, b, c, d]}


@pytest.mark.django_db
def test_synthesis(answered, django_assert_num_queries):
    document = answered["document"]
    with django_assert_num_queries(2):
        data = selectors_documents.synthesis(document)
        rows = [(s.number, c.content, c.author_name, c.answer) for s, c in data.rows()]
    a, b, c, d = answered["comments"]
    assert rows == [
        ("I.1", a.content, a.author_name, "accept"),
        ("I.1", b.content, answered["cells"][2].name, "partly"),
        ("II.1", c.content, c.author_name, "reject"),
        ("II.1", d.content, d.author_name, ""),
    ]
    assert len(data.sections) == 5 and data.total == 4 and data.unanswered == 1
    assert data.count_rows() == [
        ("Tiếp thu", 1),
        ("Tiếp thu một phần", 1),
        ("Không tiếp thu", 1),
        ("Chưa trả lời", 1),
    ]
    pending = selectors_documents.synthesis(document, unanswered_only=True)
    assert [(e.section.number, [x.pk for x in e.comments]) for e in pending.sections] == [("II.1", [d.pk])]
    assert pending.total == 4  # the counts stay those of the whole draft
    assert selectors_documents.answer_counts(document) == data.count_rows()


@pytest.mark.django_db
def test_synthesis_excel(answered):
    wb = exports_documents.synthesis_workbook(answered["document"])
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "Bảng tổng hợp ý kiến góp ý vào dự thảo Nghị quyết Đại hội và tiếp thu, giải trình"
    assert "Dự thảo lần 1" in values[1][0] and "lần thứ III, nhiệm kỳ 2015–2020" in values[1][0]
    assert list(values[2]) == [
        "STT",
        "Mục",
        "Nội dung góp ý",
        "Đảng viên góp ý",
        "Chi bộ",
        "Ngày góp ý",
        "Tiếp thu",
        "Giải trình",
    ]
    a, b, c, d = answered["comments"]
    body = values[3:7]
    assert body[0][:5] == (
        1,
        "I.1. Nhiệm vụ chính trị",
        a.content,
        a.delegate.full_name,
        a.delegate.cell.name,
    )
    assert body[0][6:] == ("Tiếp thu", "Đã bổ sung.")
    assert body[1][3:5] == (None, answered["cells"][2].name)  # a cell's comment: no member name
    assert body[1][6:] == ("Tiếp thu một phần", "Chỉ nêu số bình quân.")
    assert body[2][6] == "Không tiếp thu" and body[3][6] == "Chưa trả lời"
    totals = {row[0]: row[1] for row in values[7:] if row and row[0]}
    assert totals == {
        "Tổng số ý kiến": 4,
        "Tiếp thu": 1,
        "Tiếp thu một phần": 1,
        "Không tiếp thu": 1,
        "Chưa trả lời": 1,
    }


def _pdf_text(content: bytes, tmp_path) -> str:
    return " ".join(pdf_text(content).split())


@pytest.mark.django_db
def test_synthesis_pdf(answered, tmp_path):
    content = exports_documents.synthesis_pdf(answered["document"])
    assert content.startswith(b"%PDF")
    text = _pdf_text(content, tmp_path)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG BỘ CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG" in text and "ĐẢNG BỘ BỘ CÔNG THƯƠNG" in text
    assert "BẢNG TỔNG HỢP Ý KIẾN GÓP Ý VÀO DỰ THẢO NGHỊ QUYẾT ĐẠI HỘI VÀ TIẾP THU, GIẢI TRÌNH" in text
    assert "Dự thảo Nghị quyết Đại hội lần thứ III (Dự thảo lần 1, ngày 02/05/2015" in text
    a, b, c, d = answered["comments"]
    for comment in (a, c, d):
        assert comment.delegate.full_name in text
        assert comment.content in text
    assert answered["cells"][2].name in text
    for label in ("Tiếp thu một phần", "Không tiếp thu", "Chưa trả lời", "Giữ chỉ tiêu phấn đấu."):
        assert label in text
    assert "Mục I.1. Nhiệm vụ chính trị" in text and "Mục II.1. Mục tiêu" in text
    assert "Mục I.2" not in text  # sections without comments are left out of the table
    assert "4 ý kiến góp ý vào 2 mục" in text


# ---- screens ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_document_page_lists_sections_comments_and_answers(answered, client_for):
    url = answered["document"].get_absolute_url()
    a, b, c, d = answered["comments"]
    page = client_for("party_officer").get(url).content.decode()
    for s in answered["sections"].values():
        assert s.title in page
    for comment in (a, b, c, d):
        assert f'id="comment-{comment.pk}"' in page and comment.content in page
    assert "Chỉ nêu số bình quân." in page and "Chưa trả lời" in page
    assert 'id="comment-form"' in page and 'id="import-form"' in page and "Lưu trả lời" in page
    assert reverse("congress:document_synthesis_pdf", args=[answered["document"].pk]) in page
    pending = client_for("party_officer").get(url + "?unanswered=1").content.decode()
    assert d.content in pending and a.content not in pending and c.content not in pending
    assert f'id="section-{answered["sections"]["I.1"].pk}"' not in pending
    leader = client_for("leader").get(url).content.decode()
    assert a.content in leader and "Chỉ nêu số bình quân." in leader
    assert (
        'id="comment-form"' not in leader
        and "Lưu trả lời" not in leader
        and 'id="close-document"' not in leader
    )


@pytest.mark.django_db
def test_add_comment_through_the_page(ctx, client_for):
    document = ctx["document"]
    url = reverse("congress:document_comment_add", args=[document.pk])
    section = ctx["sections"]["I.2"]
    client = client_for("party_officer")
    response = client.post(url, {"section": section.pk, "author_kind": "member", "content": "Thiếu người"})
    assert response.status_code == 400
    assert "Chọn đảng viên góp ý." in response.content.decode()
    delegate = ctx["delegates"][5]
    response = client.post(
        url,
        {
            "section": section.pk,
            "author_kind": "member",
            "delegate": delegate.pk,
            "cell": ctx["cells"][0].pk,  # ignored: the comment is the member's
            "content": "Đề nghị nêu rõ kết quả kiểm tra, giám sát.",
            "submitted_on": "20/05/2015",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(section=section)
    assert (comment.delegate, comment.cell, comment.submitted_at.date()) == (
        delegate,
        None,
        datetime.date(2015, 5, 20),
    )
    page = client.get(response["Location"]).content.decode()
    assert "Đề nghị nêu rõ kết quả kiểm tra, giám sát." in page and delegate.full_name in page
    response = client.post(
        url,
        {
            "section": section.pk,
            "author_kind": "cell",
            "cell": ctx["cells"][3].pk,
            "content": "Ý kiến chi bộ",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get(section=section, author_kind="cell").cell == ctx["cells"][3]
    assert client_for("leader").post(url, {"section": section.pk}).status_code == 403


@pytest.mark.django_db
def test_answer_inline_with_htmx(answered, client_for):
    d = answered["comments"][3]
    url = reverse("congress:comment_answer", args=[d.pk])
    client = client_for("party_officer")
    prefix = f"c{d.pk}-"
    response = client.post(
        url, {prefix + "answer": "reject", prefix + "explanation": ""}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Giải trình: phải ghi lý do khi trả lời «Không tiếp thu»." in body
    d.refresh_from_db()
    assert d.answer == ""
    response = client.post(
        url,
        {prefix + "answer": "reject", prefix + "explanation": "Không phù hợp định hướng."},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    d.refresh_from_db()
    assert (d.answer, d.explanation) == ("reject", "Không phù hợp định hướng.")
    assert f'id="comment-{d.pk}"' in body and "Không phù hợp định hướng." in body
    assert 'id="answer-counts" hx-swap-oob="true"' in body
    assert 'id="unanswered-badge" hx-swap-oob="true">0</span>' in body
    # without htmx: back to the page on success, the page with the error otherwise
    response = client.post(url, {prefix + "answer": "partly", prefix + "explanation": ""})
    assert response.status_code == 400 and "Giải trình: phải ghi lý do" in response.content.decode()
    response = client.post(url, {prefix + "answer": "accept", prefix + "explanation": ""})
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{d.pk}")
    assert client_for("leader").post(url, {prefix + "answer": "accept"}).status_code == 403


@pytest.mark.django_db
def test_sections_paste_add_delete_and_close_through_the_page(demo, client_for):
    client = client_for("party_officer")
    congress = _preparing(Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3))
    response = client.post(
        reverse("congress:document_add"),
        {
            "congress": congress.pk,
            "kind": "other",
            "title": "Dự thảo Quy chế bầu cử",
            "issued_on": "02/06/2015",
        },
    )
    assert response.status_code == 302
    document = DraftDocument.objects.get(title="Dự thảo Quy chế bầu cử")
    response = client.post(
        reverse("congress:document_sections_import", args=[document.pk]),
        {"text": "I. Nguyên tắc\nBầu cử trực tiếp, bỏ phiếu kín.\nII. Ban Kiểm phiếu\n1. Thành phần"},
    )
    assert response.status_code == 302
    assert [s.number for s in document.sections.all()] == ["I", "II", "II.1"]
    response = client.post(reverse("congress:document_section_add", args=[document.pk]), {"title": ""})
    assert response.status_code == 400
    client.post(
        reverse("congress:document_section_add", args=[document.pk]), {"number": "III", "title": "Hiệu lực"}
    )
    section = document.sections.get(number="III")
    client.post(reverse("congress:section_delete", args=[section.pk]))
    assert not document.sections.filter(number="III").exists()
    client.post(reverse("congress:document_close", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == "closed"
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'id="comment-form"' not in page and "Mở lại để lấy thêm ý kiến" in page
    delegate = Delegate.objects.filter(congress=congress).first()
    response = client.post(
        reverse("congress:document_comment_add", args=[document.pk]),
        {
            "section": document.sections.first().pk,
            "author_kind": "member",
            "delegate": delegate.pk,
            "content": "x",
        },
    )
    assert (
        response.status_code == 400 and "đã khóa góp ý, không nhận thêm ý kiến" in response.content.decode()
    )


@pytest.mark.django_db
def test_exports_through_the_screens(answered, client_for, tmp_path):
    document = answered["document"]
    response = client_for("leader").get(reverse("congress:document_synthesis_xlsx", args=[document.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A3"].value == "STT" and ws["C4"].value == answered["comments"][0].content
    response = client_for("counting_board").get(
        reverse("congress:document_synthesis_pdf", args=[document.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert answered["comments"][2].delegate.full_name in _pdf_text(response.content, tmp_path)
    assert (
        client_for("province_officer")
        .get(reverse("congress:document_synthesis_pdf", args=[document.pk]))
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_lists_links_and_filters(answered, client_for):
    client = client_for("leader")
    congress = answered["congress"]
    detail = client.get(congress.get_absolute_url()).content.decode()
    assert "Dự thảo văn kiện và góp ý" in detail
    assert f"{reverse('congress:document_list')}?congress={congress.pk}" in detail
    response = client.get(reverse("congress:document_list"), {"congress": congress.pk, "unanswered": "true"})
    titles = {row.record.title: row.record for row in response.context["table"].page.object_list}
    assert answered["document"].title in titles
    record = titles[answered["document"].title]
    assert (record.section_count, record.comment_count, record.unanswered_count) == (5, 4, 1)
    response = client.get(
        reverse("congress:comment_list"), {"document": answered["document"].pk, "answer": "none"}
    )
    assert [row.record.pk for row in response.context["table"].page.object_list] == [
        answered["comments"][3].pk
    ]
    cell = answered["cells"][2]
    response = client.get(
        reverse("congress:comment_list"), {"document": answered["document"].pk, "cell": cell.pk}
    )
    assert [row.record.pk for row in response.context["table"].page.object_list] == [
        answered["comments"][1].pk
    ]
    comment = client.get(answered["comments"][2].get_absolute_url()).content.decode()
    assert "Giữ chỉ tiêu phấn đấu." in comment and "Không tiếp thu" in comment
    api = client.get(reverse("congress-api:draftdocument-detail", args=[answered["document"].pk])).json()
    assert [s["number"] for s in api["sections"]] == ["I", "I.1", "I.2", "II", "II.1"]


@pytest.mark.django_db
def test_document_page_query_count_does_not_grow_with_comments(
    ctx, client_for, django_assert_max_num_queries
):
    client = client_for("party_officer")
    url = ctx["document"].get_absolute_url()
    _comment(ctx)
    client.get(url)  # warm caches (content types, permissions, session)
    with django_assert_max_num_queries(30) as few:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="list-group-item" id="comment-') == 1
    for i in range(25):
        comment = _comment(
            ctx, number=["I.1", "I.2", "II.1"][i % 3], who=i % 10, cell=None if i % 2 else i % 8
        )
        if i % 3:
            services.comment_answer(
                comment=comment, user=ctx["officer"], answer="partly", explanation=f"Lý do {i}"
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="list-group-item" id="comment-') == 26


# ---- demo ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_documents(demo):
    congress = Congress.objects.get(organisation__code="dang-bo-cuc", ordinal=3)
    report = DraftDocument.objects.get(congress=congress, kind=DocumentKind.POLITICAL_REPORT)
    assert report.status == DocumentStatus.CLOSED
    numbers = [s.number for s in report.sections.all()]
    assert numbers == ["I", "I.1", "I.2", "I.3", "II", "II.1", "II.2"]
    data = selectors_documents.synthesis(report)
    assert data.total == 10 and data.unanswered == 2
    assert {a for a, n in data.counts.items() if n} == {"accept", "partly", "reject", ""}
    kinds = set(DraftDocument.objects.filter(congress=congress).values_list("kind", flat=True))
    assert {DocumentKind.UPPER_LEVEL, DocumentKind.NATIONAL} <= kinds
    before = Comment.objects.count()
    from cndp.congress.documents import demo as demo_documents

    demo_documents.load(io.StringIO())
    assert Comment.objects.count() == before
