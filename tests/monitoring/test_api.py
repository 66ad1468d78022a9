"""GET /api/plans/{id}/reviews: the reviews as the progress JSON gives them."""

from caitien.monitoring import services


def test_reviews_json(client, recorded, cast):
    client.force_login(cast.specialist)
    body = client.get(f"/api/plans/{recorded.plan_id}/reviews").json()
    assert body["plan"] == recorded.plan_id
    first, second = body["reviews"]
    assert first["point"] == "Cuối học kỳ I" and first["planned"] == "2026-01-31"
    assert first["recorded"] == recorded.recorded_on.isoformat() and first["completeness"] == "full"
    assert first["items"][1] == {
        "index": 1,
        "status": "in_progress",
        "status_label": "Chậm tiến độ",
        "result": "Đã khảo sát và lập dự toán; chưa thi công.",
    }
    assert second == {
        "point": "Cuối năm học",
        "kind": "year_end",
        "planned": "2026-05-31",
        "recorded": None,
        "completeness": "none",
        "items": [],
    }


def test_reviews_are_not_public(client, recorded, cast):
    answer = client.get(f"/api/plans/{recorded.plan_id}/reviews")
    assert answer.status_code == 403 and "Hãy đăng nhập" in answer.json()["detail"]
    client.force_login(cast.other_principal)
    assert client.get(f"/api/plans/{recorded.plan_id}/reviews").status_code == 403
    assert client.get("/api/plans/999999/reviews").status_code == 404


def test_a_partial_review(client, published, cast):
    services.review_points_ensure(plan=published, actor=None)
    point = published.review_points.get(kind="semester_1")
    services.review_entries_save(
        point=point, actor=cast.monitor, rows=[{"item": published.items.first().pk, "status": "Hoàn thành"}]
    )
    client.force_login(cast.staff)
    assert client.get(f"/api/plans/{published.pk}/reviews").json()["reviews"][0]["completeness"] == "partial"
