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


# --- personal access tokens (Authorization: Bearer …) -------------------------------------------------

from ninja.security import HttpBearer  # noqa: E402


class PersonalToken(HttpBearer):
    """A personal access token made on the person's page; `request.auth` is its user. No CSRF: the
    token is not sent by the browser on its own."""

    def authenticate(self, request, token):
        from caitien.tokens.services import user_for_token

        return user_for_token(token)


personal_token = PersonalToken()
token_or_session = [personal_token, django_auth]
token_session_or_anonymous = [personal_token, django_auth, anonymous]
