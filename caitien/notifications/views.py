"""The notification centre: list, open (marks read), mark all read, settings, unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caitien.notifications import selectors, services
from caitien.notifications.kinds import Kind
from caitien.notifications.mail import read_unsubscribe_token
from caitien.notifications.models import Notification
from caitien.schools import permissions
from caitien.schools.models import User
from caitien.web.params import whole_number


def _signed_in(request):
    permissions.require(request.user.is_authenticated, "Hãy đăng nhập để xem thông báo của bạn.")


def notification_list(request):
    _signed_in(request)
    page = whole_number(request.GET.get("trang"), low=1, high=10_000) or 1
    rows, more = selectors.notifications_page(request.user, page)
    return render(
        request,
        "notifications/list.html",
        {"rows": rows, "page": page, "more": more, "unread": selectors.unread_count(request.user)},
    )


def notification_open(request, pk):
    _signed_in(request)
    n = Notification.objects.filter(pk=pk).first()
    if n is None or not permissions.can_view_notification(request.user, n):
        raise Http404
    services.notification_mark_read(notification=n, user=request.user)
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}):
        return redirect(n.url)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    _signed_in(request)
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(
        request, f"Đã đánh dấu {count} thông báo là đã đọc." if count else "Không còn thông báo chưa đọc."
    )
    return redirect("notifications:list")


def preferences(request):
    _signed_in(request)
    user = request.user
    error = None
    if request.method == "POST":
        choices = {k: request.POST.get(f"kind-{k}", "") for k in Kind.values if f"kind-{k}" in request.POST}
        try:
            services.email_address_set(user=user, email=request.POST.get("email", user.email))
            services.preferences_set(user=user, choices=choices)
        except services.NotificationError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã lưu cách nhận thông báo.")
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "rows": selectors.preference_rows(user),
            "deliveries": selectors.DELIVERIES,
            "error": error,
            "email": request.POST.get("email", user.email) if error else user.email,
        },
        status=400 if error else 200,
    )


@csrf_exempt  # RFC 8058: mail programs POST here without a session; the signed token is the proof
def unsubscribe(request, token):
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.SignatureExpired:
        return _unsubscribe_page(request, state="expired", status=410)
    except signing.BadSignature:
        return _unsubscribe_page(request, state="invalid", status=400)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return _unsubscribe_page(request, state="invalid", status=400)
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        return _unsubscribe_page(request, state="done", kind=kind, person=user)
    # A link opened (or fetched by a mail scanner) only shows the button: one click stops e-mail.
    return _unsubscribe_page(request, state="confirm", kind=kind, person=user, token=token)


def _unsubscribe_page(request, *, state, status=200, kind="", person=None, token=""):
    label = Kind(kind).label if kind in Kind.values else ""
    return render(
        request,
        "notifications/unsubscribe.html",
        {"state": state, "kind_label": label, "person": person, "token": token},
        status=status,
    )
