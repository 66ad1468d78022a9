"""Who is calling: a logged-in user by the session cookie, or anyone without one.

Reading endpoints accept both: `session_or_anonymous` tries django-ninja's `django_auth` (the
session, with CSRF on unsafe methods) and otherwise lets the request through as the anonymous
user, whom the permission functions answer with public plans only. `request.auth` is the user.
"""

from django.contrib.auth.models import AnonymousUser
from ninja.security import django_auth


def anonymous(request):
    # Any object ninja sees as true lets the request through; the permission functions decide the rest.
    return AnonymousUser()


session_or_anonymous = [django_auth, anonymous]
