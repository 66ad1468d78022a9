"""Links shared over Zalo open with a title, a description and a picture (Open Graph tags)."""

import datetime
import re

from caitien.plans import services
from tests.plans.conftest import make_plan


def _meta(page: str) -> dict:
    return dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)"', page))


def test_the_public_plan_page_previews_well(client, cast):
    plan = make_plan(cast.primary, cast.principal)
    plan = services.plan_submit(plan=plan, actor=cast.principal)
    plan = services.plan_approve(
        plan=plan,
        actor=cast.principal,
        number="45/KH-THHB",
        date=datetime.date(2025, 9, 20),
        signer="Nguyễn Văn An",
    )
    plan = services.plan_publish(plan=plan, actor=cast.principal)
    page = client.get(f"/cong-khai/{plan.pk}/", HTTP_HOST="caitien.truong.edu.vn").content.decode()
    og = _meta(page)
    assert og["og:title"] == "Kế hoạch cải tiến chất lượng giáo dục năm học 2025 - 2026"
    assert og["og:description"].startswith("Trường Tiểu học Hoà Bình · năm học 2025-2026 · Thông tư 17/2018")
    assert og["og:url"] == f"http://caitien.truong.edu.vn/cong-khai/{plan.pk}/"
    assert og["og:image"] == "http://caitien.truong.edu.vn/static/caitien/share.png"
    assert og["og:locale"] == "vi_VN"
    assert "share-button" in page and "Liên kết để gửi qua Zalo" in page
    assert "<script>" not in page  # the share button's script is a static file


def test_every_page_has_a_preview_even_without_a_title_of_its_own(client, cast):
    og = _meta(client.get("/dang-nhap/").content.decode())
    assert og["og:site_name"] == "Cải Tiến" and og["og:title"].startswith("Cải Tiến")
