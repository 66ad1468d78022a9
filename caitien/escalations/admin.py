"""Escalations in the admin: to look up, not to edit (answers are given on the office's pages,
where they are audited and the school sees them)."""

from django.contrib import admin

from caitien.escalations.models import Escalation, EscalationEvent


class EventInline(admin.TabularInline):
    model = EscalationEvent
    fields = ["created_at", "state", "office", "actor_name", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["title", "school", "kind", "amount_vnd", "office", "state", "created_at"]
    list_filter = ["state", "kind", "addressee", "office"]
    search_fields = ["title", "school__name", "school__short_code"]
    list_select_related = ["school", "office"]
    inlines = [EventInline]
    show_facets = admin.ShowFacets.NEVER

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Escalation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
