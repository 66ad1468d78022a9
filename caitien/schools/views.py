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
    if about_hidden_plan(request):
        return not_found(request)
    from caitien.schools.hidden import refused_object_hidden

    if refused_object_hidden(request):
        return not_found(request)
    return render(request, "refused.html", {"message": message}, status=403)


# Pages about one plan: their refusals must not tell an unpublished plan from a missing number.
PLAN_ROUTES = ("ke-hoach/<int:pk>/", "cong-khai/<int:pk>/")


def about_hidden_plan(request) -> bool:
    """Whether the refused page is about a plan the person may not even know of (unpublished and
    not theirs to read): then the answer is the 404 a wrong plan number gets."""
    from caitien.plans.models import Plan
    from caitien.schools import permissions

    match = getattr(request, "resolver_match", None)
    if match is None or not (match.route or "").startswith(PLAN_ROUTES) or "pk" not in match.kwargs:
        return False
    plan = Plan.objects.select_related("school__office").filter(pk=match.kwargs["pk"]).first()
    if plan is None:
        return True
    user = getattr(request, "user", None)
    return not (permissions.can_view_public_plan(plan) or permissions.can_view_plan(user, plan))


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
