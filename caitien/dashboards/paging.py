"""Paging of long lists: one page of a queryset or a list, with links that keep the filters."""

from __future__ import annotations

from django.core.paginator import Paginator

PER_PAGE = 50


def page_of(request, items, per_page: int = PER_PAGE):
    """The page `?trang=N` asks for (the last one when N is too big, the first when it is not a number),
    with `query` (the other parameters, to build page links) set on it."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    page.query = params.urlencode()
    return page
