"""The parts of a plan outside its table: header block, title, sections, closing, signature.

`fill_document(doc, text)` reads them from the document's running text, whatever the reader (Word,
Excel, PDF or extracted text). It finds things by what they say, not by where they stand, and it
tolerates the table's text being mixed in. Fields it cannot find stay as they are (None or "").
"""

from __future__ import annotations

import re

from caitien.catalog import registry
from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document, Signer, clean_text

# Section headings by meaning: folded keywords -> section key of the plan form.
SECTION_KEYS = (
    ("general_info", re.compile(r"thong\s*tin\s*chung")),
    ("purposes", re.compile(r"muc\s*[dp]ich")),
    ("legal_bases", re.compile(r"can\s*cu")),
    ("priority_issues", re.compile(r"van\s*de\s*trong\s*tam|tom\s*tat\s*cac\s*van\s*de")),
    ("content", re.compile(r"noi\s*dung\s*(?:ke\s*hoach|cai\s*tien)|^ke\s*hoach\s*cai\s*tien\s*chat")),
    ("monitoring", re.compile(r"theo\s*doi\s*va\s*danh\s*gia|giam\s*sat\s*noi\s*bo")),
    ("organisation", re.compile(r"to\s*chuc\s*thuc\s*hien")),
    ("review_mechanism", re.compile(r"co\s*che\s*danh\s*gia|che\s*do\s*bao\s*cao")),
)
_HEADING = re.compile(r"^\s*(?:[ivx]{1,4}|[1-9l])\s*[.)/]\s*(.{3,120})$")
_CLOSING = re.compile(r"tren\s*day\s*la")
_RECIPIENTS = re.compile(r"n[o0]i\s*nh[a-z]n\s*:?")
_SIGNER_TITLE = re.compile(
    r"^\s*((?:kt\.?\s*|tm\.?\s*|q\.?\s*)?(?:pho\s*)?(?:hieu\s*truong|giam\s*doc|chu\s*tich(?:\s*hoi\s*dong)?|truong\s*phong))\s*$"
)
_MOTTO = re.compile(r"cong\s*hoa\s*xa\s*hoi|[dp]?[o0]c\s*[l1]ap\s*[-–—]?\s*t[uw]\s*do")
_GOVERNING = re.compile(r"^\s*(ubnd|uy\s*ban|phong\s*giao\s*duc|phong\s*gd|so\s*giao\s*duc|so\s*gd)")
_SCHOOL_LINE = re.compile(r"^\s*truong\s+\S")
_SCHOOL_IN_BODY = re.compile(
    r"truong\s+(?:tieu\s*hoc|th\b|trung\s*hoc\s*co\s*so|thcs|trung\s*hoc\s*pho\s*thong|thpt|mam\s*non|mau\s*giao|"
    r"pho\s*thong\s*co\s*nhieu\s*cap\s*hoc|tieu\s*hoc\s*va\s*trung\s*hoc\s*co\s*so|th\s*va\s*thcs|thcs\s*va\s*thpt)\s+"
)


def fill_document(doc: Document, text: str) -> None:
    text = vn.nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    folded = [vn.fold_same_length(ln) for ln in lines]
    head_end = _head_end(folded)

    _header_block(doc, lines[:head_end], folded[:head_end])
    if doc.document_number is None:
        doc.document_number = vn.parse_document_number("\n".join(lines[: head_end + 5]))
    if doc.date is None:
        place, when = vn.parse_place_date("\n".join(lines[: max(head_end + 5, 40)]))
        doc.place = doc.place or place
        doc.date = when
    _title(doc, lines, folded)
    if doc.school is None:
        doc.school = _school_from_body(text)
    body = clean_text(" ".join(lines[head_end:]))
    doc.school = _kind_spelled(_usual_case(doc.school, body, school=True))
    doc.governing_body = _usual_case(doc.governing_body, body, school=False)
    if doc.circular is None:
        doc.circular = vn.find_circular(text)
    if doc.school_level is None:
        doc.school_level = vn.school_level_from(doc.school or "") if doc.school else None
    if doc.school_level is None:
        doc.school_level = _level_from_circular(doc.circular, text)
    if doc.regulation is None and doc.circular:
        reg = registry.for_circular(doc.circular, doc.school_level)
        doc.regulation = reg.slug if reg else None
    _sections(doc, lines, folded)
    _closing(doc, lines, folded)
    _signature(doc, lines, folded)


def _head_end(folded: list[str]) -> int:
    """Index of the first line after the header block (the line holding "KẾ HOẠCH", or a heading)."""
    for i, ln in enumerate(folded[:80]):
        s = ln.strip()
        if re.fullmatch(r"ke\s*hoach", s) or _HEADING.match(s) and _section_key(s):
            return i
    return min(len(folded), 20)


def _header_block(doc: Document, lines: list[str], folded: list[str]) -> None:
    school_parts: list[str] = []
    for ln, fl in zip(lines, folded, strict=False):
        left = _left_column(ln, fl)
        fleft = vn.fold_same_length(left)
        if not left.strip():
            continue
        if doc.governing_body is None and _GOVERNING.match(fleft):
            doc.governing_body = clean_text(left)
            continue
        if not school_parts and _SCHOOL_LINE.match(fleft):
            school_parts.append(left)
            continue
        if (
            school_parts
            and len(school_parts) < 3
            and not re.match(r"\s*s[o6]\s*:", fleft)
            and _looks_upper(left)
        ):
            school_parts.append(left)
            continue
        if school_parts:
            break
    if school_parts and doc.school is None:
        doc.school = clean_text(" ".join(school_parts))


def _left_column(line: str, folded: str) -> str:
    """The left part of a header line printed beside the national motto or the place-date."""
    m = _MOTTO.search(folded)
    if m:
        line = line[: m.start()]
    parts = re.split(r"\s{3,}|\t", line.strip())
    return parts[0] if parts else ""


def _looks_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and len(text.strip()) <= 60
    )


def _title(doc: Document, lines: list[str], folded: list[str]) -> None:
    for i, fl in enumerate(folded[:120]):
        if re.fullmatch(r"\s*ke\s*hoach\s*", fl):
            parts = []
            for ln, f in zip(lines[i + 1 : i + 6], folded[i + 1 : i + 6], strict=False):
                if not ln.strip():
                    if parts:
                        continue
                    continue
                if _HEADING.match(f.strip()) and _section_key(f.strip()) or _LEGAL_BASIS.match(f):
                    break
                parts.append(ln.strip())
                if vn.parse_period(ln):
                    break
            title = clean_text(" ".join(parts))
            if title:
                doc.title = doc.title or title
                if doc.period is None:
                    doc.period = vn.parse_period(title)
            break
    if doc.period is None:
        year = vn.parse_school_year("\n".join(lines[:200]))
        if year:
            doc.period = {"start_year": year[0], "end_year": year[1]}


def _school_from_body(text: str) -> str | None:
    folded = vn.fold_same_length(text)
    for m in _SCHOOL_IN_BODY.finditer(folded):
        start = m.start()
        words = text[start:].split()
        kind = len(m.group(0).split())
        out = words[:kind]
        for w in words[kind : kind + 6]:
            w = w.rstrip(".,;:")
            if w and w[0].isupper() and not vn.fold_same_length(w).startswith(("dat", "xay")):
                out.append(w)
            else:
                break
        if len(out) > kind:
            name = " ".join(out)
            return clean_text(name[0].upper() + name[1:])
    return None


def _level_from_circular(circular: str | None, text: str) -> str | None:
    if circular:
        reg = registry.for_circular(circular)
        if reg and len(reg.school_levels) == 1:
            return reg.school_levels[0]
    return None


def _section_key(folded_heading: str) -> str | None:
    # OCR writes "Ư" as "U'" ("THU'C HIEN"): drop the apostrophe before matching.
    folded_heading = folded_heading.replace("'", "")
    m = _HEADING.match(folded_heading)
    body = m.group(1) if m else folded_heading
    for key, pattern in SECTION_KEYS:
        hit = pattern.search(body)
        if hit and hit.start() <= 12:
            return key
    return None


def _sections(doc: Document, lines: list[str], folded: list[str]) -> None:
    found: list[tuple[int, str]] = []
    seen = set()
    for i, fl in enumerate(folded):
        s = fl.strip()
        if not _HEADING.match(s) or len(s) > 120:
            continue
        key = _section_key(s)
        if key and key not in seen:
            # "1. Hiệu trưởng ... tổ chức thực hiện" inside a section is not a heading: headings are short.
            found.append((i, key))
            seen.add(key)
    early = _early_legal_bases(lines, folded, found[0][0] if found else None)
    doc.sections.update({k: v for k, v in early.items() if k not in doc.sections})
    for n, (i, key) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        body = []
        for ln, fl in zip(lines[i + 1 : end], folded[i + 1 : end], strict=False):
            if _CLOSING.match(fl.strip()) or _RECIPIENTS.match(fl.strip()):
                break
            body.append(ln)
        if key == "content":
            continue
        body_text = clean_text(vn.join_lines(body))
        if body_text:  # a heading over a table only (sections IV and VI of the 57/2026 form) has no text
            if key == "legal_bases" and key in early:
                body_text = f"{early[key]} {body_text}"  # the bases before section I come first
                del early[key]
                doc.sections[key] = body_text
            doc.sections.setdefault(key, body_text)


_LEGAL_BASIS = re.compile(r"^\s*[-+•]?\s*can\s*cu\b")


def _early_legal_bases(lines: list[str], folded: list[str], first_heading: int | None) -> dict[str, str]:
    """ "Căn cứ …" paragraphs written between the title and section I are the plan's legal bases
    (section II of the 2018 form), whatever heading, if any, the plan gives them later."""
    if first_heading is None:
        return {}
    top = next((i for i, fl in enumerate(folded[:first_heading]) if re.match(r"\s*ke\s*hoach\b", fl)), -1)
    kept: list[str] = []
    going_on = False
    for ln, fl in zip(lines[top + 1 : first_heading], folded[top + 1 : first_heading], strict=False):
        if _LEGAL_BASIS.match(fl):
            kept.append(ln)
            going_on = not ln.rstrip().endswith((";", ".", ":"))
        elif going_on and ln.strip():
            kept.append(ln)  # a basis wrapped onto the next line
            going_on = not ln.rstrip().endswith((";", ".", ":"))
        else:
            going_on = False
    text = clean_text(vn.join_lines(kept))
    return {"legal_bases": text} if text else {}


def _closing(doc: Document, lines: list[str], folded: list[str]) -> None:
    for i, fl in enumerate(folded):
        if _CLOSING.match(fl.strip()):
            parts = []
            for ln, f in zip(lines[i : i + 8], folded[i : i + 8], strict=False):
                if _RECIPIENTS.match(f.strip()):
                    break
                if not ln.strip():
                    if parts and parts[-1].rstrip().endswith((".", "./.")):
                        break
                    continue
                parts.append(ln)
                if ln.rstrip().endswith("./."):
                    break
            doc.closing_text = doc.closing_text or clean_text(vn.join_lines(parts))
            return


def _signature(doc: Document, lines: list[str], folded: list[str]) -> None:
    start = None
    for i in range(len(folded) - 1, -1, -1):
        if _RECIPIENTS.search(folded[i]):
            start = i
            break
    if start is None:
        start = max(0, len(lines) - 15)
    title = None
    recipients: list[str] = []
    name = None
    for ln in lines[start:]:
        pieces = [p for p in re.split(r"\s{3,}|\t", ln.strip()) if p]
        for piece in pieces:
            fp = vn.fold_same_length(piece)
            if _RECIPIENTS.match(fp):
                rest = piece[_RECIPIENTS.match(fp).end() :].strip()
                if rest:
                    recipients.append(rest)
                continue
            if _SIGNER_TITLE.match(fp):
                title = clean_text(piece)
                continue
            if piece.lstrip().startswith(("-", "+", "•")):
                recipients.append(piece)
                continue
            if re.fullmatch(r"\(?\s*(da\s*ky|ky\s*ten.*|ky,.*)\s*\)?", fp.strip()):
                continue
            if _looks_like_name(piece):
                name = clean_text(piece)
    cleaned = []
    for r in recipients:
        r = clean_text(r.lstrip("-+• ").rstrip(" ;.,"))
        if r:
            cleaned.append(r)
    if cleaned and not doc.recipients:
        doc.recipients = cleaned
    if (title or name) and doc.signer is None:
        doc.signer = Signer(title=title or "", name=name or "")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words) and not any(c in text for c in ":;,()/")


# --- names printed in capitals in the header block -------------------------------------------------

_ACRONYMS = {
    "ubnd",
    "thcs",
    "thpt",
    "th",
    "mn",
    "mg",
    "ptdtbt",
    "ptdtnt",
    "ptcs",
    "pt",
    "gddt",
    "gd&dt",
    "gd-dt",
    "gd",
    "dt",
    "tp",
    "tp.",
    "tx",
    "tx.",
    "hdnd",
}
_ROMAN_WORD = re.compile(r"^[ivxl]+$")
# Kinds of school, written in lower case after "Trường" (longest first).
_SCHOOL_KINDS = tuple(
    tuple(k.split())
    for k in (
        "tieu hoc va trung hoc co so",
        "trung hoc co so va trung hoc pho thong",
        "pho thong co nhieu cap hoc",
        "pho thong dan toc ban tru",
        "pho thong dan toc noi tru",
        "trung hoc co so",
        "trung hoc pho thong",
        "tieu hoc",
        "mam non",
        "mau giao",
        "nha tre",
        "lien cap",
        "trung hoc",
        "va",
    )
)
# The kinds' spelling: OCR often misreads a tone mark ("Tiếu học"), and the kind is a closed list.
_KIND_SPELLING = {
    tuple(vn.fold_same_length(k).split()): k.split()
    for k in (
        "tiểu học và trung học cơ sở",
        "trung học cơ sở và trung học phổ thông",
        "phổ thông có nhiều cấp học",
        "phổ thông dân tộc bán trú",
        "phổ thông dân tộc nội trú",
        "trung học cơ sở",
        "trung học phổ thông",
        "tiểu học",
        "mầm non",
        "mẫu giáo",
        "nhà trẻ",
        "liên cấp",
        "trung học",
    )
}


def _kind_spelled(name: str | None) -> str | None:
    """The kind of school after "Trường" spelled as the regulation spells it, each word in the case
    it was written. A name without any diacritics (text that lost them) stays as written."""
    if not name or vn.fold_same_length(name) == name.lower():
        return name
    words = name.split()
    folded = [vn.fold_same_length(w.lower()) for w in words]
    if not folded or folded[0] != "truong":
        return name
    run = _match(folded, 1, _SCHOOL_KINDS[:-1])
    if not run:
        return name
    for k, right in enumerate(_KIND_SPELLING[tuple(folded[1 : 1 + run])], start=1):
        word = words[k]
        words[k] = (
            right.upper()
            if word.isupper() and len(word) > 1
            else (right[:1].upper() + right[1:] if word[:1].isupper() else right)
        )
    return " ".join(words)


# Administrative units, written in lower case before the place name (longest first).
_UNITS = tuple(
    tuple(k.split()) for k in ("thanh pho", "thi xa", "thi tran", "huyen", "quan", "phuong", "xa", "tinh")
)
# Bodies named before the unit: "Phòng Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân".
_CAPITALISED = {"giao", "dao"}


def _usual_case(name: str | None, body: str, *, school: bool) -> str | None:
    """A header name printed in capitals (the decree's layout) as the document writes it elsewhere
    ("Trường THCS Tân Lập" in the text), else in the usual case ("UBND XÃ TÂN LẬP" → "UBND xã Tân Lập").
    A name without diacritics (a scan read by OCR) stays as printed."""
    if not name or not _looks_upper(name) or len(name) > 120:
        return name
    if vn.fold_same_length(name) == name.lower():
        return name
    wanted = name.casefold()
    fbody, fname = vn.fold_same_length(body), vn.fold_same_length(name)
    start = fbody.find(fname)
    while start >= 0:
        found = body[start : start + len(name)]
        end = start + len(name)
        whole = (start == 0 or not body[start - 1].isalnum()) and (
            end >= len(body) or not body[end].isalnum()
        )
        if whole and found.casefold() == wanted and not _looks_upper(found):
            return found
        start = fbody.find(fname, start + 1)
    return _cased(name, school=school)


def _cased(name: str, *, school: bool) -> str:
    words = name.split()
    folded = [vn.fold_same_length(w.lower()) for w in words]
    out: list[str] = []
    place = False  # past the unit (or the kind of school): the place name, each syllable capitalised
    i = 0
    while i < len(words):
        word, f = words[i], folded[i]
        if (
            _is_acronym(f)
            or _ROMAN_WORD.match(f)
            and len(f) <= 4
            and place
            or not any(c.isalpha() for c in f)
        ):
            out.append(word)
            i += 1
            place = place or f.rstrip(".") in ("tp", "tx")  # "UBND TP. …": the place name follows
            continue
        if not out:
            out.append(word[:1].upper() + word[1:].lower())
            i += 1
            continue
        if not place:
            run = _match(folded, i, _SCHOOL_KINDS if school else _UNITS)
            if run:
                kind = [w.lower() for w in words[i : i + run]]
                if school and kind[0] != "và":  # "Trường Tiểu học …", "Trường Trung học cơ sở …"
                    kind[0] = kind[0][:1].upper() + kind[0][1:]
                out.extend(kind)
                i += run
                if not school:
                    place = True
                continue
            if school:
                place = True
            elif f not in _CAPITALISED:
                out.append(word.lower())
                i += 1
                continue
        out.append(word[:1].upper() + word[1:].lower())
        i += 1
    return " ".join(out)


def _is_acronym(folded: str) -> bool:
    parts = [p for p in re.split(r"[&/-]", folded) if p]
    return bool(parts) and all(p in _ACRONYMS for p in parts)


def _match(folded: list[str], i: int, phrases) -> int:
    for phrase in phrases:
        if tuple(folded[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0
