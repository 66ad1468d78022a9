from django.contrib import admin

from caitien.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "subject", "read_at", "email")
    list_filter = ("kind", "email")
    search_fields = ("subject", "user__username", "user__full_name")
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "delivery")
    list_filter = ("kind", "delivery")
