"""Rules on the document as a whole: regulation, legal bases, standard headings, form, signature."""

from __future__ import annotations

import datetime
import re
from difflib import SequenceMatcher

from caitien.catalog import registry
from caitien.checks.engine import Subject, check, normalise_circular
from caitien.text import fold

# How each 2018 accreditation circular names the schools it covers (folded), to catch a circular
# cited with another one's scope.
SCOPE_WORDS = {
    "mam_non": ("mam non", "nha tre", "mau giao"),
    "tieu_hoc": ("tieu hoc",),
    "thcs": ("trung hoc co so",),
    "thpt": ("trung hoc pho thong",),
    "nhieu_cap": ("nhieu cap hoc",),
}
GUIDANCE = {"5932": "phổ thông", "5942": "mầm non"}


@check("regulation-assumed")
def regulation_assumed(s: Subject):
    if s.assumed:
        yield s.finding("regulation-assumed", s.assumed)


@check("no-items")
def no_items(s: Subject):
    if not s.doc.items:
        yield s.finding(
            "no-items",
            "Kế hoạch không có dòng cải tiến nào (bảng nội dung trống hoặc không đọc được). "
            "Hãy bổ sung bảng nội dung cải tiến, mỗi dòng một tiêu chí cần cải tiến.",
            field="items",
        )


def _cited_circulars(text: str) -> list[tuple[str, str]]:
    """(code, the words after it up to the next citation) for every circular the plan follows in `text`.

    Circulars named only as the object of an amendment ("Thông tư 22/2024 sửa đổi, bổ sung … các Thông tư
    số 17/2018, 18/2018 và 19/2018") are left out: citing all three there is right for every level."""
    folded = fold(text)
    amended = [m.span() for m in re.finditer(r"sua doi[^;\n]*", folded)]
    found = []
    matches = list(re.finditer(r"(\d{1,3})\s*/\s*(20\d\d)\s*/\s*tt", folded))
    for n, m in enumerate(matches):
        if any(start <= m.start() < end for start, end in amended):
            continue
        end = matches[n + 1].start() if n + 1 < len(matches) else len(folded)
        # The circular's title follows its number up to the end of the citation.
        tail = re.split(
            r"[;\n]|\bcan cu\b|\bcong van\b|\bke hoach so\b|\bquyet dinh\b", folded[m.end() : end]
        )[0]
        found.append((f"{int(m.group(1))}/{m.group(2)}/TT-BGDĐT", tail[:400]))
    return found


def _scope_levels(tail: str) -> set[str]:
    return {level for level, words in SCOPE_WORDS.items() if any(w in tail for w in words)}


@check("circular-level-mismatch")
def circular_level(s: Subject):
    doc, level = s.doc, s.doc.school_level
    level_name = registry.SCHOOL_LEVELS.get(level or "", "").lower()
    reported = set()
    if doc.circular and level:
        cited = registry.for_circular(normalise_circular(doc.circular), level) or registry.for_circular(
            normalise_circular(doc.circular)
        )
        if cited and level not in cited.school_levels:
            reported.add(cited.code)
            right = (
                ", ".join(r.label for r in registry.for_school_level(level, cited.generation))
                or "thông tư của cấp học"
            )
            yield s.finding(
                "circular-level-mismatch",
                f"Kế hoạch áp dụng {cited.label} ({cited.name[0].lower() + cited.name[1:]}) nhưng trường "
                f"thuộc cấp {level_name}. Hãy trích {right}.",
                field="circular",
            )
    for code, tail in _cited_circulars(doc.sections.get("legal_bases", "")):
        regulation = registry.for_circular(code, level) or registry.for_circular(code)
        if regulation is None or not regulation.level_rules:
            continue  # not an accreditation circular (e.g. an amending one)
        if regulation.generation == "2018":
            if level and level not in regulation.school_levels and code not in reported:
                reported.add(code)
                yield s.finding(
                    "circular-level-mismatch",
                    f"Phần Căn cứ trích Thông tư {code} nhưng trường thuộc cấp {level_name}; thông tư này "
                    f"dành cho cấp khác. Hãy trích đúng thông tư của cấp {level_name}.",
                    field="legal_bases",
                )
                continue
            scope = _scope_levels(tail)
            own = set(regulation.school_levels)
            if scope and not scope & own:
                named = ", ".join(
                    "trường " + name.lower() for x, name in registry.SCHOOL_LEVELS.items() if x in scope
                )
                yield s.finding(
                    "circular-level-mismatch",
                    f"Phần Căn cứ ghi Thông tư {code} là văn bản đối với {named}, nhưng thông tư này "
                    f"là “{regulation.name}”. Hãy sửa tên thông tư cho đúng.",
                    field="legal_bases",
                )


@check("guidance-number")
def guidance_number(s: Subject):
    text = fold(s.doc.sections.get("legal_bases", ""))
    level = s.doc.school_level
    for m in re.finditer(r"(\d{3,5})\s*/\s*bgd\s*&?\s*d?t?\s*-\s*qlcl", text):
        number = m.group(1)
        if number in GUIDANCE:
            expected = "5942" if level == "mam_non" else "5932"
            if level and number != expected and not s.is_2026:
                yield s.finding(
                    "guidance-number",
                    f"Phần Căn cứ trích Công văn {number}/BGDĐT-QLCL (hướng dẫn cho {GUIDANCE[number]}) "
                    f"nhưng trường thuộc cấp {registry.SCHOOL_LEVELS[level].lower()}; "
                    f"hãy trích Công văn {expected}/BGDĐT-QLCL ngày 28/12/2018.",
                    field="legal_bases",
                )
            continue
        near = [g for g in GUIDANCE if _near(number, g)]
        if near:
            right = "5942" if level == "mam_non" else "5932" if level else near[0]
            yield s.finding(
                "guidance-number",
                f"Phần Căn cứ trích Công văn số {number}/BGDĐT-QLCL; công văn hướng dẫn tự đánh giá, "
                f"đánh giá ngoài là số {right}/BGDĐT-QLCL ngày 28/12/2018. Hãy sửa số công văn.",
                field="legal_bases",
            )


def _near(a: str, b: str) -> bool:
    """Same length and one digit wrong, or two neighbouring digits swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _heading_name(text: str) -> str:
    """The name part of a heading: "Tiêu chuẩn 5: Hoạt động ..." -> "hoat dong ..."."""
    words = " ".join(_words(text))
    return re.sub(r"^tieu chuan \d+\s*", "", words).strip()


@check("standard-name-mismatch")
def standard_names(s: Subject):
    reg = s.regulation
    if reg is None:
        return
    for number_text, heading in s.doc.standard_headings.items():
        if not (str(number_text).isascii() and str(number_text).isdigit()):
            continue
        own = reg.standard(int(number_text))
        written = _heading_name(heading)
        if own is None or not written:
            continue
        own_name = " ".join(_words(own.name))
        if written == own_name:
            continue
        own_words = set(own_name.split())
        for other in registry.regulations():
            if other.slug == reg.slug:
                continue
            theirs = other.standard(int(number_text))
            if theirs is None:
                continue
            their_name = " ".join(_words(theirs.name))
            if their_name == own_name:
                continue
            foreign = set(written.split()) & (set(their_name.split()) - own_words)
            # The heading is another regulation's name, carries two or more of its own words, or (an
            # OCR'd plan, letters misread) reads clearly closer to it than to the right name.
            closer = (
                _similar(written, their_name) >= 0.8
                and _similar(written, their_name) >= _similar(written, own_name) + 0.15
            )
            if (
                written == their_name
                or closer
                or (len(foreign) >= 2 and len(set(written.split()) - set(their_name.split())) <= 1)
            ):
                yield s.finding(
                    "standard-name-mismatch",
                    f"Tiêu chuẩn {number_text} ghi là “{heading.strip()}”, giống tên tiêu chuẩn này trong "
                    f"{other.label} ({_levels(other)}). Theo {reg.label}, Tiêu chuẩn {number_text} là "
                    f"“{own.name}”; hãy sửa tên tiêu chuẩn.",
                    field="standard_headings",
                )
                break


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _levels(regulation) -> str:
    return ", ".join(registry.SCHOOL_LEVELS[x].lower() for x in regulation.school_levels)


@check("document-number-format")
def document_number(s: Subject):
    number = (s.doc.document_number or "").strip()
    if not number:
        yield s.finding(
            "document-number-format",
            "Kế hoạch chưa có số văn bản. Hãy ghi số theo sổ văn bản của trường, dạng “Số: 67/KH-TVT”.",
            field="document_number",
        )
        return
    folded = fold(number).replace(" ", "")
    if not re.fullmatch(r"(so:?)?\d+/kh-[a-z0-9&.\-]+", folded):
        yield s.finding(
            "document-number-format",
            f"Số văn bản “{number}” không đúng dạng “số/KH-tên viết tắt của trường” (ví dụ “67/KH-TVT”). "
            "Hãy sửa lại số, ký hiệu.",
            field="document_number",
        )


@check("date-format")
def document_date(s: Subject):
    doc = s.doc
    if not doc.date:
        yield s.finding(
            "date-format",
            "Kế hoạch chưa ghi ngày ban hành. Hãy ghi “<địa danh>, ngày … tháng … năm …”.",
            field="date",
        )
    else:
        try:
            datetime.date.fromisoformat(doc.date)
        except ValueError:
            yield s.finding(
                "date-format",
                f"Ngày ban hành “{doc.date}” không phải là một ngày hợp lệ. Hãy sửa lại.",
                field="date",
            )
    if doc.date and not (doc.place or "").strip():
        yield s.finding(
            "date-format",
            "Kế hoạch chưa ghi địa danh trước ngày ban hành. Hãy ghi “<địa danh>, ngày … tháng … năm …”.",
            field="place",
        )


@check("missing-section", "sections-unknown")
def sections(s: Subject):
    doc, reg = s.doc, s.regulation
    if reg is not None:
        present = {k for k, v in doc.sections.items() if (v or "").strip()}
        if not present:
            yield s.finding(
                "sections-unknown",
                "Tệp không có nội dung các phần của kế hoạch (mục đích, căn cứ, tổ chức thực hiện…) nên "
                "chưa kiểm tra được các phần này. Hãy kiểm tra từ tệp kế hoạch đầy đủ.",
                field="sections",
            )
        else:
            for section in reg.plan_form.get("sections", []):
                key = section["key"]
                if not section.get("required") or key in present:
                    continue
                if key == "content":
                    continue  # the table: an empty one is reported as no-items
                if key == "priority_issues" and doc.priority_issues:
                    continue
                if key == "monitoring" and doc.monitoring:
                    continue
                yield s.finding(
                    "missing-section",
                    f"Kế hoạch thiếu phần {section['number']}. {section['title'].capitalize()}. "
                    "Hãy bổ sung phần này theo mẫu kế hoạch.",
                    field=key,
                )
    if not doc.recipients:
        yield s.finding(
            "missing-section",
            "Kế hoạch thiếu phần Nơi nhận. Hãy ghi nơi nhận (Phòng GDĐT để báo cáo, "
            "các bộ phận, lưu văn thư).",
            field="recipients",
        )
    if doc.signer is None or not ((doc.signer.name or "").strip() or (doc.signer.title or "").strip()):
        yield s.finding(
            "missing-section",
            "Kế hoạch thiếu phần người ký. Hãy ghi “HIỆU TRƯỞNG” và họ tên người ký.",
            field="signer",
        )


@check("signer-incomplete")
def signer(s: Subject):
    person = s.doc.signer
    if person is None:
        return
    title, name = (person.title or "").strip(), (person.name or "").strip()
    if name and not title:
        yield s.finding(
            "signer-incomplete",
            f"Người ký “{name}” chưa có chức danh. Hãy ghi chức danh (ví dụ “HIỆU TRƯỞNG”) trên họ tên.",
            field="signer",
        )
    elif title and not name:
        yield s.finding(
            "signer-incomplete",
            f"Phần ký có chức danh “{title}” nhưng chưa có họ tên người ký. Hãy ghi họ tên.",
            field="signer",
        )


@check("recipient-office-missing")
def recipients(s: Subject):
    if not s.doc.recipients:
        return
    folded = " ".join(fold(r) for r in s.doc.recipients)
    if not re.search(r"\b(phong|so)\b[^,;]*\b(gd|giao duc)", folded) and "pgd" not in folded:
        yield s.finding(
            "recipient-office-missing",
            "Nơi nhận chưa có Phòng GDĐT (hoặc Sở GDĐT). Hãy thêm “Phòng GDĐT (để báo cáo)”.",
            field="recipients",
        )
