"""Demo draft documents of the seed congress (Đại hội III, 2015–2020): the political report, pasted and
split into sections, with comments from members and cells, most of them answered, comments closed on
05/6/2015; and the drafts of the Ministry's Party Committee congress and of the 12th National Congress
with a few comments, still open. Idempotent: documents by title, sections and comments only once."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit, User
from cndp.congress.documents import services as services
from cndp.congress.documents.choices import Answer, DocumentKind, DocumentStatus
from cndp.congress.models import Comment, Congress, Delegate, DraftDocument

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

POLITICAL_REPORT = """\
I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ CỤC LẦN THỨ II, NHIỆM KỲ 2010–2015
Nhiệm kỳ 2010–2015 diễn ra trong bối cảnh kinh tế thế giới và trong nước có nhiều khó khăn; được sự \
lãnh đạo của Đảng ủy Bộ Công Thương, Đảng bộ Cục đã đoàn kết, nỗ lực hoàn thành cơ bản các mục tiêu \
Nghị quyết Đại hội lần thứ II đề ra.
1. Kết quả lãnh đạo thực hiện nhiệm vụ chính trị
Tham mưu trình Chính phủ ban hành Nghị định số 45/2012/NĐ-CP về khuyến công; tổ chức thực hiện \
Chương trình khuyến công quốc gia giai đoạn 2011–2015 với hơn 1.500 đề án được hỗ trợ; hướng dẫn các \
địa phương quy hoạch và phát triển cụm công nghiệp, làng nghề; tổ chức bình chọn sản phẩm công nghiệp \
nông thôn tiêu biểu cấp khu vực và cấp quốc gia.
2. Công tác xây dựng Đảng, xây dựng đoàn thể
Các chi bộ duy trì nền nếp sinh hoạt; thực hiện Nghị quyết Trung ương 4 khóa XI và việc học tập, làm \
theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; công tác kiểm tra, giám sát được tiến hành theo kế \
hoạch; Công đoàn, Đoàn Thanh niên hoạt động sôi nổi.
3. Hạn chế, khuyết điểm, nguyên nhân và bài học kinh nghiệm
Công tác phối hợp với các Sở Công Thương trong theo dõi, đánh giá hiệu quả đề án khuyến công có lúc \
chưa chặt chẽ; tổ chức bộ máy chưa ổn định; một số chi bộ sinh hoạt còn hình thức.
II. PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2015–2020
Tiếp tục nâng cao năng lực lãnh đạo và sức chiến đấu của Đảng bộ; phát huy sức mạnh đoàn kết, hoàn \
thành xuất sắc nhiệm vụ chính trị được Bộ giao.
1. Mục tiêu, chỉ tiêu chủ yếu
Hằng năm 100% chi bộ đạt trong sạch, vững mạnh; 100% đảng viên hoàn thành tốt nhiệm vụ trở lên; kết \
nạp từ 5 đến 7 đảng viên mới trong nhiệm kỳ.
2. Nhiệm vụ và giải pháp chủ yếu
Đổi mới công tác tham mưu chính sách khuyến công, cụm công nghiệp; nâng cao chất lượng sinh hoạt chi \
bộ; đẩy mạnh cải cách hành chính; tăng cường phối hợp với các địa phương.
"""

# (section number, "member" or "cell", index in its list, content, answer, explanation, day of May 2015)
POLITICAL_REPORT_COMMENTS = [
    (
        "I.1",
        "member",
        0,
        "Đề nghị bổ sung số liệu cụ thể về Chương trình khuyến công quốc gia giai đoạn 2011–2015 (số đề "
        "án, kinh phí hỗ trợ, số lao động được đào tạo) để đánh giá sát thực hơn.",
        Answer.ACCEPT,
        "Đã bổ sung số liệu tổng hợp của Chương trình vào mục I.1.",
        4,
    ),
    (
        "I.1",
        "cell",
        0,
        "Phần đánh giá quản lý cụm công nghiệp còn chung chung; nên nêu tỷ lệ lấp đầy và số cụm công "
        "nghiệp được đầu tư hạ tầng của từng vùng.",
        Answer.PARTLY,
        "Tiếp thu, bổ sung tỷ lệ lấp đầy bình quân cả nước; số liệu từng vùng đã có trong báo cáo chuyên "
        "đề nên không đưa vào Báo cáo chính trị.",
        6,
    ),
    (
        "I.2",
        "member",
        1,
        "Nên đánh giá rõ hơn kết quả thực hiện Nghị quyết Trung ương 4 khóa XI tại từng chi bộ, nhất là "
        "việc khắc phục hạn chế sau kiểm điểm.",
        Answer.ACCEPT,
        "",
        6,
    ),
    (
        "I.2",
        "cell",
        1,
        "Đề nghị nêu số đảng viên mới được kết nạp và số đảng viên được công nhận chính thức trong nhiệm kỳ.",
        Answer.ACCEPT,
        "Đã bổ sung.",
        7,
    ),
    (
        "I.3",
        "member",
        2,
        "Cần phân tích nguyên nhân chủ quan của hạn chế trong phối hợp với các Sở Công Thương, tránh nêu "
        "chủ yếu nguyên nhân khách quan.",
        Answer.PARTLY,
        "Bổ sung nguyên nhân chủ quan về phân công theo dõi địa bàn; giữ nội dung về cơ chế phối hợp vì "
        "đây là nguyên nhân thực tế.",
        8,
    ),
    (
        "I.3",
        "member",
        3,
        "Đề nghị bỏ đoạn nêu khó khăn do tổ chức bộ máy chưa ổn định vì không thuộc thẩm quyền của Đảng bộ Cục.",
        Answer.REJECT,
        "Giữ nguyên: việc kiện toàn tổ chức bộ máy ảnh hưởng trực tiếp đến thực hiện nhiệm vụ chính trị, "
        "cần nêu để kiến nghị với cấp trên.",
        11,
    ),
    (
        "II.1",
        "cell",
        2,
        "Chỉ tiêu 100% chi bộ đạt trong sạch, vững mạnh hằng năm chưa sát thực tế; đề nghị điều chỉnh "
        "thành ít nhất 80%.",
        Answer.PARTLY,
        "Giữ chỉ tiêu theo định hướng của Đảng ủy Bộ Công Thương, sửa thành «phấn đấu 100% chi bộ đạt "
        "trong sạch, vững mạnh».",
        12,
    ),
    (
        "II.1",
        "member",
        4,
        "Bổ sung chỉ tiêu về tỷ lệ đảng viên tham gia học tập, quán triệt các nghị quyết của Đảng.",
        Answer.ACCEPT,
        "",
        12,
    ),
    (
        "II.2",
        "member",
        5,
        "Đề nghị bổ sung nhiệm vụ ứng dụng công nghệ thông tin trong quản lý đề án khuyến công và cơ sở "
        "dữ liệu cụm công nghiệp.",
        "",
        "",
        14,
    ),
    (
        "II.2",
        "cell",
        3,
        "Nên tách nhiệm vụ phát triển công nghiệp hỗ trợ, sản phẩm công nghiệp nông thôn tiêu biểu thành "
        "một giải pháp riêng.",
        "",
        "",
        15,
    ),
]

UPPER_LEVEL = """\
I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ BỘ CÔNG THƯƠNG NHIỆM KỲ 2010–2015
Đảng bộ Bộ Công Thương lãnh đạo hoàn thành các nhiệm vụ chính trị của ngành trong bối cảnh nhiều khó khăn.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2015–2020
Đẩy mạnh tái cơ cấu ngành công thương gắn với đổi mới mô hình tăng trưởng.
III. NHIỆM VỤ XÂY DỰNG ĐẢNG
Nâng cao chất lượng tổ chức cơ sở đảng và đội ngũ đảng viên.
"""

NATIONAL = """\
I. ĐÁNH GIÁ 30 NĂM ĐỔI MỚI VÀ 5 NĂM THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI XI
Những thành tựu to lớn, có ý nghĩa lịch sử của công cuộc đổi mới.
II. PHÁT TRIỂN KINH TẾ NHANH, BỀN VỮNG
Đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước gắn với phát triển kinh tế tri thức.
"""

# (document title, kind, version, issued, text, comments as (number, author, index, content, answer, explanation))
OTHER_DRAFTS = [
    (
        "Dự thảo Báo cáo chính trị trình Đại hội đại biểu Đảng bộ Bộ Công Thương lần thứ II, nhiệm kỳ 2015–2020",
        DocumentKind.UPPER_LEVEL,
        "",
        datetime.date(2015, 5, 5),
        UPPER_LEVEL,
        [
            (
                "II",
                "member",
                6,
                "Đề nghị nhấn mạnh vai trò của công nghiệp địa phương và khuyến công trong phát triển công "
                "nghiệp nông thôn.",
                Answer.ACCEPT,
                "Tổng hợp, báo cáo Đảng ủy Bộ.",
            ),
            (
                "III",
                "cell",
                4,
                "Bổ sung giải pháp nâng cao chất lượng sinh hoạt chi bộ ở các cơ quan hành chính.",
                "",
                "",
            ),
        ],
    ),
    (
        "Dự thảo các văn kiện trình Đại hội XII của Đảng",
        DocumentKind.NATIONAL,
        "",
        datetime.date(2015, 5, 15),
        NATIONAL,
        [
            (
                "II",
                "member",
                7,
                "Đề nghị khẳng định vai trò của công nghiệp hỗ trợ và công nghiệp nông thôn trong công "
                "nghiệp hóa, hiện đại hóa.",
                "",
                "",
            ),
        ],
    ),
]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=TZ)


def _document(congress, officer, title, kind, version, issued, text) -> DraftDocument:
    document = DraftDocument.objects.filter(congress=congress, title=title, version=version).first()
    if document is None:
        document = services.document_create(
            congress=congress, user=officer, kind=kind, title=title, version=version, issued_on=issued
        )
    if not document.sections.exists() and document.status == DocumentStatus.OPEN:
        services.sections_import_from_text(document=document, user=officer, text=text)
    return document


def _comments(document, officer, delegates, cells, comments) -> int:
    if Comment.objects.filter(section__document=document).exists():
        return 0
    sections = {s.number: s for s in document.sections.all()}
    for number, author, index, content, answer, explanation, day in comments:
        submitted = _at(day, 9 + index % 6)
        comment = services.comment_add(
            section=sections[number],
            user=officer,
            content=content,
            delegate=delegates[index] if author == "member" else None,
            cell=cells[index] if author == "cell" else None,
            submitted_at=submitted,
        )
        if answer:
            services.comment_answer(
                comment=comment,
                user=officer,
                answer=answer,
                explanation=explanation,
                at=submitted + datetime.timedelta(days=10),
            )
    return len(comments)


def load(stdout) -> None:
    officer = User.objects.get(username="danguy")
    committee = Unit.objects.get(code="dang-bo-cuc")
    congress = Congress.objects.get(organisation=committee, ordinal=3)
    delegates = list(Delegate.objects.filter(congress=congress, is_official=True).order_by("code"))
    cells = list(Unit.objects.filter(kind=UnitKind.PARTY_CELL, parent=committee).order_by("code"))

    report = _document(
        congress,
        officer,
        "Báo cáo chính trị của Ban Chấp hành Đảng bộ Cục Công nghiệp địa phương khóa II trình Đại hội "
        "lần thứ III, nhiệm kỳ 2015–2020",
        DocumentKind.POLITICAL_REPORT,
        "Dự thảo lần 2",
        datetime.date(2015, 4, 28),
        POLITICAL_REPORT,
    )
    added = _comments(
        report,
        officer,
        delegates,
        cells,
        [(*c[:6], datetime.date(2015, 5, c[6])) for c in POLITICAL_REPORT_COMMENTS],
    )
    if report.status == DocumentStatus.OPEN:
        services.document_close(document=report, user=officer, at=_at(datetime.date(2015, 6, 5), 17))
    for title, kind, version, issued, text, comments in OTHER_DRAFTS:
        document = _document(congress, officer, title, kind, version, issued, text)
        day = issued + datetime.timedelta(days=7)
        added += _comments(document, officer, delegates, cells, [(*c, day) for c in comments])
    total = Comment.objects.filter(section__document__congress=congress).count()
    stdout.write(
        f"Dự thảo văn kiện: {DraftDocument.objects.filter(congress=congress).count()} dự thảo, "
        f"{total} ý kiến góp ý (thêm {added})\n"
    )
