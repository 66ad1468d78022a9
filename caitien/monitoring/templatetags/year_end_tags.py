"""`{% carried_rows plan %}`: on a plan's page, the rows carried from last year's plan with last
year's result beside each (nothing when the plan carries none)."""

from django import template

from caitien.monitoring.models import CarriedItem

register = template.Library()


@register.inclusion_tag("monitoring/_carried.html")
def carried_rows(plan):
    rows = list(
        CarriedItem.objects.filter(item__plan=plan, item__deleted_at__isnull=True)
        .select_related("item")
        .order_by("item__order")
    )
    return {"carried": rows}
