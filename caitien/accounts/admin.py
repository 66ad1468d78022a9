"""Unlocking a person locked out of login: the system administrator deletes their failed attempts."""

from axes.utils import reset
from django.contrib import admin, messages

from caitien.accounts.models import LoginLockout


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    list_display = ("ten_dang_nhap", "dia_chi", "so_lan_sai", "lan_cuoi")
    search_fields = ("username", "ip_address")
    ordering = ("-attempt_time",)
    actions = ["unlock"]
    readonly_fields = ("username", "ip_address", "failures_since_start", "attempt_time", "path_info")
    fields = readonly_fields

    @admin.display(description="Tên đăng nhập", ordering="username")
    def ten_dang_nhap(self, obj):
        return obj.username

    @admin.display(description="Địa chỉ IP", ordering="ip_address")
    def dia_chi(self, obj):
        return obj.ip_address

    @admin.display(description="Số lần nhập sai", ordering="failures_since_start")
    def so_lan_sai(self, obj):
        return obj.failures_since_start

    @admin.display(description="Lần cuối", ordering="attempt_time")
    def lan_cuoi(self, obj):
        return obj.attempt_time

    @admin.action(description="Mở khóa đăng nhập cho các tài khoản đã chọn")
    def unlock(self, request, queryset):
        count = 0
        for attempt in queryset:
            count += reset(username=attempt.username, ip=attempt.ip_address) or 0
        self.message_user(request, f"Đã mở khóa {count} lượt đăng nhập sai.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
