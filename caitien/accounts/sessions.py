"""Sessions end after CAITIEN_SESSION_HOURS without a request (idle), not a fixed time after login.

Saving the session on every request would renew it exactly, at the price of a database write per
page; instead the session is saved (and its end pushed back by SESSION_COOKIE_AGE) when it was last
renewed more than RENEW_EVERY ago, so the idle limit holds within that margin."""

import time

RENEW_EVERY = 15 * 60  # seconds
KEY = "_caitien_renewed"


def mark_renewed(session) -> None:
    """A session just saved with a full life (a login) needs no renewal for RENEW_EVERY."""
    if session is not None:
        session[KEY] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            now = int(time.time())
            if now - int(session.get(KEY, 0) or 0) > RENEW_EVERY:
                session[KEY] = now  # marks the session modified: saved with a new end
        return self.get_response(request)
