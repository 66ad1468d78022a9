"""Public pages of the regulation catalog: no login needed."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from caitien.catalog import selectors


def index(request):
    """Every regulation, and a search over criteria. The same URL answers the htmx live search with
    just the results fragment, so the plain GET form works without JavaScript."""
    query = request.GET.get("q", "").strip()[:200]
    slug = request.GET.get("vb", "").strip()[:40]
    regulations = list(selectors.regulation_list())
    if slug not in {r.slug for r in regulations}:
        slug = ""
    context = {
        "query": query,
        "selected": slug,
        "groups": selectors.criterion_search(query, regulation_slug=slug) if query else [],
        "regulations": regulations,
    }
    # A history restore asks for the whole page even though it comes from htmx.
    fragment = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "catalog/_results.html" if fragment else "catalog/index.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def regulation(request, slug):
    reg = selectors.regulation_detail(slug)
    return render(
        request,
        "catalog/regulation.html",
        {
            "regulation": reg,
            "standards": reg.standards.all(),
            "level4": list(reg.level4.all()),
            "level4_note": selectors.level4_note(reg),
        },
    )


def criterion(request, slug, code):
    crit = selectors.criterion_detail(slug, code)
    return render(
        request, "catalog/criterion.html", {"criterion": crit, "regulation": crit.standard.regulation}
    )
