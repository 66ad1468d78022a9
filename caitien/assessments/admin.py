from django.contrib import admin

from caitien.assessments.models import (
    CriterionAssessment,
    IndicatorResult,
    SelfAssessment,
    StandardAssessment,
)


class CriterionAssessmentInline(admin.TabularInline):
    model = CriterionAssessment
    fields = ("criterion", "level_reached", "updated_by", "updated_at")
    readonly_fields = ("criterion", "level_reached", "updated_by", "updated_at")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = (
        "school",
        "cycle_label",
        "regulation",
        "target_level",
        "school_level_reached",
        "updated_at",
    )
    list_filter = ("regulation", "start_year")
    search_fields = ("school__name",)
    readonly_fields = ("school_level_reached", "created_by", "created_at", "updated_at")
    inlines = [CriterionAssessmentInline]

    @admin.display(description="năm học / giai đoạn")
    def cycle_label(self, obj):
        return obj.cycle_label


class IndicatorResultInline(admin.TabularInline):
    model = IndicatorResult
    # Read-only: a result changed here would skip the level computation and the audit.
    fields = ("indicator", "met")
    readonly_fields = ("indicator", "met")
    extra = 0
    max_num = 0
    can_delete = False


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(admin.ModelAdmin):
    list_display = ("criterion", "self_assessment", "level_reached", "updated_at")
    list_filter = ("self_assessment__school",)
    readonly_fields = ("level_reached", "revision", "updated_by", "updated_at")
    filter_horizontal = ("assignees",)
    inlines = [IndicatorResultInline]


@admin.register(StandardAssessment)
class StandardAssessmentAdmin(admin.ModelAdmin):
    list_display = ("standard", "self_assessment", "updated_at")
    readonly_fields = ("revision", "updated_by", "updated_at")
