"""Who hears of an escalation: the office's specialists when one arrives (from a school, or
forwarded by a Phòng), the school's leadership and its sender when the office answers."""

from __future__ import annotations

from django.urls import reverse

from caitien.notifications.kinds import Kind
from caitien.notifications.services import notify_many
from caitien.schools.models import Membership, Role, User
from caitien.schools.permissions import ESCALATION_SENDERS


def _specialists(office):
    return User.objects.filter(
        memberships__office=office, memberships__role=Role.OFFICE_SPECIALIST, is_active=True
    ).distinct()


def _school_leaders(escalation):
    ids = set(
        Membership.objects.filter(school=escalation.school, role__in=ESCALATION_SENDERS).values_list(
            "user_id", flat=True
        )
    )
    if escalation.created_by_id:
        ids.add(escalation.created_by_id)
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk")


def tell_office(escalation, *, forwarded_by=None) -> None:
    url = reverse("escalations:detail", args=[escalation.pk])
    if forwarded_by is not None:
        subject = f"{forwarded_by.name} chuyển đề xuất của {escalation.school.name}: {escalation.title}"
        body = f"Ý kiến của {forwarded_by.name}: {escalation.forward_note}"
    else:
        subject = f"{escalation.school.name} gửi đề xuất: {escalation.title}"
        body = escalation.reason
    notify_many(
        users=_specialists(escalation.office),
        kind=Kind.ESCALATION_RECEIVED,
        subject=subject,
        body=body,
        url=url,
        obj=escalation,
    )


def tell_school(escalation, *, answered_by) -> None:
    text = escalation.forward_note if escalation.state == "forwarded" else escalation.answer
    notify_many(
        users=_school_leaders(escalation),
        kind=Kind.ESCALATION_ANSWERED,
        subject=f"{answered_by.name}: {escalation.get_state_display().lower()} — {escalation.title}",
        body=text,
        url=reverse("escalations:detail", args=[escalation.pk]),
        obj=escalation,
    )
