"""Text helpers every part uses."""

import unicodedata


def fold(text: str | None) -> str:
    """Lower case without diacritics, for search and matching: "Tiêu chí Đạt" -> "tieu chi dat"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")
