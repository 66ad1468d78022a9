"""Forms of the staff directory, with Vietnamese messages for every refusal."""

from __future__ import annotations

from django import forms

from caitien.people.models import Group, GroupMember, Person, ResponsibleMapping
from caitien.schools.models import User
from caitien.web import inputs
from caitien.web.params import whole_number

MESSAGES = {
    "required": "Hãy điền mục này.",
    "invalid_choice": "Lựa chọn không có trong danh sách; hãy chọn lại.",
    "max_length": "Dài quá %(limit_value)d ký tự; hãy viết ngắn lại.",
    "invalid": "Giá trị chưa đúng; hãy kiểm tra lại.",
}


class _VietnameseForm(forms.Form):
    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(MESSAGES)
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]


class PersonForm(_VietnameseForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    position = forms.CharField(
        label="Chức vụ",
        max_length=100,
        required=False,
        help_text="Ví dụ: Kế toán, Tổ trưởng chuyên môn, Giáo viên",
    )
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    # A text box: a number input drops what is not a number before the server can say what is wrong.
    order = forms.IntegerField(
        label="Thứ tự",
        required=False,
        min_value=0,
        max_value=100000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    user = forms.ModelChoiceField(
        label="Tài khoản đăng nhập",
        queryset=User.objects.none(),
        required=False,
        empty_label="— Chưa có tài khoản —",
        help_text="Gắn để người này thấy việc của mình khi đăng nhập.",
    )
    required_messages = {"full_name": "Hãy ghi họ và tên, ví dụ: Nguyễn Thị Lan."}

    def __init__(self, *args, school, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Person.objects.filter(user__isnull=False).exclude(pk=getattr(person, "pk", None))
        self.fields["user"].queryset = (
            User.objects.filter(memberships__school=school)
            .exclude(pk__in=taken.values("user_id"))
            .distinct()
            .order_by("full_name", "username")
        )
        self.fields["email"].error_messages["invalid"] = (
            "Thư điện tử chưa đúng dạng, ví dụ: ten@truong.edu.vn."
        )
        self.fields["order"].error_messages.update(
            {
                "invalid": "Thứ tự là một số nguyên, ví dụ: 3.",
                "min_value": "Thứ tự không âm.",
                "max_value": "Thứ tự quá lớn.",
            }
        )
        self.fields["user"].error_messages["invalid_choice"] = (
            "Tài khoản này không thuộc trường hoặc đã gắn với người khác; hãy chọn lại."
        )


class GroupForm(_VietnameseForm):
    name = forms.CharField(
        label="Tên tổ, nhóm", max_length=150, help_text="Ví dụ: Tổ 1, Khối 5, Tổ văn phòng"
    )
    kind = forms.ChoiceField(label="Loại", choices=Group.Kind.choices)
    outside = forms.BooleanField(
        label="Ngoài nhà trường (ví dụ: Ban đại diện cha mẹ học sinh)", required=False
    )
    required_messages = {"name": "Hãy ghi tên tổ, nhóm, ví dụ: Tổ 1."}


class MemberForm(_VietnameseForm):
    person = forms.ModelChoiceField(
        label="Người", queryset=Person.objects.none(), empty_label="— Chọn người —"
    )
    role = forms.ChoiceField(label="Vai trò trong tổ", choices=GroupMember.Role.choices, initial="member")
    required_messages = {"person": "Hãy chọn một người để thêm vào tổ."}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(school=school, active=True)
        self.fields["person"].error_messages["invalid_choice"] = (
            "Người này không có trong danh sách nhân sự của trường; hãy chọn lại."
        )


class StaffFileForm(_VietnameseForm):
    file = inputs.FileField(label="Tệp Excel danh sách nhân sự (.xlsx)")


class MappingForm(_VietnameseForm):
    """One unresolved text and what it means. The choice is one value: "person:12", "group:3",
    "position:Kế toán" or "nobody", so a single select offers everything."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=200)
    target = forms.CharField(label="Ứng với", max_length=120)
    required_messages = {"target": "Hãy chọn người, tổ hoặc chức vụ ứng với cách ghi này."}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        data = super().clean()
        target = data.get("target") or ""
        kind, _, value = target.partition(":")
        kinds = ResponsibleMapping.Kind
        resolved = {"kind": kind, "person": None, "group": None, "position": ""}
        if kind == kinds.PERSON and whole_number(value) is not None:
            resolved["person"] = Person.objects.filter(
                school=self.school, pk=whole_number(value), active=True
            ).first()
            if resolved["person"] is None:
                raise forms.ValidationError("Người đã chọn không còn trong danh sách nhân sự; hãy chọn lại.")
        elif kind == kinds.GROUP and whole_number(value) is not None:
            resolved["group"] = Group.objects.filter(school=self.school, pk=whole_number(value)).first()
            if resolved["group"] is None:
                raise forms.ValidationError("Tổ, nhóm đã chọn không còn; hãy chọn lại.")
        elif kind == kinds.POSITION and value.strip():
            resolved["position"] = value.strip()
        elif kind != kinds.NOBODY and target:
            raise forms.ValidationError("Lựa chọn không có trong danh sách; hãy chọn lại.")
        data["resolved"] = resolved
        return data
