"""People change their own password (the old one, then the new one twice, checked by the rules)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.urls import reverse_lazy

from caitien.audit.services import audit_access


class OwnPasswordForm(PasswordChangeForm):
    error_messages = {
        "password_incorrect": "Mật khẩu hiện tại không đúng. Hãy nhập lại mật khẩu bạn đang dùng.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không giống nhau. Hãy nhập lại cho khớp.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = "Hãy nhập ô này."


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    form_class = OwnPasswordForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit_access(actor=self.request.user, action="password.change", summary="Đổi mật khẩu")
        messages.success(self.request, "Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.")
        return response

    def get_context_data(self, **kwargs):
        from django.contrib.auth.password_validation import password_validators_help_texts

        return super().get_context_data(password_rules=password_validators_help_texts(), **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
