"""Demo data: a Phòng GDĐT with three schools, a person per role, a self-assessment and a plan
per school, so every page has something to show. Everything here is invented for the demo.

`demo_load()` builds it once inside one transaction through the services (so the audit log shows
how it was made); run again, it changes nothing and gives the same logins back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from caitien.assessments import services as assessments
from caitien.audit.services import audit_record
from caitien.catalog.models import Regulation
from caitien.catalog.services import catalog_load
from caitien.plans import services as plans
from caitien.plans.calendar import current_school_year
from caitien.plans.models import Plan
from caitien.schools.models import Office, Role, School, User
from caitien.schools.services import membership_add, office_create, school_create, user_create

PASSWORD = "caitien123"

SO = {"name": "Sở Giáo dục và Đào tạo tỉnh Tây Ninh", "place": "Tây Ninh", "code": "SO-TAYNINH"}
PHONG = {"name": "Phòng Giáo dục và Đào tạo huyện Gò Dầu", "place": "Gò Dầu", "code": "PGD-GODAU"}
GOVERNING_BODY = "UBND huyện Gò Dầu"

# key: school fields; the regulation by slug. The primary school holds every role.
SCHOOLS = {
    "primary": {
        "name": "Trường Tiểu học Thanh Phước",
        "level": "tieu_hoc",
        "place": "Thanh Phước",
        "short_code": "THTP",
        "address": "Ấp Cây Da, xã Thanh Phước, huyện Gò Dầu",
        "regulation": "tt17-2018",
    },
    "preschool": {
        "name": "Trường Mầm non Hoa Mai",
        "level": "mam_non",
        "place": "Gò Dầu",
        "short_code": "MNHM",
        "address": "Khu phố 2, thị trấn Gò Dầu",
        "regulation": "tt19-2018",
    },
    "secondary": {
        "name": "Trường THCS Bàu Đồn",
        "level": "thcs",
        "place": "Bàu Đồn",
        "short_code": "THCSBĐ",
        "address": "Ấp 4, xã Bàu Đồn, huyện Gò Dầu",
        "regulation": "tt57-2026-pl2",
    },
}


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: str
    school: str = ""  # a key of SCHOOLS
    office: str = ""  # "so" or "phong"
    position: str = ""


PEOPLE = [
    Person("hieutruong", "Nguyễn Thị Thu Hà", Role.PRINCIPAL, "primary", position="Hiệu trưởng"),
    Person("phohieutruong", "Trần Văn Khoa", Role.VICE_PRINCIPAL, "primary", position="Phó Hiệu trưởng"),
    Person(
        "hoidong", "Lê Thị Mỹ Linh", Role.COUNCIL_MEMBER, "primary", position="Tổ trưởng chuyên môn khối 4"
    ),
    Person("giamsat", "Phạm Quốc Bảo", Role.MONITORING_MEMBER, "primary", position="Tổ trưởng Tổ giám sát"),
    Person("giaovien", "Võ Thị Ngọc Trâm", Role.STAFF, "primary", position="Giáo viên chủ nhiệm lớp 3A"),
    Person(
        "chuyenvien",
        "Huỳnh Minh Tâm",
        Role.OFFICE_SPECIALIST,
        office="phong",
        position="Chuyên viên phụ trách kiểm định chất lượng",
    ),
    Person("quantri", "Đặng Hoàng Nam", Role.SYSTEM_ADMIN, position="Quản trị hệ thống"),
    Person("hieutruong_mn", "Đoàn Thị Kim Oanh", Role.PRINCIPAL, "preschool", position="Hiệu trưởng"),
    Person("hieutruong_thcs", "Lâm Văn Phúc", Role.PRINCIPAL, "secondary", position="Hiệu trưởng"),
]

# Which plan ends in which state: the public page shows the published one.
PLAN_STATUS = {
    "primary": Plan.Status.DRAFT,
    "preschool": Plan.Status.PUBLISHED,
    "secondary": Plan.Status.SUBMITTED,
}
PLAN_NUMBER = {"preschool": 18, "secondary": 25}


class DemoError(Exception):
    """The demo cannot be built here; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    place: str


@dataclass(frozen=True)
class DemoResult:
    created: bool
    school_year: int
    logins: list[Login]


def logins() -> list[Login]:
    out = []
    for p in PEOPLE:
        if p.school:
            place = SCHOOLS[p.school]["name"]
        elif p.office:
            place = (SO if p.office == "so" else PHONG)["name"]
        else:
            place = "Toàn hệ thống"
        out.append(Login(p.username, PASSWORD, Role(p.role).label, place))
    return out


def demo_load(*, today: datetime.date | None = None) -> DemoResult:
    """Build the demo once. Raises DemoError when part of it exists already or clashes with real data."""
    codes = [s["short_code"] for s in SCHOOLS.values()]
    found = set(School.objects.filter(short_code__in=codes).values_list("short_code", flat=True))
    if len(found) == len(codes):
        first = Plan.objects.filter(school__short_code=codes[0]).order_by("start_year").first()
        year = first.start_year if first else current_school_year(today)
        return DemoResult(created=False, school_year=year, logins=logins())
    if found:
        raise DemoError(
            f"Cơ sở dữ liệu đã có trường mang ký hiệu {', '.join(sorted(found))} nhưng chưa đủ dữ liệu mẫu. "
            "Hãy dùng một cơ sở dữ liệu mới cho dữ liệu mẫu, hoặc đổi ký hiệu các trường đó trong trang quản trị."
        )
    taken = sorted(
        User.objects.filter(username__in=[p.username for p in PEOPLE]).values_list("username", flat=True)
    )
    if taken:
        raise DemoError(
            f"Tên đăng nhập {', '.join(taken)} đã có người dùng. Dữ liệu mẫu cần các tên này; "
            "hãy dùng một cơ sở dữ liệu mới cho dữ liệu mẫu."
        )
    year = current_school_year(today)
    _build(year, today or datetime.date.today())
    return DemoResult(created=True, school_year=year, logins=logins())


@transaction.atomic
def _build(year: int, today: datetime.date) -> None:
    if not Regulation.objects.exists():
        catalog_load()
    regulations = {r.slug: r for r in Regulation.objects.all()}
    so = office_create(name=SO["name"], kind=Office.Kind.SO, place=SO["place"], code=SO["code"])
    phong = office_create(
        name=PHONG["name"], kind=Office.Kind.PHONG, parent=so, place=PHONG["place"], code=PHONG["code"]
    )
    offices = {"so": so, "phong": phong}
    schools = {}
    for key, data in SCHOOLS.items():
        fields = {k: v for k, v in data.items() if k != "regulation"}
        schools[key] = school_create(
            **fields, office=phong, governing_body=GOVERNING_BODY, regulation=regulations[data["regulation"]]
        )
    people = {}
    for p in PEOPLE:
        user = user_create(username=p.username, full_name=p.full_name, password=PASSWORD)
        membership_add(
            user=user,
            role=p.role,
            school=schools.get(p.school),
            office=offices.get(p.office),
            position=p.position,
        )
        if p.role == Role.SYSTEM_ADMIN:
            # The Django admin asks for is_staff; the superuser flag gives its model permissions.
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
            audit_record(
                actor=None,
                action="user.update",
                obj=user,
                school=None,
                summary=f"Cho {user.display_name} quyền vào trang quản trị",
                changes={"is_staff": [False, True], "is_superuser": [False, True]},
            )
        people[p.username] = user
    principals = {
        "primary": people["hieutruong"],
        "preschool": people["hieutruong_mn"],
        "secondary": people["hieutruong_thcs"],
    }
    writers = {
        "primary": people["hoidong"],
        "preschool": people["hieutruong_mn"],
        "secondary": people["hieutruong_thcs"],
    }
    for key, school in schools.items():
        content = CONTENT[key](year)
        assessment = _self_assessment(school, year, principals[key], writers[key], content)
        _plan(school, year, today, principals[key], writers[key], assessment, content, key)


# --- self-assessment ---------------------------------------------------------------------------------


def _self_assessment(school, year, principal, writer, content):
    sa = assessments.self_assessment_create(
        school=school, start_year=year, actor=principal, target_level=content["target_level"]
    )
    regulation = school.regulation
    reg = regulation.registry
    evidence = "MC.{s}.{c}.01" if reg.generation == "2026" else "[H{s}-{s}.{c}-01]"
    rows = sa.criteria.select_related("criterion__standard").prefetch_related("criterion__indicators")
    for ca in rows:
        crit = ca.criterion
        std, num = crit.code.split(".")
        specific = content["criteria"].get(crit.code)
        if specific:
            reached, current_state, strengths, weaknesses = specific
        else:
            max_level = max(reg.criterion(crit.code).levels)
            reached = min(max_level, 3 if crit.code in content["level3"] else content["target_level"])
            current_state = _generic_state(crit, evidence.format(s=std, c=num), school.level)
            strengths = _generic_strength(reg.generation, int(std), school.level)
            weaknesses = content["extra_weaknesses"].get(crit.code, "")
        assessments.criterion_assessment_update(
            assessment=ca,
            actor=writer,
            current_state=current_state,
            strengths=strengths,
            weaknesses=weaknesses,
        )
        _mark_indicators(ca, reached, writer)
    sa.refresh_from_db()
    return sa


def _mark_indicators(ca, reached: int, actor) -> None:
    """Every indicator up to `reached` met; at the next level all but the last, so the criterion
    stops exactly at `reached` (levels are cumulative)."""
    by_level: dict[int, list] = {}
    for ind in sorted(ca.criterion.indicators.all(), key=lambda i: (i.level, i.position)):
        by_level.setdefault(ind.level, []).append(ind)
    for level, items in sorted(by_level.items()):
        for n, ind in enumerate(items):
            met = level <= reached or (level == reached + 1 and n < len(items) - 1)
            assessments.indicator_result_set(assessment=ca, indicator=ind, met=met, actor=actor)


def _generic_state(criterion, code: str, school_level: str) -> str:
    learners = "trẻ" if school_level == "mam_non" else "học sinh"
    return (
        f"Nhà trường thực hiện đầy đủ các yêu cầu của tiêu chí {criterion.code} ({criterion.name}). "
        f"Kế hoạch, hồ sơ và báo cáo liên quan được lập đúng thời hạn, lưu trữ theo từng năm học {code}; "
        f"kết quả thực hiện được thông báo tới cán bộ, giáo viên, nhân viên và cha mẹ {learners}."
    )


GENERIC_STRENGTHS = {
    ("2018", 1): "Công tác quản lý được thực hiện nền nếp, đúng quy định; các bộ phận phối hợp nhịp nhàng.",
    ("2018", 2): "Đội ngũ nhiệt tình, có trách nhiệm, tích cực tham gia bồi dưỡng chuyên môn, nghiệp vụ.",
    ("2018", 3): "Cơ sở vật chất, thiết bị được bảo quản tốt, sử dụng đúng mục đích và có sổ theo dõi.",
    (
        "2018",
        4,
    ): "Nhà trường nhận được sự ủng hộ thường xuyên của cha mẹ {learners} và chính quyền địa phương.",
    (
        "2018",
        5,
    ): "Các hoạt động giáo dục được tổ chức đúng kế hoạch, phù hợp với điều kiện thực tế của nhà trường.",
    (
        "2026",
        1,
    ): "Bộ máy, phân công nhiệm vụ rõ ràng; kế hoạch được rà soát định kỳ và công khai đúng quy định.",
    ("2026", 2): "Đội ngũ đủ về số lượng, đạt chuẩn trình độ đào tạo, có ý thức tự học, tự bồi dưỡng.",
    (
        "2026",
        3,
    ): "Chương trình được thực hiện đầy đủ; giáo viên quan tâm theo dõi sự tiến bộ của từng {learners}.",
    ("2026", 4): "Khuôn viên xanh, sạch, an toàn; phối hợp tốt với gia đình và các tổ chức ở địa phương.",
}


def _generic_strength(generation: str, standard: int, school_level: str) -> str:
    learners = "trẻ" if school_level == "mam_non" else "học sinh"
    text = GENERIC_STRENGTHS.get((generation, standard), GENERIC_STRENGTHS[("2018", 1)])
    return text.format(learners=learners)


# --- plan ----------------------------------------------------------------------------------------------


def _plan(school, year, today, principal, writer, assessment, content, key) -> Plan:
    plan = plans.plan_create(
        school=school, actor=principal, start_year=year, end_year=year + 1, self_assessment=assessment
    )
    for row in content["rows"]:
        plans.plan_item_add(plan=plan, actor=writer, values=row)
    if content.get("priority_issues") or content.get("monitoring"):
        _plan_tables(plan, writer, content)
    target = PLAN_STATUS[key]
    if target == Plan.Status.DRAFT:
        return plan
    plan = _submit(plan, writer)
    if target == Plan.Status.SUBMITTED:
        return plan
    signed = min(today, datetime.date(year, 9, 28))
    plan = plans.plan_approve(
        plan=plan,
        actor=principal,
        number=f"{PLAN_NUMBER[key]}/KH-{school.short_code}",
        date=signed,
        signer=principal.display_name,
    )
    return plans.plan_publish(plan=plan, actor=principal)


def _plan_tables(plan: Plan, actor, content) -> None:
    """Sections IV and VI of the 57/2026 form (no service edits them yet)."""
    plan.priority_issues = content.get("priority_issues", [])
    plan.monitoring = content.get("monitoring", [])
    plan.revision += 1
    plan.save(update_fields=["priority_issues", "monitoring", "revision", "updated_at"])
    audit_record(
        actor=actor,
        action="plan.update",
        obj=plan,
        summary=f"Ghi vấn đề trọng tâm và lịch theo dõi của {plan.title}",
        changes={"priority_issues": len(plan.priority_issues), "monitoring": len(plan.monitoring)},
    )


def _submit(plan: Plan, actor) -> Plan:
    """Through the service; should the checker find an error in the demo rows, the plan is still sent
    (and the findings logged) so the demo keeps its three states."""
    try:
        return plans.plan_submit(plan=plan, actor=actor)
    except plans.PlanNotReady as exc:
        plan.refresh_from_db()
        plan.status = Plan.Status.SUBMITTED
        plan.revision += 1
        plan.save()
        audit_record(
            actor=actor,
            action="plan.submit",
            obj=plan,
            summary=f"Gửi phê duyệt {plan.title} (dữ liệu mẫu)",
            changes={
                "status": ["draft", "submitted"],
                "findings": [f"{f.rule}: {f.message}" for f in exc.findings],
            },
        )
        return plan


# --- the content ---------------------------------------------------------------------------------------


def _primary(y: int) -> dict:
    n = y + 1
    return {
        "target_level": 2,
        "level3": {"1.1", "2.4", "5.2"},
        "extra_weaknesses": {
            "1.10": "Hệ thống camera giám sát mới lắp ở cổng trường, chưa bao quát khu vực sân sau và nhà xe.",
        },
        "criteria": {
            "1.6": (
                2,
                "Nhà trường có đủ hồ sơ quản lý hành chính, tài chính, tài sản theo quy định [H1-1.6-01]; "
                "thực hiện công khai tài chính mỗi học kỳ [H1-1.6-02]. Việc kiểm kê tài sản cuối năm vẫn làm "
                "thủ công trên sổ sách.",
                "Thu chi đúng nguyên tắc, không để xảy ra sai sót qua các đợt kiểm tra của cấp trên.",
                "Chưa ứng dụng phần mềm quản lý tài sản; nhiều thiết bị chưa được dán mã nên khó theo dõi.",
            ),
            "2.2": (
                1,
                "Trường có 24 giáo viên, 100% đạt chuẩn trình độ đào tạo theo Luật Giáo dục 2019 hoặc đang "
                "học nâng chuẩn [H2-2.2-01]. Kết quả đánh giá chuẩn nghề nghiệp năm học trước: 68% đạt khá "
                "trở lên [H2-2.2-02].",
                "Giáo viên tâm huyết, gắn bó với trường; đa số có kinh nghiệm giảng dạy trên 10 năm.",
                "Còn 02 giáo viên đang học đại học để nâng chuẩn; tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức "
                "khá trở lên chưa đạt yêu cầu Mức 2.",
            ),
            "3.2": (
                1,
                "Trường có 18 phòng học cho 18 lớp, đạt tỷ lệ 1 phòng/lớp [H3-3.2-01]. Dãy phòng khối 1 "
                "xây năm 2008, mùa mưa thấm dột ở 04 phòng; một số bàn ghế không đúng kích cỡ.",
                "Đủ phòng học cho mỗi lớp học 2 buổi/ngày; phòng học thoáng, có quạt và đèn chiếu sáng.",
                "04 phòng học khối 1 bị thấm dột; 40 bộ bàn ghế học sinh xuống cấp, không đúng quy cách.",
            ),
            "3.6": (
                1,
                "Thư viện có 3.200 bản sách, báo [H3-3.6-01]; có sổ theo dõi mượn, trả sách. Diện tích "
                "phòng đọc nhỏ, sách thiếu nhi ít đầu sách mới.",
                "Nhân viên thư viện nhiệt tình, tổ chức được Ngày hội đọc sách hằng năm.",
                "Sách thiếu nhi ít đầu sách mới; chưa có góc đọc tại các khối lớp; tần suất học sinh đến thư "
                "viện còn thấp.",
            ),
            "4.1": (
                2,
                "Ban đại diện cha mẹ học sinh được thành lập và hoạt động theo điều lệ [H4-4.1-01]; họp "
                "định kỳ với nhà trường 3 lần/năm [H4-4.1-02].",
                "Ban đại diện cha mẹ học sinh nhiệt tình, hỗ trợ tốt các hoạt động phong trào.",
                "Sự phối hợp chủ yếu trong các ngày lễ; chưa tham gia tổ chức hoạt động trải nghiệm cho học sinh.",
            ),
            "5.3": (
                1,
                "Nhà trường tổ chức các hoạt động ngoại khóa theo chủ điểm tháng [H5-5.3-01]; có câu lạc "
                "bộ cờ vua và vẽ nhưng số học sinh tham gia chưa nhiều.",
                "Học sinh hào hứng với các hoạt động tập thể, văn nghệ, thể thao.",
                "Hoạt động trải nghiệm, giáo dục kỹ năng sống còn ít; các câu lạc bộ mới thu hút khoảng 30% "
                "học sinh.",
            ),
            "5.5": (
                2,
                "Năm học trước có 96,5% học sinh hoàn thành chương trình lớp học [H5-5.5-01]; 100% học "
                "sinh lớp 5 hoàn thành chương trình tiểu học [H5-5.5-02].",
                "Chất lượng giáo dục ổn định qua các năm; học sinh lớp 5 hoàn thành chương trình đạt 100%.",
                "Còn 05 học sinh khối 1 chưa hoàn thành môn Tiếng Việt, chủ yếu do đi học không đều.",
            ),
        },
        "rows": [
            {
                "criterion_code": "1.6",
                "level": "Mức 3",
                "expected_result": f"100% tài sản, thiết bị được kiểm kê, dán mã và cập nhật vào phần mềm quản lý tài "
                f"sản trước tháng 12/{y}; công khai tài chính đúng hạn mỗi học kỳ.",
                "solutions": "- Rà soát, kiểm kê toàn bộ tài sản, thiết bị theo từng phòng.\n"
                "- Dán mã, nhập dữ liệu tài sản vào phần mềm quản lý tài sản công.\n"
                "- Công khai tài chính, tài sản tại cuộc họp hội đồng sư phạm cuối mỗi học kỳ.",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "Kế toán, Tổ văn phòng",
                "time_text": f"Từ tháng 10/{y} đến tháng 12/{y}",
                "budget_text": "3.000.000 đồng",
                "funding_source": "Ngân sách nhà nước (kinh phí chi thường xuyên)",
            },
            {
                "criterion_code": "2.2",
                "level": "Mức 2",
                "expected_result": "100% giáo viên đạt chuẩn trình độ đào tạo; ít nhất 80% giáo viên được đánh giá "
                "chuẩn nghề nghiệp từ mức khá trở lên (hiện nay 68%).",
                "solutions": "- Sắp xếp thời khóa biểu để 02 giáo viên đang học đại học hoàn thành khóa học đúng hạn.\n"
                "- Sinh hoạt chuyên môn theo nghiên cứu bài học mỗi tháng một lần ở từng khối.\n"
                "- Phân công giáo viên giỏi kèm cặp giáo viên mới, dự giờ và góp ý hằng tháng.",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "Tổ trưởng chuyên môn các khối",
                "time_text": f"Năm học {y}-{n}",
                "budget_text": "8.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
            },
            {
                "criterion_code": "3.2",
                "level": "Mức 2",
                "expected_result": "Sửa chữa xong 04 phòng học khối 1 bị thấm dột; thay mới 40 bộ bàn ghế đúng kích "
                "cỡ; 100% phòng học đủ ánh sáng và quạt.",
                "solutions": "- Khảo sát hiện trạng, lập dự toán sửa chữa mái và chống thấm.\n"
                "- Tham mưu UBND huyện hỗ trợ kinh phí sửa chữa.\n"
                "- Vận động cha mẹ học sinh, doanh nghiệp địa phương hỗ trợ bàn ghế.",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "Kế toán, Ban đại diện cha mẹ học sinh",
                "time_text": f"Học kỳ II năm học {y}-{n}",
                "budget_text": "45.000.000 đồng",
                "funding_source": "Ngân sách huyện, nguồn xã hội hóa",
                "support": "Tham mưu UBND huyện Gò Dầu hỗ trợ kinh phí sửa chữa",
            },
            {
                "criterion_code": "3.6",
                "level": "Mức 2",
                "expected_result": "Bổ sung ít nhất 300 bản sách thiếu nhi; mỗi khối lớp có 01 góc đọc sách; mỗi lớp "
                "có 02 tiết đọc tại thư viện mỗi tháng.",
                "solutions": "- Phát động phong trào “Mỗi em một cuốn sách hay” trong học sinh và cha mẹ học sinh.\n"
                "- Sắp xếp lại kho sách, phân loại và cập nhật sổ đăng ký.\n"
                "- Xếp lịch tiết đọc thư viện cho từng lớp.",
                "lead_text": "Nhân viên thư viện",
                "coordinators_text": "Tổng phụ trách Đội, giáo viên chủ nhiệm",
                "time_text": f"Từ tháng 10/{y} đến tháng 4/{n}",
                "budget_text": "10.000.000 đồng",
                "funding_source": "Nguồn xã hội hóa, quỹ Ban đại diện cha mẹ học sinh",
            },
            {
                "criterion_code": "4.1",
                "level": "Mức 3",
                "expected_result": "Ban đại diện cha mẹ học sinh cùng nhà trường tổ chức ít nhất 02 hoạt động trải "
                "nghiệm cho học sinh trong năm học.",
                "solutions": "- Họp Ban đại diện cha mẹ học sinh đầu năm để thống nhất kế hoạch phối hợp.\n"
                "- Tổ chức chuyến tham quan Khu di tích Bời Lời và Ngày hội “Em yêu quê hương”.",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "Ban đại diện cha mẹ học sinh trường",
                "time_text": f"Học kỳ I năm học {y}-{n}",
                "budget_text": "Không có",
                "funding_source": "Ban đại diện cha mẹ học sinh vận động",
            },
            {
                "criterion_code": "5.3",
                "level": "Mức 2",
                "expected_result": "Tổ chức 04 chủ đề hoạt động trải nghiệm trong năm học; ít nhất 60% học sinh tham "
                "gia một câu lạc bộ (cờ vua, vẽ, bóng đá mini).",
                "solutions": "- Xây dựng kế hoạch hoạt động trải nghiệm theo từng tháng.\n"
                "- Thành lập thêm câu lạc bộ bóng đá mini, phân công giáo viên phụ trách.\n"
                "- Tổng kết, khen thưởng các lớp tham gia tích cực.",
                "lead_text": "Tổng phụ trách Đội",
                "coordinators_text": "Giáo viên chủ nhiệm, giáo viên bộ môn",
                "time_text": f"Từ tháng 11/{y} đến tháng 5/{n}",
                "budget_text": "6.500.000 đồng",
                "funding_source": "Ngân sách nhà nước, nguồn xã hội hóa",
            },
            {
                "criterion_code": "5.5",
                "level": "Mức 3",
                "expected_result": "Tỷ lệ học sinh hoàn thành chương trình lớp học từ 98% trở lên; học sinh khối 1 "
                "chưa hoàn thành môn Tiếng Việt giảm từ 05 em xuống dưới 02 em.",
                "solutions": "- Lập danh sách, phụ đạo học sinh chưa hoàn thành vào buổi chiều thứ Ba, thứ Năm.\n"
                "- Giáo viên chủ nhiệm thăm gia đình học sinh đi học không đều.\n"
                "- Kiểm tra tiến bộ của học sinh giữa và cuối mỗi học kỳ.",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "Giáo viên chủ nhiệm khối 1",
                "time_text": f"Năm học {y}-{n}",
                "budget_text": "2.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
            },
        ],
    }


def _preschool(y: int) -> dict:
    n = y + 1
    return {
        "target_level": 2,
        "level3": {"1.1", "5.2"},
        "extra_weaknesses": {},
        "criteria": {
            "1.5": (
                1,
                "Trường có 09 nhóm, lớp với 265 trẻ [H1-1.5-01]. Lớp Chồi 2 có 38 trẻ, vượt số trẻ tối đa "
                "theo Điều lệ trường mầm non.",
                "Các nhóm, lớp được phân chia theo độ tuổi; mỗi lớp có đủ 02 giáo viên.",
                "Lớp Chồi 2 đông trẻ, ảnh hưởng tới việc tổ chức hoạt động và chăm sóc từng trẻ.",
            ),
            "2.2": (
                2,
                "Trường có 20 giáo viên, 100% đạt chuẩn trình độ đào tạo [H2-2.2-01]; 85% đạt chuẩn nghề "
                "nghiệp mức khá trở lên [H2-2.2-02].",
                "Giáo viên yêu nghề, gần gũi với trẻ, làm đồ dùng, đồ chơi sáng tạo.",
                "Việc ứng dụng công nghệ thông tin trong tổ chức hoạt động còn hạn chế; tỷ lệ giáo viên đạt "
                "mức tốt chỉ 20%.",
            ),
            "3.1": (
                1,
                "Khuôn viên rộng 4.500 m², có tường rào bao quanh [H3-3.1-01]. Sân chơi có 03 loại thiết "
                "bị ngoài trời đã cũ, ít cây bóng mát.",
                "Diện tích đủ rộng để mở thêm khu vui chơi, vườn rau cho trẻ.",
                "Sân chơi thiếu thiết bị vận động và cây xanh; chưa có khu vườn cho trẻ khám phá.",
            ),
            "3.4": (
                1,
                "Bếp ăn phục vụ 265 trẻ bán trú [H3-3.4-01]; có hợp đồng cung cấp thực phẩm an toàn "
                "[H3-3.4-02]. Bố trí khu sơ chế, chế biến chưa theo quy trình một chiều.",
                "Thực đơn đa dạng, thay đổi theo tuần; không xảy ra ngộ độc thực phẩm.",
                "Bếp chưa vận hành theo quy trình một chiều; tủ lưu mẫu thức ăn đã hư hỏng.",
            ),
            "4.1": (
                2,
                "Ban đại diện cha mẹ trẻ được thành lập đầu năm học và có kế hoạch hoạt động [H4-4.1-01].",
                "Cha mẹ trẻ quan tâm, đóng góp công sức cho các ngày hội của trường.",
                "Số cha mẹ trẻ dự họp định kỳ mới đạt khoảng 70%.",
            ),
            "5.3": (
                1,
                "100% trẻ được theo dõi cân nặng, chiều cao bằng biểu đồ tăng trưởng [H5-5.3-01]. Tỷ lệ trẻ "
                "suy dinh dưỡng thể thấp còi cuối năm học trước là 6%.",
                "Trẻ được ăn bán trú đủ chất; nhân viên y tế theo dõi sức khỏe trẻ thường xuyên.",
                "Tỷ lệ trẻ thấp còi còn cao so với mục tiêu của huyện; phụ huynh chưa phối hợp tốt trong chế "
                "độ ăn tại nhà.",
            ),
        },
        "rows": [
            {
                "criterion_code": "1.5",
                "level": "Mức 2",
                "expected_result": "Tách lớp Chồi 2 (38 trẻ) thành 02 lớp; 100% nhóm, lớp có số trẻ đúng quy định.",
                "solutions": "- Bố trí phòng học dự phòng làm phòng lớp mới.\n"
                "- Phân công thêm 02 giáo viên, mua sắm đồ dùng, đồ chơi cho lớp mới.",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "Phó Hiệu trưởng phụ trách chuyên môn",
                "time_text": f"Tháng 10/{y}",
                "budget_text": "15.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
            },
            {
                "criterion_code": "2.2",
                "level": "Mức 3",
                "expected_result": "100% giáo viên ứng dụng công nghệ thông tin trong tổ chức hoạt động; ít nhất 30% "
                "giáo viên đạt chuẩn nghề nghiệp mức tốt.",
                "solutions": "- Tổ chức 02 chuyên đề về thiết kế bài giảng điện tử cho trẻ mẫu giáo.\n"
                "- Dự giờ, góp ý theo tổ chuyên môn mỗi tháng một lần.\n"
                "- Tổ chức hội thi giáo viên dạy giỏi cấp trường.",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "Tổ trưởng tổ chuyên môn",
                "time_text": f"Năm học {y}-{n}",
                "budget_text": "5.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
            },
            {
                "criterion_code": "3.1",
                "level": "Mức 2",
                "expected_result": "Sân chơi có ít nhất 05 loại thiết bị vận động ngoài trời; trồng thêm 20 cây bóng "
                "mát; có 01 khu vườn cho trẻ khám phá.",
                "solutions": "- Khảo sát, chọn vị trí đặt thiết bị và làm vườn.\n"
                "- Vận động cha mẹ trẻ, nhà hảo tâm hỗ trợ cây giống và công lao động.\n"
                "- Mua sắm, lắp đặt 02 bộ thiết bị vận động mới.",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "Kế toán, Ban đại diện cha mẹ trẻ",
                "time_text": f"Từ tháng 11/{y} đến tháng 3/{n}",
                "budget_text": "30.000.000 đồng",
                "funding_source": "Ngân sách nhà nước, nguồn xã hội hóa",
            },
            {
                "criterion_code": "3.4",
                "level": "Mức 2",
                "expected_result": "Bếp ăn vận hành theo quy trình một chiều; thay mới tủ lưu mẫu thức ăn và 02 bàn sơ "
                "chế bằng inox.",
                "solutions": "- Sắp xếp lại khu sơ chế, chế biến, chia thức ăn theo quy trình một chiều.\n"
                "- Mua tủ lưu mẫu thức ăn và bàn sơ chế.\n"
                "- Tập huấn an toàn thực phẩm cho nhân viên cấp dưỡng.",
                "lead_text": "Phó Hiệu trưởng phụ trách bán trú",
                "coordinators_text": "Kế toán, nhân viên cấp dưỡng",
                "time_text": f"Học kỳ I năm học {y}-{n}",
                "budget_text": "18.000.000 đồng",
                "funding_source": "Ngân sách nhà nước, nguồn thu bán trú",
            },
            {
                "criterion_code": "4.1",
                "level": "Mức 3",
                "expected_result": "Ban đại diện cha mẹ trẻ phối hợp tổ chức 03 ngày hội (Tết Trung thu, Hội xuân, Ngày "
                "hội của bé); ít nhất 90% cha mẹ trẻ dự họp định kỳ.",
                "solutions": "- Thống nhất kế hoạch phối hợp ngay từ cuộc họp đầu năm.\n"
                "- Thông báo lịch họp qua nhóm lớp trước ít nhất 05 ngày.",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "Ban đại diện cha mẹ trẻ",
                "time_text": f"Từ tháng 10/{y} đến tháng 5/{n}",
                "budget_text": "Không có",
                "funding_source": "Ban đại diện cha mẹ trẻ vận động",
            },
            {
                "criterion_code": "5.3",
                "level": "Mức 2",
                "expected_result": "Giảm tỷ lệ trẻ suy dinh dưỡng thể thấp còi từ 6% xuống dưới 4%; 100% trẻ được khám "
                "sức khỏe định kỳ 02 lần/năm.",
                "solutions": "- Điều chỉnh thực đơn, bổ sung sữa cho trẻ thấp còi.\n"
                "- Phối hợp Trạm y tế khám sức khỏe định kỳ cho trẻ.\n"
                "- Hướng dẫn cha mẹ trẻ chế độ dinh dưỡng tại nhà.",
                "lead_text": "Nhân viên y tế",
                "coordinators_text": "Giáo viên các lớp, nhân viên cấp dưỡng",
                "time_text": f"Năm học {y}-{n}",
                "budget_text": "4.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
            },
        ],
    }


def _secondary(y: int) -> dict:
    n = y + 1
    return {
        "target_level": 2,
        "level3": set(),
        "extra_weaknesses": {},
        "criteria": {
            "1.3": (
                1,
                "Nhà trường có hồ sơ, dữ liệu về kế hoạch, tài chính, học sinh, đội ngũ theo quy định "
                "[MC.1.3.01]. Dữ liệu trên cơ sở dữ liệu ngành đôi khi cập nhật chậm.",
                "Hồ sơ giấy được lưu trữ đầy đủ, khoa học, dễ tra cứu.",
                "Dữ liệu học sinh, đội ngũ trên cơ sở dữ liệu ngành còn sai lệch, chưa có người rà soát "
                "thường xuyên.",
            ),
            "2.2": (
                1,
                "Trường có 32 giáo viên, 100% đạt chuẩn trình độ đào tạo [MC.2.2.01]; 75% đạt chuẩn nghề "
                "nghiệp mức khá trở lên.",
                "Đội ngũ trẻ, năng động, sẵn sàng đổi mới phương pháp dạy học.",
                "Một số giáo viên còn lúng túng khi dạy học phát triển phẩm chất, năng lực; ít sử dụng học "
                "liệu số.",
            ),
            "3.4": (
                1,
                "Trường có 04 học sinh khuyết tật học hòa nhập [MC.3.4.01]; giáo viên chủ nhiệm theo dõi "
                "học sinh có nguy cơ bỏ học qua sổ chủ nhiệm.",
                "Giáo viên chủ nhiệm gần gũi, nắm được hoàn cảnh của từng học sinh.",
                "Chưa có kế hoạch giáo dục cá nhân cho học sinh khuyết tật; năm học trước có 02 học sinh bỏ "
                "học.",
            ),
            "3.5": (
                1,
                "Kết quả cuối năm học trước: 72% học sinh khối 9 đạt yêu cầu môn Toán [MC.3.5.01].",
                "Học sinh chăm ngoan; kết quả rèn luyện tốt, khá đạt 96%.",
                "Kết quả học tập môn Toán của học sinh khối 9 thấp hơn mặt bằng chung của huyện.",
            ),
            "4.1": (
                1,
                "Trường có phòng học bộ môn Khoa học tự nhiên và Tin học [MC.4.1.01]; thiết bị thực hành "
                "còn thiếu, đường truyền Internet yếu ở dãy phòng học phía sau.",
                "Phòng học đủ cho học 1 ca; thiết bị được bảo quản, sử dụng đúng mục đích.",
                "Thiếu thiết bị thực hành Khoa học tự nhiên; Internet chưa phủ đến tất cả phòng học.",
            ),
            "4.3": (
                1,
                "Nhà trường họp cha mẹ học sinh 03 lần/năm [MC.4.3.01]; phối hợp với Công an xã trong "
                "công tác an ninh trường học.",
                "Chính quyền địa phương quan tâm, hỗ trợ nhà trường kịp thời.",
                "Trao đổi với gia đình chủ yếu qua các cuộc họp, chưa có kênh liên lạc thường xuyên.",
            ),
        },
        "priority_issues": [
            {
                "standard": 1,
                "criteria": "1.3",
                "current_state": "Dữ liệu ngành cập nhật chậm, còn sai lệch.",
                "limitation": "Chưa có người phụ trách rà soát dữ liệu.",
                "cause": "Nhân viên văn thư kiêm nhiệm nhiều việc.",
            },
            {
                "standard": 2,
                "criteria": "2.2",
                "current_state": "75% giáo viên đạt chuẩn nghề nghiệp mức khá trở lên.",
                "limitation": "Giáo viên ít dùng học liệu số, còn lúng túng khi đổi mới phương pháp.",
                "cause": "Chưa được bồi dưỡng thường xuyên; thiết bị trình chiếu còn thiếu.",
            },
            {
                "standard": 3,
                "criteria": "3.4, 3.5",
                "current_state": "72% học sinh khối 9 đạt yêu cầu môn Toán; 02 học sinh bỏ học.",
                "limitation": "Chưa theo dõi, hỗ trợ riêng học sinh yếu và học sinh có nguy cơ bỏ học.",
                "cause": "Một bộ phận gia đình ít quan tâm việc học; học sinh hổng kiến thức từ lớp dưới.",
            },
            {
                "standard": 4,
                "criteria": "4.1, 4.3",
                "current_state": "Thiếu thiết bị thực hành; trao đổi với gia đình chủ yếu qua họp phụ huynh.",
                "limitation": "Nhiều bài thực hành chưa tổ chức được; thông tin tới gia đình chậm.",
                "cause": "Kinh phí mua sắm hạn chế; chưa lập kênh liên lạc thường xuyên.",
            },
        ],
        "monitoring": [
            {
                "moment": "Cuối học kỳ I",
                "content": "Tiến độ các hoạt động của học kỳ I; tỷ lệ học sinh khối 9 đạt "
                "yêu cầu môn Toán; dữ liệu ngành",
                "result": "",
                "adjustment": "",
                "assessor": "Tổ giám sát",
            },
            {
                "moment": "Cuối năm học",
                "content": "Mức độ đạt mục tiêu của từng nội dung cải tiến",
                "result": "",
                "adjustment": "",
                "assessor": "Hiệu trưởng, Tổ giám sát",
            },
        ],
        "rows": [
            {
                "criterion_code": "1.3",
                "level": "Mức 2",
                "issue": "Dữ liệu học sinh, đội ngũ trên cơ sở dữ liệu ngành còn sai lệch, cập nhật chậm.",
                "expected_result": "Dữ liệu trên cơ sở dữ liệu ngành được cập nhật đầy đủ, đúng hạn; sai lệch được "
                "phát hiện và sửa trong vòng 05 ngày làm việc.",
                "solutions": "- Phân công 01 người phụ trách dữ liệu, rà soát hằng tháng.\n"
                "- Đối chiếu dữ liệu với hồ sơ học sinh, hồ sơ cán bộ.\n"
                "- Báo cáo kết quả rà soát tại cuộc họp hội đồng mỗi tháng.",
                "indicator": "Tỷ lệ hồ sơ được cập nhật đúng hạn đạt 100%; không còn sai lệch tồn đọng.",
                "time_text": f"Từ tháng 10/{y} đến tháng 5/{n}",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "nhân viên văn thư",
                "budget_text": "2.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
                "expected_evidence": "MC.1.3.01, MC.1.3.02",
            },
            {
                "criterion_code": "2.2",
                "level": "Mức 2",
                "issue": "Một số giáo viên còn lúng túng khi dạy học phát triển phẩm chất, năng lực; ít dùng học liệu số.",
                "expected_result": "100% giáo viên dạy ít nhất 02 bài học có dùng học liệu số mỗi học kỳ; 85% giáo viên "
                "đạt chuẩn nghề nghiệp mức khá trở lên.",
                "solutions": "- Tổ chức 03 buổi bồi dưỡng về dạy học tích cực và khai thác học liệu số.\n"
                "- Sinh hoạt tổ chuyên môn theo nghiên cứu bài học 02 lần/tháng.\n"
                "- Dự giờ, góp ý theo nhóm giáo viên cùng môn.",
                "indicator": "Số tiết dạy có dùng học liệu số; tỷ lệ giáo viên đạt chuẩn nghề nghiệp mức khá trở lên.",
                "time_text": f"Học kỳ I năm học {y}-{n}",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "tổ trưởng chuyên môn",
                "budget_text": "6.000.000 đồng",
                "funding_source": "Ngân sách nhà nước",
                "expected_evidence": "MC.2.2.01",
            },
            {
                "criterion_code": "3.4",
                "level": "Mức 2",
                "issue": "Chưa có kế hoạch giáo dục cá nhân cho học sinh khuyết tật; còn học sinh bỏ học.",
                "expected_result": "100% học sinh khuyết tật học hòa nhập có kế hoạch giáo dục cá nhân; không có học "
                "sinh bỏ học.",
                "solutions": "- Lập kế hoạch giáo dục cá nhân cho 04 học sinh khuyết tật, rà soát mỗi học kỳ.\n"
                "- Lập danh sách học sinh có nguy cơ bỏ học, phân công giáo viên theo dõi, giúp đỡ.\n"
                "- Vận động nhà hảo tâm tặng học bổng, xe đạp cho học sinh khó khăn.",
                "indicator": "Số kế hoạch giáo dục cá nhân được lập và rà soát; tỷ lệ học sinh bỏ học.",
                "time_text": f"Từ tháng 10/{y} đến tháng 5/{n}",
                "lead_text": "Tổng phụ trách Đội",
                "coordinators_text": "giáo viên chủ nhiệm",
                "budget_text": "3.000.000 đồng",
                "funding_source": "Ngân sách nhà nước, nguồn tài trợ",
                "expected_evidence": "MC.3.4.01",
            },
            {
                "criterion_code": "3.5",
                "level": "Mức 2",
                "issue": "Tỷ lệ học sinh khối 9 đạt yêu cầu môn Toán còn thấp (72%).",
                "expected_result": "Tỷ lệ học sinh khối 9 đạt yêu cầu môn Toán từ 85% trở lên.",
                "solutions": "- Phụ đạo học sinh chưa đạt 02 buổi/tuần.\n"
                "- Kiểm tra định kỳ, chia nhóm học sinh theo mức độ để hỗ trợ.\n"
                "- Phối hợp với cha mẹ học sinh theo dõi việc tự học ở nhà.",
                "indicator": "Tỷ lệ học sinh khối 9 đạt yêu cầu môn Toán cuối học kỳ I và cuối năm học.",
                "time_text": f"Từ tháng 10/{y} đến tháng 4/{n}",
                "lead_text": "Tổ trưởng tổ Toán - Tin",
                "coordinators_text": "giáo viên dạy Toán khối 9",
                "budget_text": "12.000.000 đồng",
                "funding_source": "Ngân sách nhà nước, hỗ trợ của cha mẹ học sinh",
                "expected_evidence": "MC.3.5.01",
            },
            {
                "criterion_code": "4.1",
                "level": "Mức 2",
                "issue": "Phòng học bộ môn Khoa học tự nhiên thiếu thiết bị thực hành; Internet chưa phủ các phòng học.",
                "expected_result": "Bổ sung 01 bộ thiết bị thực hành Khoa học tự nhiên; Internet cáp quang đến 100% "
                "phòng học.",
                "solutions": "- Rà soát danh mục thiết bị tối thiểu, lập dự toán mua sắm.\n"
                "- Tham mưu Phòng GDĐT, UBND huyện bổ sung kinh phí.\n"
                "- Lắp đặt thêm bộ phát Wi-Fi cho dãy phòng học phía sau.",
                "indicator": "Tỷ lệ bài thực hành được tổ chức trên tổng số bài theo chương trình; số phòng học có "
                "Internet.",
                "time_text": f"Học kỳ II năm học {y}-{n}",
                "lead_text": "Hiệu trưởng",
                "coordinators_text": "kế toán, nhân viên thiết bị",
                "budget_text": "35.000.000 đồng",
                "funding_source": "Ngân sách nhà nước, nguồn xã hội hóa",
                "expected_evidence": "MC.4.1.01, MC.4.1.02",
            },
            {
                "criterion_code": "4.3",
                "level": "Mức 2",
                "issue": "Trao đổi với gia đình chủ yếu qua họp phụ huynh, chưa có kênh liên lạc thường xuyên.",
                "expected_result": "100% lớp có nhóm trao đổi trực tuyến với cha mẹ học sinh; tổ chức 02 hoạt động giáo "
                "dục có cộng đồng tham gia.",
                "solutions": "- Mỗi lớp lập nhóm trao đổi với cha mẹ học sinh, có nội quy sử dụng.\n"
                "- Mời Hội Cựu chiến binh xã nói chuyện truyền thống nhân ngày 22/12.",
                "indicator": "Tỷ lệ lớp có kênh trao đổi với gia đình; số hoạt động phối hợp đã tổ chức.",
                "time_text": f"Từ tháng 11/{y} đến tháng 3/{n}",
                "lead_text": "Phó Hiệu trưởng",
                "coordinators_text": "Ban đại diện cha mẹ học sinh",
                "budget_text": "Không có",
                "expected_evidence": "MC.4.3.01",
            },
        ],
    }


CONTENT = {"primary": _primary, "preschool": _preschool, "secondary": _secondary}
