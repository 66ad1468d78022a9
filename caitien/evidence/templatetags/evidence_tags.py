"""`{{ text|evidence_links:evidence_index }}`: evidence codes written in a text become links to the
item. The text is escaped; only codes found in the index (code → item id, from
selectors.evidence_index*) become links, so a code that is not in the register stays plain text."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from caitien.evidence.codes import find_any_codes

register = template.Library()


@register.filter
def evidence_links(text, index):
    if not text:
        return ""
    text = str(text)
    index = index or {}
    parts, position = [], 0
    for start, end, code in find_any_codes(text):
        pk = index.get(code)
        if pk is None:
            continue
        parts.append(escape(text[position:start]))
        parts.append(
            format_html(
                '<a class="evidence-code" href="{}" title="Mở minh chứng {}">{}</a>',
                reverse("evidence:item", args=[pk]),
                code,
                text[start:end],
            )
        )
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


@register.filter
def file_size(size):
    size = int(size or 0)
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"


@register.filter
def evidence_codes_cited(text, index):
    """The codes written in a text, each a link when it is in the register, else marked unknown."""
    index = index or {}
    seen, parts = set(), []
    for _start, _end, code in find_any_codes(str(text or "")):
        if code in seen:
            continue
        seen.add(code)
        pk = index.get(code)
        if pk is None:
            parts.append(
                format_html(
                    '<span class="evidence-unknown" title="Chưa có trong danh mục">{} (chưa có)</span>', code
                )
            )
        else:
            parts.append(
                format_html(
                    '<a class="evidence-code" href="{}">{}</a>', reverse("evidence:item", args=[pk]), code
                )
            )
    return mark_safe(", ".join(parts)) if parts else "không có"
