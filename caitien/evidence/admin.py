"""The evidence register in the admin: to look up, not to edit (items are changed on the register's
pages, where codes are made, files checked and every change audited)."""

from django.contrib import admin

from caitien.evidence.models import EvidenceFile, EvidenceItem


class FileInline(admin.TabularInline):
    model = EvidenceFile
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "school", "school_year", "public"]
    list_filter = ["school_year", "public", "regulation"]
    search_fields = ["code", "name", "school__name", "school__short_code"]
    list_select_related = ["school"]
    inlines = [FileInline]
    show_facets = admin.ShowFacets.NEVER

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in EvidenceItem._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
