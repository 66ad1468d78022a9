"""What every page shows: the current school and school year."""

from django.utils.functional import SimpleLazyObject

from caitien.plans.calendar import current_school_year
from caitien.schools import nav, permissions


def current_context(request):
    user = getattr(request, "user", None)
    schools = permissions.schools_of(user) if user is not None else []
    start = current_school_year()
    offices = permissions.offices_of(user) if user is not None else []
    return {
        "current_school": schools[0] if len(schools) == 1 else None,
        # Someone working for several schools, or for an office, sees where they work instead.
        "current_place": ", ".join(o.name for o in offices)
        if offices and not schools
        else (" · ".join(s.name for s in schools) if len(schools) > 1 else ""),
        "user_schools": schools,
        "school_year_label": f"Năm học {start}-{start + 1}",
        "nav_school_work": bool(schools),
        "nav_can_import": any(permissions.can_import_plan(user, s) for s in schools),
        "nav_office": permissions.is_office_specialist(user) if user is not None else False,
        "nav_admin": permissions.can_manage_system(user) if user is not None else False,
        # The grouped top menu (schools/nav.py), built only when a page draws it.
        "nav_menu": SimpleLazyObject(lambda: nav.menu_for(request, schools)),
    }
