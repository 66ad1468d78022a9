"""The audit log in the admin: a list to read and filter. Nobody adds, changes or deletes events."""

from django.apps import apps
from django.contrib import admin

from caitien.audit.models import AuditEvent

# How an action reads: "<verb> <object>", e.g. "plan_item.create" → "Thêm dòng kế hoạch".
VERBS = {
    "create": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "submit": "Gửi phê duyệt",
    "return": "Trả lại",
    "approve": "Phê duyệt",
    "publish": "Công khai",
    "supersede": "Thay phiên bản của",
    "revise": "Điều chỉnh",
    "comment": "Góp ý",
    "import": "Nhập từ tệp",
    "from_previous": "Tạo từ năm trước",
    "from_assessment": "Tạo từ tự đánh giá",
    "move": "Chuyển vị trí",
    "duplicate": "Nhân bản",
    "criterion": "Sửa nhận định tiêu chí của",
    "standard": "Sửa nhận định tiêu chuẩn của",
    "indicator": "Đánh giá chỉ báo trong",
    "assign": "Phân công tiêu chí trong",
}
OBJECTS = {
    "plan": "kế hoạch",
    "plan_item": "dòng kế hoạch",
    "self_assessment": "tự đánh giá",
    "school": "trường",
    "office": "cơ quan quản lý",
    "user": "người dùng",
    "membership": "vai trò",
}


# Actions whose "<verb> <object>" reading would be awkward ("Tạo từ năm trước kế hoạch").
WHOLE_LABELS = {
    "plan.from_previous": "Tạo kế hoạch từ kế hoạch năm trước",
    "plan.from_assessment": "Tạo kế hoạch từ báo cáo tự đánh giá",
    "plan.supersede": "Kế hoạch được thay bằng phiên bản mới",
}


def action_label(action: str) -> str:
    if action in WHOLE_LABELS:
        return WHOLE_LABELS[action]
    thing, _, verb = action.partition(".")
    if verb in VERBS:
        return f"{VERBS[verb]} {OBJECTS.get(thing, thing.replace('_', ' '))}"
    return action


def _object_names() -> dict[str, str]:
    return {m._meta.model_name: str(m._meta.verbose_name) for m in apps.get_models()}


class ActionFilter(admin.SimpleListFilter):
    title = "hành động"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(a, action_label(a)) for a in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class SchoolFilter(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "trường"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action_name", "object_label", "school_name", "summary"]
    list_filter = [ActionFilter, ("school", SchoolFilter), "created_at"]
    search_fields = ["actor_name", "summary", "object_id", "action"]
    date_hierarchy = "created_at"
    list_select_related = ["school"]
    fields = [
        "created_at",
        "actor",
        "actor_name",
        "action_name",
        "object_label",
        "school_name",
        "summary",
        "changes",
    ]
    readonly_fields = fields
    actions = None
    show_facets = admin.ShowFacets.NEVER

    @admin.display(description="hành động", ordering="action")
    def action_name(self, obj):
        return action_label(obj.action)

    @admin.display(description="đối tượng")
    def object_label(self, obj):
        return f"{_object_names().get(obj.object_type, obj.object_type)} số {obj.object_id}"

    @admin.display(description="trường", ordering="school__name")
    def school_name(self, obj):
        return obj.school.name if obj.school else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
