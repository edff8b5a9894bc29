"""Demo data of the follow-up (dữ liệu mẫu): the Ministry's leaders and units, three years of working
sessions with most of the 34 provinces, each with its conclusion notice (its text written in the real
structure: I. Đánh giá chung / II. Nhiệm vụ / III. Về các kiến nghị) and its tasks, and their histories —
done on time, done late, extended, open and overdue — with the units' reports and the calendar's
obligations. Bulk-created (a few seconds); idempotent (the notices' numbers)."""

from __future__ import annotations

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit, User
from cndp.accounts.services import user_set_roles
from cndp.core.demo import DEMO_PASSWORD
from cndp.followup import parsing
from cndp.followup.choices import ReportVerdict, Role, State
from cndp.followup.models import (
    Assignment,
    DeadlineExtension,
    Leader,
    Notice,
    ProgressReport,
    Task,
    WorkingSession,
)
from cndp.followup.progress import KIND
from cndp.followup.rule import ensure_rule
from cndp.followup.services import undated_due
from cndp.obligations import calendar
from cndp.obligations import selectors as calendar_selectors
from cndp.obligations.models import CalendarRule, EscalationStep, Obligation
from cndp.obligations.services import obligations_owed_refresh
from cndp.places.models import Province

# Units of the Ministry that conclusion notices name (code, name, abbreviation).
MINISTRY_UNITS = [
    ("bct-vpc", "Vụ Pháp chế", "Vụ PC"),
    ("bct-khtc", "Vụ Kế hoạch, Tài chính và Quản lý doanh nghiệp", "Vụ KHTC&QLDN"),
    ("bct-vp", "Văn phòng Bộ", "VP Bộ"),
    ("bct-cn", "Cục Công nghiệp", "Cục CN"),
    ("bct-tttn", "Vụ Thị trường trong nước", "Vụ TTTN"),
    ("bct-xttm", "Cục Xúc tiến thương mại", "Cục XTTM"),
    ("bct-dl", "Cục Điện lực", "Cục ĐL"),
]
LEADERS = [
    ("Phan Quốc Khánh", "Bộ trưởng", 1, "botruong"),
    ("Đinh Văn Thành", "Thứ trưởng", 2, "thutruong"),
    ("Lương Minh Hải", "Thứ trưởng", 3, ""),
    ("Trịnh Thị Hồng Vân", "Thứ trưởng", 4, ""),
]
# Demo logins of the follow-up: a Deputy Minister (the digest page), an officer of a Ministry unit that
# reports on the tasks it leads or coordinates, and that unit's head (told when its reports are 7 days
# late).
LOGINS = [
    ("thutruong", "Đinh Văn Thành", "leader", "bct"),
    ("phapche", "Ngô Thị Bích Thủy", "ministry_unit_officer", "bct-vpc"),
    ("vutruongpc", "Trương Văn Khải", "ministry_unit_officer", "bct-vpc"),
]
HEADS = {"bct-vpc": "vutruongpc"}  # unit → its head's login
FIRST_NUMBER = 101  # notice numbers 101/TB-BCT … (per year)

# (section, text with {p} the province, lead, coordinators, deadline style)
TEMPLATES = [
    (
        "II",
        "Chỉ đạo Sở Công Thương {p} hoàn thành thủ tục thành lập các cụm công nghiệp đang hoạt động nhưng chưa có quyết định thành lập",
        "doit",
        [],
        "date",
    ),
    (
        "II",
        "Đôn đốc chủ đầu tư hạ tầng các CCN trên địa bàn {p} hoàn thành hệ thống xử lý nước thải tập trung",
        "doit",
        [],
        "quarter",
    ),
    (
        "II",
        "Rà soát, cập nhật phương án phát triển cụm công nghiệp của {p} trong quy hoạch tỉnh",
        "doit",
        ["arid"],
        "month",
    ),
    (
        "II",
        "Xây dựng chương trình khuyến công địa phương của {p} giai đoạn tiếp theo",
        "doit",
        ["arid"],
        "recurring",
    ),
    (
        "III",
        "Về điều kiện tỷ lệ lấp đầy khi mở rộng CCN của {p}: hướng dẫn tỉnh theo quy định hiện hành",
        "arid",
        ["bct-vpc"],
        "month",
    ),
    (
        "III",
        "Về hỗ trợ vốn đầu tư hạ tầng CCN cho {p}: tổng hợp, báo cáo Lãnh đạo Bộ",
        "bct-khtc",
        ["arid"],
        "day",
    ),
    (
        "III",
        "Về đề án phát triển công nghiệp hỗ trợ của {p}: góp ý, hướng dẫn hoàn thiện hồ sơ",
        "bct-cn",
        ["arid", "doit"],
        "day",
    ),
    (
        "III",
        "Về xúc tiến thương mại cho sản phẩm công nghiệp nông thôn tiêu biểu của {p}: đưa vào chương trình cấp quốc gia",
        "bct-xttm",
        ["doit"],
        "quarter",
    ),
    (
        "III",
        "Về cấp điện cho các CCN mới thành lập của {p}: làm việc với Tổng công ty Điện lực",
        "bct-dl",
        [],
        "month",
    ),
    (
        "III",
        "Về kiến nghị sửa đổi quy định về quản lý CCN của {p}: nghiên cứu, tổng hợp khi sửa đổi Nghị định",
        "bct-vpc",
        ["arid"],
        "none",
    ),
    (
        "III",
        "Về hạ tầng thương mại nông thôn của {p}: hướng dẫn lập kế hoạch phát triển chợ",
        "bct-tttn",
        ["doit"],
        "day",
    ),
    (
        "III",
        "Theo dõi, đôn đốc việc thực hiện các nhiệm vụ tại Thông báo này đối với {p}",
        "bct-vp",
        [],
        "recurring",
    ),
]


def _unit(code, name, short, parent):
    unit, _ = Unit.objects.update_or_create(
        code=code, defaults={"name": name, "short_name": short, "kind": UnitKind.MINISTRY, "parent": parent}
    )
    return unit


def _deadline_text(style: str, date: datetime.date) -> tuple[str, datetime.date | None]:
    """The words of a deadline as notices write them, and the date read from them."""
    if style == "day":
        text = f"trước ngày {date:%d/%m/%Y}"
    elif style == "month":
        text = f"trong tháng {date.month} năm {date.year}"
    elif style == "quarter":
        text = f"trong quý {['I', 'II', 'III', 'IV'][(date.month - 1) // 3]}/{date.year}"
    elif style == "date":
        text = f"trước {date:%d/%m/%Y}"
    elif style == "recurring":
        return "thường xuyên", None
    else:
        return "", None
    return text, parsing.read_deadline(text).date


def _steps_reached(due: datetime.date, today: datetime.date) -> int:
    late = (today - due).days
    return sum(1 for days in (1, 7, 15) if late >= days)


def load(stdout) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    ensure_rule(CalendarRule, EscalationStep)  # gone if a browser test flushed the database
    ministry = Unit.objects.get(code="bct")
    units = {code: _unit(code, name, short, ministry) for code, name, short in MINISTRY_UNITS}
    units["arid"] = Unit.objects.get(code="arid")
    leaders = []
    for full_name, position, rank, login in LEADERS:
        leader, _ = Leader.objects.update_or_create(
            full_name=full_name,
            defaults={
                "position": position,
                "rank": rank,
                "email": f"{login or 'lanhdao' + str(rank)}@moit.local",
            },
        )
        leaders.append(leader)
    for username, full_name, role, unit_code in LOGINS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        user.full_name, user.unit = full_name, Unit.objects.get(code=unit_code)
        user.email = user.email or f"{username}@moit.local"
        if created:
            user.set_password(DEMO_PASSWORD)
        user.save()
        user_set_roles(user=user, roles=[role])
    for code, username in HEADS.items():
        Unit.objects.filter(code=code, head__isnull=True).update(head=User.objects.get(username=username))
    Leader.objects.filter(full_name="Đinh Văn Thành", user__isnull=True).update(
        user=User.objects.get(username="thutruong")
    )
    if Notice.objects.filter(number__endswith="/TB-BCT").exists():
        stdout.write(f"Theo dõi kết luận: {Task.objects.count()} nhiệm vụ (đã có)\n")
        return

    provinces = list(Province.objects.filter(version="34").order_by("code"))
    doit = {u.province_id: u for u in Unit.objects.filter(kind=UnitKind.DOIT)}
    visited = [p for p in provinces if p.code not in ("91", "96", "86", "92", "75", "77")]  # 28 of 34
    danang = next((p for p in provinces if p.code == "48"), None)
    start = today - datetime.timedelta(days=3 * 365)
    sessions, notices = [], []
    # About two sessions a month for three years; Đà Nẵng and Hà Nội visited more than once.
    plan = []
    day = start
    i = 0
    while day < today - datetime.timedelta(days=14):
        province = visited[i % len(visited)]
        plan.append((day, province, leaders[i % len(leaders)]))
        day += datetime.timedelta(days=rng.randint(12, 20))
        i += 1
    if danang is not None:
        plan.append((today - datetime.timedelta(days=200), danang, leaders[1]))
    numbers: dict[int, int] = {}
    for day, province, leader in plan:
        session = WorkingSession(
            date=day,
            leader=leader,
            province=province,
            place=f"Trụ sở UBND {province.name}",
            topic=f"Tình hình phát triển công nghiệp, cụm công nghiệp và khuyến công của {province.name}",
            participants=f"Lãnh đạo UBND {province.name}; Sở Công Thương; Cục Công nghiệp địa phương; Vụ Pháp chế",
        )
        session.search_folded = session.search_text()
        sessions.append(session)
    WorkingSession.objects.bulk_create(sessions, batch_size=500)
    for session in sessions:
        year = session.date.year
        numbers[year] = numbers.get(year, FIRST_NUMBER) + 1
        notice = Notice(
            session=session,
            number=f"{numbers[year]}/TB-BCT",
            date=session.date + datetime.timedelta(days=rng.randint(3, 10)),
            signer=f"KT. BỘ TRƯỞNG — {session.leader}",
            title=f"Kết luận của {session.leader} tại buổi làm việc với UBND {session.province.name}",
        )
        notices.append(notice)
    tasks, plans = [], []
    for notice in notices:
        session = notice.session
        chosen = rng.sample(TEMPLATES, rng.randint(5, 9))
        chosen.sort(key=lambda t: t[0])
        counters: dict[str, int] = {}
        lines = {"II": [], "III": []}
        for section, text, lead, coordinators, style in chosen:
            counters[section] = counters.get(section, 0) + 1
            place = f"{section}.{counters[section]}"
            due = notice.date + datetime.timedelta(days=rng.randint(30, 240))
            words, deadline = _deadline_text(style, due)
            kind = parsing.DATE if deadline else (parsing.RECURRING if style == "recurring" else parsing.NONE)
            content = text.format(p=session.province.name)
            lead_unit = doit[session.province_id] if lead == "doit" else units[lead]
            coord = [doit[session.province_id] if c == "doit" else units[c] for c in coordinators]
            coord = [c for c in coord if c.pk != lead_unit.pk]
            names = ", ".join(c.short_name or c.name for c in coord)
            sentence = f"Giao {lead_unit.short_name or lead_unit.name} chủ trì" + (
                f", phối hợp với {names}" if names else ""
            )
            lines[section].append(
                f"{counters[section]}. {content}: {sentence}" + (f" ({words})" if words else "") + "."
            )
            task = Task(
                notice=notice, place=place, content=content, lead_unit=lead_unit, province=session.province,
                leader=session.leader, deadline_kind=kind, deadline=deadline, original_deadline=deadline,
            )  # fmt: skip
            tasks.append(task)
            plans.append((task, lead_unit, coord))
        notice.text = "\n".join(
            [
                "I. ĐÁNH GIÁ CHUNG",
                f"1. {session.province.name} đã quan tâm phát triển công nghiệp, cụm công nghiệp.",
                "2. Tuy nhiên, tiến độ đầu tư hạ tầng một số cụm công nghiệp còn chậm.",
                "II. NHIỆM VỤ, GIẢI PHÁP",
                *lines["II"],
                "III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH",
                *lines["III"],
                "Văn phòng Bộ thông báo để các cơ quan, đơn vị biết, thực hiện./.",
            ]
        )
        notice.search_folded = notice.search_text()
    Notice.objects.bulk_create(notices, batch_size=500)
    for task in tasks:
        task.notice_id = task.notice.pk
    _histories(rng, today, plans)
    for task in tasks:
        task.search_folded = task.search_text()
    Task.objects.bulk_create(tasks, batch_size=500)
    _children(rng, today, plans)
    stdout.write(
        f"Theo dõi kết luận: {len(sessions)} buổi làm việc, {len(notices)} thông báo, {len(tasks)} nhiệm vụ\n"
    )


def _histories(rng, today, plans) -> None:
    """Each task's fate: done on time, done late, extended, or open (overdue or not)."""
    for task, _lead, _coord in plans:
        task._reports, task._extension = [], None
        roll = rng.random()
        if task.deadline is None:
            if roll < 0.3:
                _done(task, task.notice.date + datetime.timedelta(days=rng.randint(60, 300)), today)
            continue
        if task.deadline < today:
            if roll < 0.55:
                _done(task, task.deadline - datetime.timedelta(days=rng.randint(0, 25)), today)
            elif roll < 0.72:
                _done(task, task.deadline + datetime.timedelta(days=rng.randint(3, 40)), today)
            elif roll < 0.85:
                new = task.deadline + datetime.timedelta(days=rng.randint(30, 120))
                task._extension = (
                    task.deadline,
                    new,
                    task.deadline - datetime.timedelta(days=rng.randint(1, 10)),
                )
                task.deadline = new
                if new < today and rng.random() < 0.7:
                    _done(task, new - datetime.timedelta(days=rng.randint(0, 20)), today)
        elif roll < 0.25:
            _done(
                task,
                min(today - datetime.timedelta(days=1), task.notice.date + datetime.timedelta(days=20)),
                today,
            )
        elif roll < 0.32:  # the lead unit reported it done; the agency has yet to confirm
            task.state, task.percent = State.REPORTED, 100
        if task.state == State.OPEN:
            task.percent = rng.choice([10, 20, 30, 50, 60, 70, 80])


def _done(task: Task, on: datetime.date, today: datetime.date) -> None:
    on = min(max(on, task.notice.date + datetime.timedelta(days=5)), today - datetime.timedelta(days=1))
    task.state, task.completed_on, task.percent = State.DONE, on, 100
    task.confirmed_at = timezone.make_aware(
        datetime.datetime.combine(on + datetime.timedelta(days=2), datetime.time(9))
    )


def _children(rng, today, plans) -> None:
    """Units, their reports, the extensions and the calendar's obligations of the tasks."""
    assignments = []
    for task, lead, coord in plans:
        assignments.append(Assignment(task=task, unit=lead, role=Role.LEAD, percent=task.percent))
        for unit in coord:
            assignments.append(
                Assignment(task=task, unit=unit, role=Role.COORDINATING, percent=min(100, task.percent + 10))
            )
    Assignment.objects.bulk_create(assignments, batch_size=1000)
    reports, extensions, obligations = [], [], []
    ct = ContentType.objects.get_for_model(Assignment)
    rule = calendar_selectors.rule_for(KIND, today)
    for assignment in assignments:
        task = assignment.task
        first = task.notice.date + datetime.timedelta(days=rng.randint(15, 45))
        if first < today and (task.state == State.DONE or rng.random() < 0.8):
            reports.append(
                ProgressReport(
                    assignment=assignment,
                    reported_on=first,
                    percent=min(assignment.percent, 50),
                    text=f"Đã triển khai, đang phối hợp với các cơ quan liên quan của {task.province.name}.",
                )  # fmt: skip
            )
        if task.state == State.DONE:
            done_on = (
                task.completed_on
                if assignment.role == Role.LEAD
                else task.completed_on - datetime.timedelta(days=3)
            )
            reports.append(
                ProgressReport(
                    assignment=assignment,
                    reported_on=max(done_on, first),
                    percent=100,
                    done=True,
                    verdict=ReportVerdict.CONFIRMED,
                    text=f"Đã hoàn thành; văn bản gửi UBND {task.province.name}.",
                )  # fmt: skip
            )
        reported = task.state == State.REPORTED and assignment.role == Role.LEAD
        if reported:
            reports.append(
                ProgressReport(
                    assignment=assignment,
                    reported_on=today - datetime.timedelta(days=2),
                    percent=100,
                    done=True,
                    text=f"Đã hoàn thành, đề nghị Cục xác nhận; báo cáo gửi UBND {task.province.name}.",
                )  # fmt: skip
            )
        due = task.deadline or undated_due(max(task.notice.date, today))
        done = task.state == State.DONE
        late_steps = 0 if done else _steps_reached(due, today)
        obligation = Obligation(
            kind=KIND, title=f"{task.place} TB {task.notice.number} — {assignment.unit.short_name or assignment.unit.name}",
            content_type=ct, object_id=assignment.pk, unit=assignment.unit, province_id=assignment.unit.province_id,
            rule=rule, basis=calendar.FINAL, period_end=due, due_on=due,
            state=calendar.ACCEPTED if done else (calendar.SUBMITTED if reported else calendar.PENDING),
            submissions=1 if done or reported else 0,
            reminded_on=due - datetime.timedelta(days=7) if due - datetime.timedelta(days=7) <= today else None,
            escalation=late_steps, escalated_on=today if late_steps else None,
            recurring=task.deadline is None,
        )  # fmt: skip
        obligation.search_folded = obligation.search_text()
        obligations.append(obligation)
        if assignment.role == Role.LEAD and task._extension:
            old, new, agreed = task._extension
            extensions.append(
                DeadlineExtension(
                    task=task,
                    old_kind=parsing.DATE,
                    old_deadline=old,
                    new_deadline=new,
                    agreed_on=agreed,
                    reason=f"Chờ ý kiến của UBND {task.province.name} và các bộ, ngành liên quan",
                    agreed_by=f"{task.leader}",
                )  # fmt: skip
            )
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    DeadlineExtension.objects.bulk_create(extensions, batch_size=1000)
    Obligation.objects.bulk_create(obligations, batch_size=1000)
    obligations_owed_refresh(kind=KIND)  # a done task's reports are no longer owed


def logins() -> list[tuple[str, str, str]]:
    return [(u, r, n) for u, n, r, _c in LOGINS if User.objects.filter(username=u).exists()]


__all__ = ["load", "logins"]
