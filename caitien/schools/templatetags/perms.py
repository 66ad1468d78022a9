"""`{% if request.user|can:"edit_plan"|of:plan %}`: templates ask the permissions module too."""

from django import template

from caitien.schools import permissions

register = template.Library()


class _Pending:
    def __init__(self, user, action):
        self.user, self.action = user, action


@register.filter
def can(user, action):
    return _Pending(user, action)


@register.filter
def of(pending, obj):
    check = getattr(permissions, f"can_{pending.action}")
    return bool(check(pending.user, obj))
