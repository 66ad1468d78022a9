"""Small display helpers for the catalog pages."""

from django import template

register = template.Library()

DOUBT = "Chưa đối chiếu văn bản gốc"


@register.filter
def doubt_note(note: str) -> str:
    """The verification note without a leading "Chưa đối chiếu văn bản gốc:", which the page already
    shows as the notice's title."""
    text = (note or "").strip()
    if text.startswith(DOUBT):
        text = text[len(DOUBT) :].lstrip(" :.,;-—")
        text = text[:1].upper() + text[1:]
    return text
