"""The unread count of the top bar, counted only when a page shows it."""

from django.utils.functional import SimpleLazyObject

from caitien.notifications.selectors import unread_count


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
