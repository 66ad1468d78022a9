from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from caitien.schools import permissions


@login_required
def home(request):
    return render(request, "plans/home.html", {"schools": permissions.schools_of(request.user)})
