"""Offices, schools, people and their roles in the admin. Every save and delete made here is
written to the audit log in the admin's own transaction, like the services do."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from caitien.audit.services import audit_record
from caitien.schools.models import Membership, Office, School, User


class AuditedAdmin(admin.ModelAdmin):
    """Records who changed what through the admin (the admin wraps each change in a transaction)."""

    show_facets = admin.ShowFacets.NEVER

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        name = obj._meta.model_name
        changed = {}
        if change:
            changed = {
                f: [form.initial.get(f), form.cleaned_data.get(f)]
                for f in form.changed_data
                if "password" not in f
            }
        audit_record(
            actor=request.user,
            action=f"{name}.{'update' if change else 'create'}",
            obj=obj,
            summary=f"{'Sửa' if change else 'Thêm'} {obj._meta.verbose_name} {obj} trong trang quản trị",
            changes=changed,
            school=_school_of(obj),
        )

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            _record_delete(request, obj)
            obj.delete()
        for obj in instances:
            created = obj.pk is None
            obj.save()
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.{'create' if created else 'update'}",
                obj=obj,
                school=_school_of(obj),
                summary=f"{'Thêm' if created else 'Sửa'} {obj._meta.verbose_name} {obj} trong trang quản trị",
            )
        formset.save_m2m()

    def delete_model(self, request, obj):
        _record_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The "delete selected" action runs outside the admin's transaction: make one.
        with transaction.atomic():
            for obj in queryset:
                _record_delete(request, obj)
            super().delete_queryset(request, queryset)


def _school_of(obj):
    if isinstance(obj, School):
        return obj
    return getattr(obj, "school", None)


def _record_delete(request, obj):
    audit_record(
        actor=request.user,
        action=f"{obj._meta.model_name}.delete",
        obj=obj,
        school=_school_of(obj),
        summary=f"Xóa {obj._meta.verbose_name} {obj} trong trang quản trị",
    )


@admin.register(Office)
class OfficeAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent", "place"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "place"]
    autocomplete_fields = ["parent"]


@admin.register(School)
class SchoolAdmin(AuditedAdmin):
    list_display = ["name", "short_code", "level", "office", "regulation"]
    list_filter = ["level", "office", "regulation"]
    search_fields = ["name", "short_code", "place"]
    list_select_related = ["office", "regulation"]
    autocomplete_fields = ["office"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["role", "school", "office", "position"]
    extra = 0
    autocomplete_fields = ["school", "office"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "roles"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["username"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["full_name", "email"]}),
        ("Quyền truy cập", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Thời điểm", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "full_name", "email", "password1", "password2"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__school", "memberships__office")

    @admin.display(description="vai trò")
    def roles(self, obj):
        return "; ".join(
            f"{m.get_role_display()} ({m.school or m.office or 'hệ thống'})" for m in obj.memberships.all()
        )


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "role", "school", "office", "position"]
    list_filter = ["role", "school", "office"]
    search_fields = ["user__username", "user__full_name", "position"]
    list_select_related = ["user", "school", "office"]
    autocomplete_fields = ["user", "school", "office"]
