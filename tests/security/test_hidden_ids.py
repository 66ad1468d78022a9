"""Refusals do not reveal which school-private objects exist: for every route that takes the id of
a task, an evidence item or file, a review point, a recommendation, a results report, an escalation,
a person or group, an import, a token or a plan (pages and API), a person of another school gets
exactly the answer a number that does not exist gets."""

import datetime
import json
import uuid

import pytest
from django.test import Client

from caitien.catalog.models import Criterion
from caitien.escalations.models import Escalation
from caitien.evidence.services import ItemFields, file_add, item_create
from caitien.execution.models import Task
from caitien.imports.models import PendingImport
from caitien.monitoring import services as monitoring
from caitien.monitoring.models import ReviewPoint
from caitien.people.services import group_create, person_create
from caitien.tokens.services import token_create
from tests.evidence.conftest import png_bytes, upload
from tests.monitoring.conftest import publish
from tests.plans.conftest import make_plan

pytestmark = pytest.mark.django_db
MISSING = 987654


@pytest.fixture
def theirs(cast, settings, tmp_path):
    """Private objects of the other school (Lai Uyên), made by its own principal."""
    settings.MEDIA_ROOT = tmp_path / "media"
    who = cast.other_principal
    draft = make_plan(cast.other, who, start_year=2026, end_year=2027)
    plan = publish(make_plan(cast.other, who), who)
    row = plan.items.order_by("order").first()
    task = Task.objects.create(plan=plan.root, item_key=row.key, title="Sửa mái phòng học", created_by=who)
    reg = cast.other.regulation
    criterion = Criterion.objects.filter(standard__regulation=reg).order_by("pk").first()
    item = item_create(
        school=cast.other,
        school_year=2025,
        regulation=reg,
        criteria=[criterion],
        fields=ItemFields(name="Biên bản họp hội đồng"),
        actor=who,
    )
    evidence_file = file_add(item=item, uploaded_file=upload("bien-ban.png", png_bytes()), actor=who)
    monitoring.review_points_ensure(plan=plan, actor=None)
    point = ReviewPoint.objects.filter(plan=plan.root).order_by("pk").first()
    recommendation = monitoring.recommendation_add(
        point=point, actor=who, text="Cần bổ sung minh chứng.", addressee_kind="principal"
    )
    escalation = Escalation.objects.create(
        school=cast.other,
        office=cast.phong_other,
        kind=Escalation.Kind.values[0],
        title="Sửa mái",
        reason="Mái dột",
        created_by=who,
    )
    person = person_create(school=cast.other, full_name="Trần Văn Tư", actor=who)
    group = group_create(school=cast.other, name="Tổ khối 5", kind="subject", actor=who)
    pending = PendingImport.objects.create(school=cast.other, user=who, filename="ke-hoach.docx")
    token, raw = token_create(user=who, name="Phần mềm của trường")
    return {
        "draft": draft.pk,
        "plan": plan.pk,
        "row": row.pk,
        "key": row.key,
        "task": task.pk,
        "item": item.pk,
        "file": evidence_file.pk,
        "point": point.pk,
        "recommendation": recommendation.pk,
        "escalation": escalation.pk,
        "person": person.pk,
        "group": group.pk,
        "import": pending.pk,
        "token": token.pk,
        "school": cast.other.pk,
    }


# (method, URL template): {x} is the other school's object or a missing number.
ROUTES = [
    ("get", "/viec/{task}/"),
    ("post", "/viec/{task}/cap-nhat/"),
    ("post", "/viec/{task}/sua/"),
    ("post", "/viec/{task}/xoa/"),
    ("get", "/minh-chung/{item}/"),
    ("post", "/minh-chung/{item}/sua/"),
    ("post", "/minh-chung/{item}/xoa/"),
    ("post", "/minh-chung/{item}/tep/"),
    ("get", "/minh-chung/tep/{file}/"),
    ("get", "/minh-chung/tep/{file}/anh-nho/"),
    ("post", "/minh-chung/tep/{file}/xoa/"),
    ("get", "/giam-sat/{point}/"),
    ("post", "/giam-sat/{point}/danh-gia-chung/"),
    ("post", "/giam-sat/{point}/kien-nghi/"),
    ("post", "/giam-sat/{point}/bao-cao/"),
    ("post", "/kien-nghi/{recommendation}/xoa/"),
    ("post", "/kien-nghi/{recommendation}/giao-viec/"),
    ("post", "/kien-nghi/{recommendation}/de-xuat/"),
    ("get", "/de-xuat/{escalation}/"),
    ("post", "/de-xuat/{escalation}/tra-loi/"),
    ("get", "/ke-hoach/{draft}/"),
    ("get", "/ke-hoach/{draft}/soan/"),
    ("get", "/ke-hoach/{draft}/tien-do/"),
    ("get", "/ke-hoach/{draft}/giam-sat/"),
    ("get", "/ke-hoach/{draft}/ket-thuc-nam-hoc/"),
    ("get", "/ke-hoach/{draft}/ke-hoach-nam-sau/"),
    ("get", "/ke-hoach/{draft}/nguoi-phu-trach/"),
    ("get", "/ke-hoach/{draft}/so-sanh/"),
    ("get", "/ke-hoach/{draft}/tai-ve/docx/"),
    ("get", "/nhan-su/{school}/nguoi/{person}/"),
    ("post", "/nhan-su/{school}/nguoi/{person}/cong-tac/"),
    ("get", "/nhan-su/{school}/to/{group}/"),
    ("post", "/nhan-su/{school}/to/{group}/xoa/"),
    ("post", "/nhan-su/{school}/to/{group}/thanh-vien/"),
    ("get", "/nhap/{import}/"),
    ("get", "/nhap/{import}/trang-thai/"),
    ("post", "/nhap/{import}/luu/"),
    ("post", "/nhap/{import}/huy/"),
    ("post", "/tai-khoan/ma-truy-cap/{token}/thu-hoi/"),
]

API_ROUTES = [
    ("get", "/api/plans/{draft}"),
    ("get", "/api/plans/{draft}/findings"),
    ("get", "/api/plans/{draft}/reviews"),
    ("get", "/api/plans/{draft}/progress"),
    ("post", "/api/tasks/{task}/updates"),
]


def _missing(ids):
    out = {k: MISSING for k in ids}
    out["import"] = uuid.uuid4()
    out["key"] = uuid.uuid4()
    out["school"] = ids["school"]  # the school itself is public; the object in it is what is missing
    return out


def _answer(client, method, url, **extra):
    response = getattr(client, method)(url, **extra)
    return response.status_code


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_a_page_answers_another_schools_object_as_a_missing_one(cast, theirs, method, route):
    client = Client()
    client.force_login(cast.principal)
    missing = _answer(client, method, route.format(**_missing(theirs)))
    other = _answer(client, method, route.format(**theirs))
    assert missing == 404, f"{route}: a missing id answers {missing}"
    assert other == missing, f"{route}: another school's object answers {other}, a missing one {missing}"


@pytest.mark.parametrize(("method", "route"), API_ROUTES)
def test_the_api_answers_another_schools_object_as_a_missing_one(cast, theirs, method, route):
    _token, raw = token_create(user=cast.principal, name="Máy của trường Hoà Bình")
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = json.dumps({"note": "Đã xong", "progress": 50, "on": datetime.date.today().isoformat()})

    def call(url):
        if method == "post":
            response = client.post(url, body, content_type="application/json", **headers)
        else:
            response = client.get(url, **headers)
        # The message repeats the number asked for: the same words around either number.
        detail = json.loads(response.content)["detail"]
        return response.status_code, detail.replace(f"mã số {url.split('/')[3]}", "mã số N")

    missing = call(route.format(**_missing(theirs)))
    other = call(route.format(**theirs))
    assert missing[0] == 404, f"{route}: a missing id answers {missing}"
    assert other == missing, f"{route}: another school's object answers {other}, a missing one {missing}"
