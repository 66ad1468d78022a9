from django.contrib import admin

from caitien.plans.models import Plan, PlanComment, PlanItem


class PlanItemInline(admin.StackedInline):
    model = PlanItem
    extra = 0
    fields = (
        "order",
        "criterion_code",
        "criterion",
        "standard_number",
        "level",
        "issue",
        "expected_result",
        "solutions",
        "indicator",
        "lead_text",
        "coordinators_text",
        "time_text",
        "start_month",
        "end_month",
        "budget_text",
        "budget_amounts",
        "funding_source",
        "support",
        "expected_evidence",
        "status",
        "notes",
    )
    raw_id_fields = ("criterion",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "school", "start_year", "end_year", "version", "status", "updated_at")
    list_filter = ("status", "period_kind", "regulation", "school")
    search_fields = ("title", "school__name", "document_number")
    raw_id_fields = ("self_assessment", "lineage", "previous")
    readonly_fields = ("revision", "created_at", "updated_at", "submitted_at", "approved_at", "published_at")
    inlines = [PlanItemInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ("plan", "order", "criterion_code", "lead_text", "time_text", "status")
    list_filter = ("plan__school",)
    search_fields = ("criterion_code", "expected_result", "solutions", "lead_text")
    raw_id_fields = ("plan", "criterion")
    filter_horizontal = ("lead_people", "coordinator_people")


@admin.register(PlanComment)
class PlanCommentAdmin(admin.ModelAdmin):
    list_display = ("plan", "item", "author", "created_at")
    search_fields = ("text",)
    raw_id_fields = ("plan", "item")
