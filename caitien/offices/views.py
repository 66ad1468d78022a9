"""The office's own settings: its calendar of deadlines for a school year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from caitien.dashboards.access import office_of_request
from caitien.dashboards.overview import school_year_of_today
from caitien.offices import selectors, services
from caitien.offices.forms import CalendarForm
from caitien.schools import permissions
from caitien.web.params import whole_number


@login_required
def calendar(request):
    raw = request.GET.get("co-quan", "")
    office = office_of_request(request, whole_number(raw), page="Lịch của cơ quan")
    year = whole_number(request.GET.get("nam"), low=2000, high=2100) or school_year_of_today(
        timezone.localdate()
    )
    can_set = permissions.can_set_office_calendar(request.user, office)
    own = selectors.calendar_of(office, year)
    inherited = selectors.dates_by_office(year).get(office.parent_id) if office.parent_id else None
    initial = {}
    if own is not None:
        initial = {f: getattr(own, f) for f in (*selectors.FIELDS, "note")}
    form = CalendarForm(request.POST or None, initial=initial)
    if request.method == "POST":
        permissions.require(can_set, f"Chỉ chuyên viên của {office.name} đặt được lịch của cơ quan.")
        if form.is_valid():
            try:
                services.calendar_set(
                    office=office, school_year=year, actor=request.user, **form.cleaned_data
                )
            except services.OfficeError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Đã lưu lịch năm học {year}-{year + 1} của {office.name}.")
                return redirect(f"{reverse('offices:calendar')}?co-quan={office.pk}&nam={year}")
    return render(
        request,
        "offices/calendar.html",
        {
            "office": office,
            "year": year,
            "form": form,
            "can_set": can_set,
            "inherited": inherited,
            "effective": selectors.dates_by_office(year).get(office.pk),
        },
        status=400 if form.errors else 200,
    )
