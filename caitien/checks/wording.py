"""Rules on the writing itself: doubled words and misplaced diacritics a reader notices at once."""

from __future__ import annotations

import re
import unicodedata

from caitien.checks.engine import Subject, check

# Function words that are never doubled in correct Vietnamese ("thông qua qua đó"); content words
# are left out because reduplication is part of the language ("từ từ", "ngày ngày").
_NEVER_DOUBLED = frozenset(
    "qua của và các những cho được trong với để theo tại là có đã sẽ này những".split()
)

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_HATS = {"\u0302", "\u0306", "\u031b"}  # â ê ô, ă, ơ ư
_VOWELS = set("aeiouy")

_FIELDS = {
    "expected_result": "kết quả cần đạt",
    "solutions": "giải pháp",
    "lead": "chủ trì",
    "issue": "nội dung",
    "indicator": "chỉ số",
    "support": "điều kiện hỗ trợ",
    "notes": "ghi chú",
}
_SECTIONS = {
    "purposes": "Mục đích, yêu cầu",
    "legal_bases": "Căn cứ",
    "organisation": "Tổ chức thực hiện",
    "general_info": "Thông tin chung",
    "review_mechanism": "Cơ chế đánh giá và báo cáo",
}


def doubled_words(text: str) -> list[str]:
    words = re.findall(r"\w+", text or "")
    return [
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a.lower() == b.lower() and a.lower() in _NEVER_DOUBLED
    ]


def misplaced_marks(text: str) -> list[str]:
    """Words whose tone mark sits on a consonant ("điǹh") or off the vowel that carries the hat
    ("hôị" for "hội"): both come from typing or converting text badly."""
    odd = []
    for word in re.findall(r"[\w\u0300-\u036f]+", unicodedata.normalize("NFD", text or "")):
        letters = []  # (base letter, set of marks)
        for ch in word:
            if unicodedata.combining(ch) and letters:
                letters[-1][1].add(ch)
            else:
                letters.append((ch.lower(), set()))
        toned = [n for n, (base, marks) in enumerate(letters) if marks & _TONES]
        hatted = [n for n, (base, marks) in enumerate(letters) if marks & _HATS and base in _VOWELS]
        on_consonant = any(
            base.isalpha() and base not in _VOWELS and marks & _TONES for base, marks in letters
        )
        off_hat = bool(toned and hatted and not set(toned) & set(hatted))
        if on_consonant or off_hat or len(toned) > 1:
            odd.append(unicodedata.normalize("NFC", word))
    return odd


def _places(s: Subject):
    """(text, item index or None, field, Vietnamese name of the place)."""
    for key, name in _SECTIONS.items():
        yield s.doc.sections.get(key, ""), None, key, f"phần {name}"
    yield s.doc.closing_text, None, "closing_text", "câu kết"
    for number, heading in s.doc.standard_headings.items():
        yield heading, None, "standard_headings", f"tên Tiêu chuẩn {number}"
    for n, item in enumerate(s.doc.items):
        for key, name in _FIELDS.items():
            yield getattr(item, key), n, key, f"dòng {n + 1}, cột {name}"


@check("repeated-words")
def repeated(s: Subject):
    for text, item, field, where in _places(s):
        found = doubled_words(text)
        if found:
            shown = ", ".join(f"“{x}”" for x in dict.fromkeys(found))
            yield s.finding(
                "repeated-words",
                f"Ở {where} có chữ bị lặp: {shown}. Hãy bỏ chữ thừa.",
                item=item,
                field=field,
            )


@check("misplaced-diacritics")
def diacritics(s: Subject):
    for text, item, field, where in _places(s):
        found = list(dict.fromkeys(misplaced_marks(text)))
        if found:
            shown = ", ".join(f"“{x}”" for x in found[:5]) + (" …" if len(found) > 5 else "")
            yield s.finding(
                "misplaced-diacritics",
                f"Ở {where} có chữ đặt dấu sai chỗ: {shown}. Hãy gõ lại các chữ này (dấu thanh đặt trên "
                "nguyên âm, ví dụ “hội”, “đình”).",
                item=item,
                field=field,
            )


# Misspellings seen again and again in school documents, with the right form. Only pairs where the
# wrong form is never a correct word in context.
MISSPELLINGS = {
    "nghiêm yết": "niêm yết",
    "đẩy đủ": "đầy đủ",
    "giành cho": "dành cho",
    "chỉ tiêu nội bộ": "chi tiêu nội bộ",
    "sơ xuất": "sơ suất",
    "năng xuất": "năng suất",
    "trau giồi": "trau dồi",
    "xát nhập": "sáp nhập",
    "sát nhập": "sáp nhập",
    "chuẩn đoán": "chẩn đoán",
}
_MISSPELLED = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, MISSPELLINGS)) + r")(?!\w)", re.IGNORECASE)


@check("misspelling")
def misspellings(s: Subject):
    for text, item, field, where in _places(s):
        found = dict.fromkeys(
            m.group(1).lower() for m in _MISSPELLED.finditer(unicodedata.normalize("NFC", text or ""))
        )
        if found:
            shown = "; ".join(f"“{w}” → “{MISSPELLINGS[w]}”" for w in found)
            yield s.finding(
                "misspelling",
                f"Ở {where} có chữ viết sai chính tả: {shown}. Hãy sửa lại.",
                item=item,
                field=field,
            )


@check("level-wording")
def preschool_wording(s: Subject):
    """A preschool says "trẻ" and "cha mẹ trẻ"; "học sinh" in its plan is copied from a school's."""
    if s.doc.school_level != "mam_non":
        return
    for text, item, field, where in _places(s):
        m = re.search(
            r"(?<!\w)(cha mẹ học sinh|học sinh)(?!\w)",
            unicodedata.normalize("NFC", text or ""),
            re.IGNORECASE,
        )
        if m:
            yield s.finding(
                "level-wording",
                f"Kế hoạch của trường mầm non nhưng {where} ghi “{m.group(1)}”; Thông tư 19/2018/TT-BGDĐT "
                "dùng “trẻ”, “cha mẹ trẻ”. Hãy kiểm tra lại cấp học và cách gọi trong kế hoạch.",
                item=item,
                field=field,
            )
            return  # once is enough: the whole plan was copied
