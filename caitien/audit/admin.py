"""The audit log in the admin: a list to read and filter. Nobody adds, changes or deletes events."""

from django.contrib import admin

from caitien.audit.models import AuditEvent


class SchoolFilter(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "trường"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "object_label", "school_name", "summary"]
    list_filter = ["action", ("school", SchoolFilter), "created_at"]
    search_fields = ["actor_name", "summary", "object_id", "action"]
    date_hierarchy = "created_at"
    list_select_related = ["school"]
    fields = [
        "created_at",
        "actor",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "school_name",
        "summary",
        "changes",
    ]
    readonly_fields = fields
    actions = None

    @admin.display(description="đối tượng")
    def object_label(self, obj):
        return f"{obj.object_type} #{obj.object_id}"

    @admin.display(description="trường", ordering="school__name")
    def school_name(self, obj):
        return obj.school.name if obj.school else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
