from django.contrib.auth import views as auth_views
from django.shortcuts import render

from caitien.schools.permissions import Refused


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def refused(request, exception=None):
    """The 403 page: says why, never a bare error."""
    message = (
        str(exception)
        if isinstance(exception, Refused) and str(exception)
        else (
            "Bạn không có quyền xem hoặc thực hiện thao tác này. Nếu cần, hãy liên hệ Hiệu trưởng hoặc người quản trị hệ thống."
        )
    )
    audit_refusal(request, message)
    return render(request, "refused.html", {"message": message}, status=403)


def audit_refusal(request, message: str) -> None:
    """Every refusal (pages and API) in the audit log: who, what address, why."""
    from caitien.accounts.lockout import client_ip
    from caitien.audit.services import audit_access

    if not hasattr(request, "user"):  # not a request that went through the site (a bare test request)
        return

    audit_access(
        actor=request.user,
        action="access.refused",
        summary=f"{request.method} {request.path[:150]} từ {client_ip(request) or 'không rõ địa chỉ'}: {message}",
    )


def not_found(request, exception=None):
    return render(request, "not_found.html", status=404)
