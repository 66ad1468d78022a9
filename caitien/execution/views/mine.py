"""“Việc của tôi”: every member of staff's tasks and rows, overdue first, made for a phone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from caitien.execution.selectors.mine import my_work


@login_required
def mine(request):
    today = timezone.localdate()
    return render(request, "execution/mine.html", {"work": my_work(request.user, today), "today": today})
