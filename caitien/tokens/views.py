"""The person's own page of personal access tokens: create (shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from caitien.schools import permissions
from caitien.tokens import services
from caitien.tokens.models import AccessToken


@login_required
def tokens_page(request):
    permissions.require(permissions.can_manage_access_tokens(request.user))
    error, raw, name = "", None, ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            _, raw = services.token_create(user=request.user, name=name)
            name = ""
        except services.TokenError as exc:
            error = str(exc)
    tokens = AccessToken.objects.filter(user=request.user)
    return render(
        request,
        "tokens/tokens.html",
        {"tokens": tokens, "raw": raw, "error": error, "name": name},
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    services.token_revoke(token=token, actor=request.user)
    messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("tokens:list")
