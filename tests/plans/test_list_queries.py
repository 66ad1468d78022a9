"""The plan list asks the database for what the person may see, one page at a time: the number of
queries is the same for 3 and for 30 schools, and each page holds at most 50 plans."""

from tests.offices.helpers import client_as, provinces, queries


def test_plan_list_queries_do_not_grow_with_schools_and_plans(db, catalog):
    small, big = provinces()
    for who in (lambda r: r.so_specialist, lambda r: r.office_specialists[0], lambda r: r.principals[0]):
        counts = [queries(client_as(who(r)), "/ke-hoach/") for r in (small, big)]
        assert counts[0] == counts[1], counts


def test_the_so_specialist_pages_through_the_published_plans(db, catalog):
    _small, big = provinces()
    client = client_as(big.so_specialist)
    first = client.get("/ke-hoach/")
    page = first.context["page"]
    # 30 schools × 3 plans, the office sees what is published or superseded (2 older plans each, and
    # this year's plan when published); no drafts of other schools.
    assert page.paginator.count >= 60 and len(page.object_list) == 50
    assert {p.status for p in page.paginator.object_list} <= {"published", "superseded"}
    assert all(p.item_count == 3 for p in page.object_list)
    assert "Trang 1/" in first.content.decode()
    last = client.get(f"/ke-hoach/?trang={page.paginator.num_pages}").context["page"]
    assert len(last.object_list) == page.paginator.count - 50 * (page.paginator.num_pages - 1)
