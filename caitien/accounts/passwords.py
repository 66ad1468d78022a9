"""Password rules, each saying in Vietnamese what is wrong and how to choose a better password.

Django's own messages are translated, but in words that do not say what to do ("Nó phải chứa…"),
so each validator keeps Django's check and speaks for itself.
"""

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError

MIN_LENGTH = 10


class MinimumLength(django_rules.MinimumLengthValidator):
    def __init__(self, min_length=MIN_LENGTH):
        super().__init__(min_length=min_length)

    def get_error_message(self):
        return (
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự. Hãy dùng một câu ngắn dễ nhớ, ví dụ "
            "ba bốn từ ghép lại."
        )

    def get_help_text(self):
        return f"Mật khẩu có ít nhất {self.min_length} ký tự."


class NotLikeThePerson(django_rules.UserAttributeSimilarityValidator):
    """Refuses a password equal to (or much like) the login name, the person's name or e-mail."""

    def __init__(self, user_attributes=("username", "full_name", "email"), max_similarity=0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def validate(self, password, user=None):
        if (
            user is not None
            and password
            and password.lower() == (getattr(user, "username", "") or "").lower()
        ):
            raise ValidationError(
                "Mật khẩu không được trùng với tên đăng nhập. Hãy chọn mật khẩu khác.",
                code="password_too_similar",
            )
        super().validate(password, user)

    def get_error_message(self):
        return "Mật khẩu quá giống %(verbose_name)s của bạn; người khác dễ đoán ra. Hãy chọn mật khẩu khác."

    def get_help_text(self):
        return "Mật khẩu không giống tên đăng nhập, họ tên hay thư điện tử của bạn."


class NotCommon(django_rules.CommonPasswordValidator):
    def get_error_message(self):
        return "Mật khẩu này quá phổ biến, dễ bị dò ra. Hãy chọn mật khẩu khác."

    def get_help_text(self):
        return "Mật khẩu không phải là một mật khẩu phổ biến."


class NotOnlyDigits(django_rules.NumericPasswordValidator):
    def get_error_message(self):
        return "Mật khẩu chỉ có chữ số. Hãy thêm chữ cái vào mật khẩu."

    def get_help_text(self):
        return "Mật khẩu không chỉ gồm chữ số."
