"""What users read is Vietnamese in NFC: no decomposed diacritics, no English words on the pages.

Decomposed text (a base letter followed by combining marks, as some keyboards and PDF tools
produce) looks the same on screen but breaks search, sorting and comparison with the catalog, so
every string literal in the code and every template must be NFC. The template check looks only at
the text a reader sees: template tags, variables, comments, scripts, tag names and attributes are
left out, so `name="delete"` or `{% url 'plans:edit' %}` are fine while a visible "Save" is not.
"""

import io
import re
import tokenize
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "caitien"
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
SOURCES = sorted(ROOT.rglob("*.py"))

# English words that must never appear in page text: each has a plain Vietnamese equivalent.
ENGLISH = (
    "Submit",
    "Save",
    "Cancel",
    "Delete",
    "Edit",
    "Error",
    "Warning",
    "Draft",
    "Loading",
    "Search",
    "Login",
    "Logout",
    "Password",
    "Username",
    "Upload",
    "Download",
    "Back",
    "Next",
    "Previous",
    "Close",
    "Confirm",
    "Settings",
    "Dashboard",
    "Success",
)
_ENGLISH = re.compile(r"(?<![A-Za-z])(" + "|".join(ENGLISH) + r")(?![A-Za-z])", re.IGNORECASE)

_TEMPLATE_CODE = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)


class _Text(HTMLParser):
    """Collects the text nodes of a page, outside <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(template_source: str) -> list[str]:
    """The text nodes of a template, with template tags and variables taken out."""
    parser = _Text()
    parser.feed(_TEMPLATE_CODE.sub(" ", template_source))
    parser.close()
    return parser.parts


def english_words(template_source: str) -> list[str]:
    return [m.group(1) for text in visible_text(template_source) for m in _ENGLISH.finditer(text)]


def string_literals(python_source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal (f-string parts included) in a Python source."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(python_source).readline):
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            found.append((tok.start[0], tok.string))
    return found


def not_nfc(text: str) -> bool:
    return not unicodedata.is_normalized("NFC", text)


# The checks themselves: they find what they must and nothing else.


def test_scanner_finds_english_in_text_but_not_in_code_or_attributes():
    page = (
        '{% extends "base.html" %}{# Save later #}<form name="delete" class="edit">'
        '<button type="submit" id="save">Lưu</button> {{ form.password }}'
        '<script>const search = "Loading";</script>'
        "{% comment %}Cancel{% endcomment %}<p>Bấm Save để lưu</p><p>Đang tải… (Loading)</p></form>"
    )
    assert english_words(page) == ["Save", "Loading"]
    assert english_words('<p class="Search">Tìm kiếm</p><a href="/edit/">Sửa</a>') == []
    # Vietnamese words that merely contain these letters are not English.
    assert english_words("<p>Bảng tổng hợp, Nhận xét chung, Tiêu chí 1.2</p>") == []


def test_scanner_finds_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch cải tiến")
    assert not_nfc(decomposed) and not not_nfc("Kế hoạch cải tiến")
    literals = string_literals(f'x = "{decomposed}"\ny = "Mức 2"\n')
    assert [line for line, text in literals if not_nfc(text)] == [1]


# The product.


def test_there_is_something_to_scan():
    assert len(TEMPLATES) > 20 and len(SOURCES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_is_nfc(path):
    text = path.read_text(encoding="utf-8")
    bad = [n for n, line in enumerate(text.splitlines(), 1) if not_nfc(line)]
    assert not bad, f"{path.relative_to(ROOT)}: text not in NFC on lines {bad}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_has_no_english_words(path):
    found = english_words(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: English words in page text: {found}"


def test_python_string_literals_are_nfc():
    bad = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in SOURCES
        for line, text in string_literals(path.read_text(encoding="utf-8"))
        if not_nfc(text)
    ]
    assert not bad, f"string literals not in NFC: {bad}"


# Widgets the browser draws in its own language: none on any page (see caitien/web/inputs.py).
_FORM_TAG = re.compile(r"<form\b(?:{%.*?%}|{{.*?}}|[^>])*>", re.DOTALL)
_NATIVE_WIDGET = re.compile(
    r"""<input\b[^>]*\btype\s*=\s*["']?(date|month|time|datetime-local|week|file)\b"""
    r"""|["']type["']\s*:\s*["'](date|month|time|datetime-local|week|file)["']"""
    r"""|\bforms\.(FileInput|ClearableFileInput)\b"""
    r"""|\bconfirm\(|\balert\(|\bprompt\(""",
    re.IGNORECASE,
)
# The shared inputs themselves wrap the native file input and stand in for confirm().
SHARED_INPUTS = {
    ROOT / "web" / "inputs.py",
    ROOT / "templates/widgets/file_input.html",
    ROOT / "static/caitien/inputs.js",
}
NATIVE_SOURCES = [
    p
    for p in [*TEMPLATES, *sorted((ROOT / "static" / "caitien").glob("*.js")), *SOURCES]
    if p not in SHARED_INPUTS
]


def test_scanner_finds_forms_without_novalidate_and_native_widgets():
    assert [m.group(0) for m in _FORM_TAG.finditer('<form method="post" {% if x > 1 %}class="a"{% endif %}>')]
    assert "novalidate" not in _FORM_TAG.search('<form method="post">').group(0)
    assert _NATIVE_WIDGET.search('<input type="date" name="d">')
    assert _NATIVE_WIDGET.search('widget=forms.DateInput(attrs={"type": "date"})')
    assert _NATIVE_WIDGET.search("widget=forms.ClearableFileInput(attrs={})")
    assert _NATIVE_WIDGET.search("if (confirm('Xóa?'))")
    assert not _NATIVE_WIDGET.search('<input type="text" name="date" inputmode="numeric">')


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_forms_leave_validation_to_the_server(path):
    """Browser validation bubbles speak the browser's language: every form says novalidate."""
    bad = [
        m.group(0)[:80]
        for m in _FORM_TAG.finditer(path.read_text(encoding="utf-8"))
        if "novalidate" not in m.group(0)
    ]
    assert not bad, f"{path.relative_to(ROOT)}: forms without novalidate: {bad}"


@pytest.mark.parametrize("path", NATIVE_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_widget_drawn_in_the_browsers_language(path):
    """No native date/month/time/file input, no confirm()/alert()/prompt(): use caitien.web.inputs."""
    found = [m.group(0) for m in _NATIVE_WIDGET.finditer(path.read_text(encoding="utf-8"))]
    assert not found, f"{path.relative_to(ROOT)}: {found}"
