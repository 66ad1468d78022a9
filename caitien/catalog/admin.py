"""The catalog in the admin, read-only: the data files in caitien/catalog/data/ are the source
(the command line reads them without a database), so a fix goes there and `caitien loadcatalog`
brings it in. Editing here would make the pages and the command line disagree."""

from django.contrib import admin

from caitien.catalog.models import Criterion, Indicator, Level4Requirement, Regulation, Standard
from caitien.catalog.registry import SCHOOL_LEVELS


class ReadOnlyMixin:
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def titled(title: str):
    """A related-field filter under a Vietnamese title (the catalog's foreign keys have none)."""

    class Filter(admin.RelatedFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return Filter


class StandardInline(ReadOnlyMixin, admin.TabularInline):
    model = Standard
    fields = ["number", "name"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


class Level4Inline(ReadOnlyMixin, admin.TabularInline):
    model = Level4Requirement
    fields = ["order", "paraphrase", "original"]
    readonly_fields = fields
    extra = 0
    verbose_name = "yêu cầu Mức 4 (toàn trường)"
    verbose_name_plural = "yêu cầu Mức 4 (toàn trường)"

    @admin.display(description="số thứ tự")
    def order(self, obj):
        return obj.number

    @admin.display(description="nguyên văn")
    def original(self, obj):
        return obj.text or "Chưa có nguyên văn"


@admin.register(Regulation)
class RegulationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["label", "short_name", "issued", "generation", "verified"]
    list_filter = ["generation", "verified"]
    search_fields = ["code", "short_name", "name"]
    fields = [
        "slug",
        "code",
        "appendix",
        "short_name",
        "name",
        "issued",
        "generation",
        "school_levels_text",
        "verified",
        "verification_note",
        "level_rules_text",
        "plan_form_text",
        "evidence_code_text",
    ]
    readonly_fields = fields
    inlines = [StandardInline, Level4Inline]

    # The JSON columns are shown as the sentences a person reads, not as raw data.
    @admin.display(description="cấp học áp dụng")
    def school_levels_text(self, obj):
        return ", ".join(SCHOOL_LEVELS.get(x, x) for x in obj.school_levels)

    @admin.display(description="quy tắc xác định mức")
    def level_rules_text(self, obj):
        return obj.level_rules.get("description", "")

    @admin.display(description="mẫu kế hoạch")
    def plan_form_text(self, obj):
        columns = "; ".join(c["label"] for c in obj.plan_form.get("columns", []))
        return f"{obj.plan_form.get('name', '')}. Các cột: {columns}."

    @admin.display(description="mã minh chứng")
    def evidence_code_text(self, obj):
        code = obj.evidence_code
        return f"{code.get('format', '')} (ví dụ {code.get('example', '')}): {code.get('description', '')}"

    @admin.display(description="văn bản", ordering="code")
    def label(self, obj):
        return obj.label


class CriterionInline(ReadOnlyMixin, admin.TabularInline):
    model = Criterion
    fields = ["code", "name", "mandatory"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Standard)
class StandardAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "regulation_label"]
    list_select_related = ["regulation"]
    list_filter = [("regulation", titled("văn bản quy định"))]
    search_fields = ["name"]
    fields = ["regulation_label", "number", "name"]
    readonly_fields = fields
    inlines = [CriterionInline]

    @admin.display(description="văn bản quy định", ordering="regulation")
    def regulation_label(self, obj):
        return obj.regulation.label


class IndicatorInline(ReadOnlyMixin, admin.TabularInline):
    model = Indicator
    fields = ["level", "letter", "text"]
    readonly_fields = fields
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["code", "name", "regulation_label", "mandatory"]
    list_filter = [("standard__regulation", titled("văn bản quy định")), "mandatory"]
    search_fields = ["code", "name", "search_text"]
    list_select_related = ["standard__regulation"]
    fields = [
        "regulation_label",
        "standard_label",
        "code",
        "name",
        "mandatory",
        "suggested_evidence",
        "quantities",
    ]
    readonly_fields = fields

    @admin.display(description="tiêu chuẩn")
    def standard_label(self, obj):
        return str(obj.standard)

    @admin.display(description="chỉ số định lượng")
    def quantities(self, obj):
        return "; ".join(obj.quantitative_indicators) or "—"

    inlines = [IndicatorInline]

    @admin.display(description="văn bản", ordering="standard__regulation")
    def regulation_label(self, obj):
        return obj.standard.regulation.label

    def get_search_results(self, request, queryset, search_term):
        # search_text is accent-folded, so "co so vat chat" finds "Cơ sở vật chất" as the public page does.
        from django.db.models import Q

        from caitien.text import fold

        term = search_term.strip()
        if not term:
            return queryset, False
        return queryset.filter(Q(search_text__contains=fold(term)) | Q(code=term)), False
