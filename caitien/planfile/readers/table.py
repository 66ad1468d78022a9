"""A plan table, as rows of cell texts, turned into Items.

Every reader ends here: Word and Excel give real cells, PDF and plain-text readers rebuild them.
The header row is found by what its cells say (never by position), so optional columns (TT, Mức),
separate Chủ trì / Phối hợp columns, separate start / end columns and both plan forms (the 2018
table and the 10-column Mẫu số 2 of Thông tư 57/2026) all read the same way.

`table_kind` / `read_table` take every table of a document: the plan table goes to build_items, the
57/2026 form's priority-issues (section IV) and monitoring (section VI) tables to their own lists,
each recognised by what its header says.
"""

from __future__ import annotations

import re

from caitien.planfile import vietnamese as vn
from caitien.planfile.model import Document, Item, MonitoringEntry, PriorityIssue, clean_text

# Column meaning from the folded header text. Order matters: the first pattern that matches wins,
# so the more specific phrases come before the general ones.
COLUMN_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("order", re.compile(r"^(?:s\s*)?tt\.?$|^so\s*(?:thu\s*tu|tt)$")),
    ("status", re.compile(r"muc\s*do\s*(?:thuc\s*hien|hoan\s*thanh)|tinh\s*trang|tien\s*do\s*thuc\s*hien")),
    ("issue", re.compile(r"noi\s*dung\s*cai\s*tien|van\s*de\s*(?:can\s*)?cai\s*tien|^noi\s*dung$")),
    ("expected_result", re.compile(r"ket\s*qua\s*can\s*dat|muc\s*tieu|ket\s*qua\s*du\s*kien")),
    ("indicator", re.compile(r"chi\s*so")),
    ("expected_evidence", re.compile(r"minh\s*chung|du\s*lieu")),
    ("solutions", re.compile(r"giai\s*phap|cong\s*viec|hoat\s*dong|bien\s*phap|noi\s*dung\s*cong\s*viec")),
    ("coordinators", re.compile(r"^(?:don\s*vi\s*|nguoi\s*|ca\s*nhan\s*)?phoi\s*hop")),
    ("lead", re.compile(r"chu\s*tri|phu\s*trach|nguoi\s*thuc\s*hien|don\s*vi\s*thuc\s*hien|trach\s*nhiem")),
    ("start", re.compile(r"bat\s*dau|^tu\s*(?:ngay|thang)?$")),
    ("end", re.compile(r"ket\s*thuc|^(?:thoi\s*gian\s*)?hoan\s*thanh$|^den\s*(?:ngay|thang)?$")),
    ("time_text", re.compile(r"thoi\s*gian|thoi\s*han")),
    ("support", re.compile(r"ho\s*tro\s*khac")),
    ("budget_text", re.compile(r"kinh\s*phi|nguon\s*luc|ngan\s*sach")),
    ("support", re.compile(r"dieu\s*kien|ho\s*tro")),
    ("notes", re.compile(r"ghi\s*chu")),
    ("criterion", re.compile(r"tieu\s*chi|tieu\s*chuan")),
    ("level", re.compile(r"^muc(?:\s*(?:dat|danh\s*gia|\d(?:\s*[,-]\s*\d)*))?$")),
)
FORM_57_KEYS = {"issue", "indicator", "expected_evidence", "status"}
_NUMBERED = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")


# The form's column number printed after a label: "Nội dung cải tiến (2)", "TT (1)".
_LABEL_NUMBER = re.compile(r"\s*\(\s*\d{1,2}\s*\)$")


def classify(label: str) -> str | None:
    folded = vn.fold_same_length(vn.nfc(label)).strip()
    folded = _LABEL_NUMBER.sub("", " ".join(folded.split()))
    if not folded:
        return None
    for key, pattern in COLUMN_PATTERNS:
        if pattern.search(folded):
            return key
    return None


def header_map(rows: list[list[str]], start: int = 0, look: int = 12) -> tuple[int, dict[int, str]] | None:
    """(index of the last header row, {column: key}) for the first header found from `start`."""
    for i in range(start, min(len(rows), start + look)):
        keys = _row_keys(rows[i])
        named = {k for k in keys.values()}
        if len(named) >= 3 and ("criterion" in named or "issue" in named or "solutions" in named):
            last = i
            # A second header row under merged cells ("Thời gian" over "Bắt đầu | Kết thúc").
            combined = dict(keys)
            if i + 1 < len(rows):
                sub = _row_keys(rows[i + 1])
                pieces = [c for c in rows[i + 1] if c.strip()]
                wrapped = len(sub) < 2 and len(pieces) <= 2 and not any(vn.find_standard(p) for p in pieces)
                if wrapped and not _is_data_row(rows[i + 1]) and not _is_numbered_row(rows[i + 1]):
                    # A header cell wrapped onto its own line ("hoàn thành"): part of the header, not a sub-header.
                    return i + 1, _dedupe(combined)
                if len(set(sub.values())) >= 2 and _looks_like_sub_header(rows[i + 1], sub):
                    for c, k in sub.items():
                        if combined.get(c) in (None, "time_text", "lead") or k in (
                            "start",
                            "end",
                            "coordinators",
                        ):
                            combined[c] = k
                    last = i + 1
            return last, _dedupe(combined)
    return None


def _looks_like_sub_header(row: list[str], keys: dict[int, str]) -> bool:
    """A second header row ("Bắt đầu | Kết thúc", "Chủ trì | Phối hợp"): short labels, most of them
    understood, no criterion or standard named. A first plan row whose cells happen to use header
    words ("Hoàn thành", "Kinh phí: …", "… phụ trách") is data, and must not rename the columns."""
    if _is_data_row(row) or _standard_row(row, {}):
        return False
    filled = [c for c in row if c.strip()]
    if any(len(vn.one_line(c)) > 40 or vn.find_standard(c) for c in filled):
        return False
    distinct = {vn.one_line(c) for c in filled}
    return 2 * len(set(keys.values())) >= len(distinct)


_LEAD_LABELS = re.compile(
    r"^\s*(?:chu\s*tri)\s*:\s*(?P<lead>.*?)\s*(?:\n|;)\s*phoi\s*hop\s*:\s*(?P<coord>.+?)\s*$", re.S
)


def split_lead_labels(text: str) -> tuple[str, str]:
    """ "Chủ trì: Kế toán; Phối hợp: Tổ văn phòng" -> ("Kế toán", "Tổ văn phòng"); a cell without both
    labels stays the lead as written. Matched on the folded text, cut from the written one."""
    folded = vn.fold_same_length(text or "")
    m = _LEAD_LABELS.match(folded)
    if not m:
        return text, ""
    return text[m.start("lead") : m.end("lead")].strip(), text[m.start("coord") : m.end("coord")].strip()


def _row_keys(row: list[str]) -> dict[int, str]:
    out = {}
    for c, cell in enumerate(row):
        if len(cell) > 120:
            return {}
        key = classify(cell)
        if key:
            out[c] = key
    return out


def _dedupe(keys: dict[int, str]) -> dict[int, str]:
    """Merged header cells repeat over their columns: keep a key on its first column only, except
    a time/lead split into two sub-columns, which the sub-header already renamed."""
    out: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c in sorted(keys):
        k = keys[c]
        if k in seen:
            continue
        seen[k] = c
        out[c] = k
    return out


def _is_data_row(row: list[str]) -> bool:
    return any(vn.find_criterion(c) for c in row if c)


_CODE_LINE = re.compile(r"^\s*([1-9])\s*[.,]\s*(\d{1,2})\s*[.:]?\s*$")
_NAMES_STANDARD = re.compile(r"^\s*tieu\s*chuan\s*\d")
# A column number as OCR may read it: "(1)" seen as "q)", "l).", "G®)", "„}".
_NUMBERED_BLURRED = re.compile(r"^\S?\S{1,3}[)}\]]\.?$")


def _is_numbered_row(row: list[str]) -> bool:
    """The row of column numbers under the header: "(1) | (2) | …", also when a scan blurred some."""
    cells = [c.strip() for c in row if c.strip()]
    if len(cells) < 3:
        return False
    exact = sum(1 for c in cells if _NUMBERED.match(c))
    return exact == len(cells) or (
        3 * exact >= len(cells) and all(_NUMBERED.match(c) or _NUMBERED_BLURRED.match(c) for c in cells)
    )


def _is_header_again(row: list[str], columns: dict[int, str]) -> bool:
    if _is_data_row(row):  # a plan row whose cells happen to use header words ("phụ trách", "hỗ trợ")
        return False
    keys = _row_keys(row)
    return len(keys) >= 3 and sum(1 for c, k in keys.items() if columns.get(c) == k) >= 3


def build_items(
    rows: list[list[str]],
    doc: Document,
    *,
    where: str = "",
    hard_breaks: bool = False,
    doubt: set[tuple[int, int]] | None = None,
) -> list[Item]:
    """Items of one plan table. Appends its warnings to `doc`; records standard headings.

    `hard_breaks`: the cells' line breaks are the author's (Word paragraphs, Excel line breaks);
    otherwise they are where a line was wrapped (PDF, extracted text) and only a bullet or a new
    sentence starts a new line. `doubt`: (row, column) of the cells read with low confidence (OCR):
    their fields are marked doubtful."""
    found = header_map(rows)
    if found is None:
        columns = guess_columns(rows)
        if columns is None:
            doc.warn(
                "table-header-unknown",
                "Không nhận ra hàng tiêu đề của bảng kế hoạch (cần có các cột như “Tiêu chí”, "
                "“Kết quả cần đạt”, “Giải pháp”, “Thời gian”). Bảng này chưa được đọc.",
                where,
            )
            return []
        first = 0
    else:
        last, columns = found
        first = last + 1
    form57 = bool(FORM_57_KEYS & set(columns.values()))
    items: list[Item] = []
    raws: list[dict[str, str]] = []  # each item's cell texts, joined over continuation rows
    places: list[str] = []
    unsure: list[set[str]] = []  # each item's fields read from a doubtful cell
    current_standard: int | None = None
    for r in range(first, len(rows)):
        row = [vn.nfc(c) for c in rows[r]]
        here = f"{where} hàng {r + 1}".strip()
        if not any(c.strip() for c in row) or _is_numbered_row(row) or _is_header_again(row, columns):
            continue
        cells = {k: (row[c] if c < len(row) else "") for c, k in columns.items()}
        if _is_total_row(row):
            continue
        std = _standard_row(row, cells)
        if std:
            current_standard = std[0]
            doc.standard_headings.setdefault(str(std[0]), std[1])
            continue
        crit_text = cells.get("criterion", "")
        criterion = vn.find_criterion(crit_text) if crit_text else None
        if criterion is None and crit_text:
            # The code on a line of its own under a label OCR damaged ("Tiêuch" / "1.5").
            bare = next((m for m in map(_CODE_LINE.match, crit_text.splitlines()) if m), None)
            criterion = f"{int(bare[1])}.{int(bare[2])}" if bare else None
        if criterion is None and form57:
            criterion = vn.find_criterion(cells.get("issue", ""))
        content = any(
            cells.get(k, "").strip() for k in ("expected_result", "solutions", "issue", "indicator")
        )
        # A 57/2026 row naming only a standard starts a new row even when its number was lost (OCR).
        starts_new = criterion is not None or (
            form57
            and content
            and (
                cells.get("order", "").strip()
                or _NAMES_STANDARD.match(vn.fold_same_length(cells.get("issue", "")))
                # Word and Excel rows are the author's: a row with its own issue is a plan row
                # (a continued row has its issue cell merged with the one above, so empty).
                or (hard_breaks and cells.get("issue", "").strip())
            )
        )
        doubtful = {k for c, k in columns.items() if (r, c) in doubt} if doubt else set()
        if not starts_new and items and not cells.get("criterion", "").strip():
            _continue_cells(raws[-1], cells)
            unsure[-1] |= doubtful
            continue
        if not starts_new and not content:
            continue
        item = Item(criterion=criterion)
        if form57:
            issue_std = vn.find_standard(cells.get("issue", ""))
            if issue_std:
                item.standard = issue_std[0]
            elif criterion:
                item.standard = int(criterion.split(".")[0])
            elif current_standard:
                item.standard = current_standard
        if criterion is None and not form57:
            item.doubtful.append("criterion")
            doc.warn(
                "criterion-missing",
                f"Dòng kế hoạch không ghi rõ tiêu chí: “{clean_text(crit_text)[:60]}”.",
                here,
            )
        items.append(item)
        raws.append({k: cells.get(k, "") for k in _TEXT_KEYS})
        places.append(here)
        unsure.append(doubtful)
    for item, raw, here, fields in zip(items, raws, places, unsure, strict=True):
        if form57 and "support" not in columns.values():
            _split_resources(raw)
        finish_item(item, raw, doc, here, hard_breaks=hard_breaks)
        for name in sorted(fields):
            name = {"start": "time_text", "end": "time_text", "order": "criterion"}.get(name, name)
            if name not in item.doubtful:
                item.doubtful.append(name)
    return items


_OTHER_SUPPORT = re.compile(r"^\s*ho\s*tro\s*khac\s*:\s*")
OTHER_SUPPORT_LABEL = "Hỗ trợ khác: "  # how the writers print Item.support in the 57/2026 column 8


def _split_resources(raw: dict[str, str]) -> None:
    """The 57/2026 column "Nguồn lực bảo đảm" holds the money and, on a line of its own starting with
    "Hỗ trợ khác:", the other support; everything else in it is the budget text."""
    budget, support = [], []
    for line in raw.get("budget_text", "").split("\n"):
        m = _OTHER_SUPPORT.match(vn.fold_same_length(line))
        if m or support:
            support.append(line[m.end() :] if m else line)
        else:
            budget.append(line)
    if support:
        raw["budget_text"] = "\n".join(budget)
        raw["support"] = "\n".join(t for t in (raw.get("support", ""), *support) if t.strip())


_TOTAL = re.compile(r"^(?:tong|cong)\b")


def _is_total_row(row: list[str]) -> bool:
    """The table's total ("Tổng dự kiến kinh phí", "Tổng cộng", "Cộng"): a short label starting with
    "tổng"/"cộng", no criterion, a few distinct cells (the label merged over columns, the sum, a note)."""
    texts = [c.strip() for c in row if c.strip()]
    if not texts or _is_data_row(row):
        return False
    first = vn.fold_same_length(vn.one_line(texts[0])).strip()
    return len(first) <= 40 and bool(_TOTAL.match(first)) and len({vn.one_line(t) for t in texts}) <= 3


def _standard_row(row: list[str], cells: dict[str, str]) -> tuple[int, str] | None:
    texts = [c.strip() for c in row if c.strip()]
    if not texts:
        return None
    distinct = {vn.one_line(t) for t in texts if not re.fullmatch(r"[\dIVXivx]{1,4}\.?", t)}
    if len(distinct) != 1:
        return None
    text = distinct.pop()
    std = vn.find_standard(text)
    if std and vn.fold_same_length(text).lstrip().startswith("tieu chuan") and not vn.find_criterion(text):
        return std
    return None


_TEXT_KEYS = (
    "issue",
    "expected_result",
    "solutions",
    "indicator",
    "lead",
    "coordinators",
    "time_text",
    "start",
    "end",
    "budget_text",
    "support",
    "notes",
    "expected_evidence",
    "status",
    "level",
)


def _continue_cells(raw: dict[str, str], cells: dict[str, str]) -> None:
    """A row that goes on under the previous one (its criterion cell merged with the one above)."""
    for k in _TEXT_KEYS:
        extra = cells.get(k, "")
        if extra.strip():
            raw[k] = (raw[k] + "\n" + extra) if raw[k].strip() else extra


# Fields whose cells keep their line breaks (paragraphs, bullets); the others are read as one line.
MULTILINE_KEYS = frozenset(
    ("issue", "expected_result", "solutions", "indicator", "support", "notes", "expected_evidence")
)
_LIST_MARK = re.compile(r"^(?:[-+•*–—]|\(?[a-zđ0-9]{1,2}[).]\s)")


def cell_lines(text: str, *, hard_breaks: bool) -> str:
    """A cell's text with its own line breaks kept and each line clean. Wrapped lines (hard_breaks
    False) are joined back unless the next line opens a list item, or a sentence after a full stop."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = clean_text(raw)
        if not line:
            continue
        if out and not hard_breaks and not _new_paragraph(out[-1], line):
            out[-1] = vn.join_lines([out[-1], line])
        else:
            out.append(line)
    return "\n".join(out)


def _new_paragraph(previous: str, line: str) -> bool:
    if _LIST_MARK.match(line):
        return True
    return previous.endswith((".", ";", ":", "!", "?")) and line[:1].isupper()


def finish_item(
    item: Item, raw: dict[str, str], doc: Document, where: str = "", *, hard_breaks: bool = False
) -> None:
    """Fill `item` from its cell texts: months and amounts; warn what is unclear. Long texts keep
    their cells' line breaks, the others are one line."""
    text = {
        k: cell_lines(v, hard_breaks=hard_breaks) if k in MULTILINE_KEYS else vn.one_line(v)
        for k, v in raw.items()
    }
    item.issue = text["issue"]
    item.expected_result = text["expected_result"]
    item.solutions = text["solutions"]
    item.indicator = text["indicator"]
    item.expected_evidence = text["expected_evidence"]
    item.status = text["status"]
    item.support = item.support or text["support"]
    item.notes = text["notes"]
    if not text["coordinators"]:  # one column written as "Chủ trì: …" / "Phối hợp: …" (our own export)
        text["lead"], text["coordinators"] = split_lead_labels(text["lead"])
    item.coordinators = text["coordinators"]
    item.lead = (
        f"{text['lead']}; {text['coordinators']}"
        if text["lead"] and text["coordinators"]
        else (text["lead"] or text["coordinators"])
    )
    level = text["level"]
    if level:
        digits = re.findall(r"\d", level)
        item.level = digits[0] if len(digits) == 1 else level
    period = doc.period
    # The time as written stays the row's time text; separate start / end columns (a workbook's
    # month cells) give the months, and the text only when the row has no written time.
    item.time_text = text["time_text"]
    if text["start"] or text["end"]:
        if not item.time_text:
            item.time_text = " - ".join(t for t in (text["start"], text["end"]) if t)
        s = vn.parse_time(text["start"], period)
        e = vn.parse_time(text["end"], period)
        item.start, item.end = s.start, e.end or e.start or s.end
        ok = s.ok and e.ok
    else:
        span = vn.parse_time(text["time_text"], period)
        item.start, item.end, ok = span.start, span.end, span.ok
    if not ok:
        item.doubtful.append("time_text")
        doc.warn(
            "time-unparsed",
            f"Không hiểu thời gian “{item.time_text[:60]}” (tiêu chí {item.criterion or '—'}); hãy ghi rõ tháng/năm, "
            "ví dụ “Tháng 9/2024 – tháng 5/2025”.",
            where,
        )
    item.budget_text = text["budget_text"]
    money = vn.parse_money(raw["budget_text"])
    item.budget_amounts = money.amounts
    if not money.ok:
        item.doubtful.append("budget_amounts")
        doc.warn(
            "budget-unparsed",
            f"Không hiểu số tiền trong “{item.budget_text[:60]}” (tiêu chí {item.criterion or '—'}); hãy ghi dạng "
            "“3.000.000 đồng” hoặc “7 triệu”.",
            where,
        )
    if re.search(r"ngan\s*sach|xa\s*hoi\s*hoa|nguon|tai\s*tro|quy\b", vn.fold_same_length(item.budget_text)):
        item.funding_source = item.budget_text
    if item.end and item.start and item.end < item.start:
        item.doubtful.append("end")


def guess_columns(rows: list[list[str]]) -> dict[int, str] | None:
    """Columns of a table whose header row is lost, from what the data cells hold: the criterion
    column is the one naming criteria; the others follow the 2018 order after it."""
    width = max((len(r) for r in rows), default=0)
    crit_col = None
    for c in range(width):
        hits = sum(1 for r in rows if c < len(r) and vn.find_criterion(r[c]) and len(r[c]) < 200)
        if hits >= 1:
            crit_col = c
            break
    if crit_col is None:
        return None
    order = ["expected_result", "solutions", "lead", "time_text", "budget_text", "support", "notes"]
    rest = width - crit_col - 1
    # A Mức column holds "Mức 2" or a lone digit right after the criterion.
    cols: dict[int, str] = {crit_col: "criterion"}
    nxt = crit_col + 1
    if nxt < width and all(
        not r[nxt].strip() or re.fullmatch(r"(?:muc\s*)?\d", vn.fold_same_length(r[nxt]).strip())
        for r in rows
        if nxt < len(r)
    ):
        cols[nxt] = "level"
        nxt += 1
        rest -= 1
    if crit_col > 0:
        cols[crit_col - 1] = "order"
    for k, c in zip(order[:rest], range(nxt, width), strict=False):
        cols[c] = k
    return cols


# --- the other tables of a plan document: section IV and VI of the 57/2026 form ------------------

# Column meaning of the priority-issues table (section IV) and of the monitoring table (section VI).
# "Nguyên nhân của hạn chế" names a limitation too: the cause comes first.
PRIORITY_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("order", re.compile(r"^(?:s\s*)?tt\.?$")),
    ("cause", re.compile(r"nguyen\s*nhan")),
    ("limitation", re.compile(r"han\s*che|diem\s*yeu|ton\s*tai")),
    ("current_state", re.compile(r"hien\s*trang|thuc\s*trang")),
    ("criteria", re.compile(r"tieu\s*chi")),
    ("standard", re.compile(r"tieu\s*chuan")),
)
MONITORING_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("moment", re.compile(r"thoi\s*diem")),
    ("content", re.compile(r"noi\s*dung")),
    ("result", re.compile(r"ket\s*qua")),
    ("adjustment", re.compile(r"dieu\s*chinh")),
    ("assessor", re.compile(r"nguoi\s*(?:danh\s*gia|theo\s*doi|kiem\s*tra)")),
)
# Keys that say which table it is: a plan table has none of them.
_PRIORITY_SIGNS = {"cause", "limitation", "current_state"}
_MONITORING_SIGNS = {"moment", "adjustment", "assessor"}


def _keys_by(row: list[str], patterns) -> dict[int, str]:
    out: dict[int, str] = {}
    for c, cell in enumerate(row):
        folded = " ".join(vn.fold_same_length(vn.nfc(cell)).split())
        if not folded or len(folded) > 80:
            continue
        for key, pattern in patterns:
            if pattern.search(folded):
                if key not in out.values():
                    out[c] = key
                break
    return out


def _side_table(rows: list[list[str]], look: int = 4) -> tuple[str, int, dict[int, str]] | None:
    """("priority_issues" | "monitoring", header row index, {column: key}) when one of the first rows
    is the header of one of those tables."""
    for i, row in enumerate(rows[:look]):
        if _is_data_row(row) and not any(classify(c) for c in row):
            return None
        # A plan table may name weaknesses and causes too; its results and solutions make it the plan.
        if len({"expected_result", "solutions", "lead", "time_text"} & set(_row_keys(row).values())) >= 2:
            return None
        keys = _keys_by(row, PRIORITY_PATTERNS)
        if len(_PRIORITY_SIGNS & set(keys.values())) >= 2:
            return "priority_issues", i, keys
        keys = _keys_by(row, MONITORING_PATTERNS)
        if len(_MONITORING_SIGNS & set(keys.values())) >= 2 and "content" in keys.values():
            return "monitoring", i, keys
    return None


def table_kind(rows: list[list[str]]) -> str | None:
    """What a table of a plan document is, by its header's meaning: "plan" (the plan table),
    "priority_issues" (section IV of the 57/2026 form), "monitoring" (its section VI), or None
    (anything else: the header block, the signature, a table of figures)."""
    side = _side_table(rows)
    if side:
        return side[0]
    if header_map(rows) is not None or build_items(rows, Document()):
        return "plan"
    return None


def read_table(
    rows: list[list[str]],
    doc: Document,
    *,
    where: str = "",
    hard_breaks: bool = False,
    doubt: set[tuple[int, int]] | None = None,
) -> str | None:
    """Read one table of a plan document into `doc` according to its kind (plan rows into
    doc.items, section IV into doc.priority_issues, section VI into doc.monitoring); returns the kind."""
    side = _side_table(rows)
    if side:
        kind, head, keys = side
        for row in rows[head + 1 :]:
            cells = {k: vn.one_line(vn.nfc(row[c])) if c < len(row) else "" for c, k in keys.items()}
            if not any(v for k, v in cells.items() if k != "order") or _is_numbered_row(row):
                continue
            if kind == "priority_issues":
                doc.priority_issues.append(_priority_issue(cells))
            else:
                doc.monitoring.append(MonitoringEntry(**{k: v for k, v in cells.items() if k != "order"}))
        return kind
    items = build_items(rows, doc, where=where, hard_breaks=hard_breaks, doubt=doubt)
    if items or header_map(rows) is not None:
        doc.items.extend(items)
        return "plan"
    return None


def _priority_issue(cells: dict[str, str]) -> PriorityIssue:
    std_text = cells.get("standard", "")
    found = vn.find_standard(std_text)
    number = found[0] if found else None
    if number is None and re.fullmatch(r"\d{1,2}", std_text.strip()):
        number = int(std_text)
    if number is None:
        crit = vn.find_criterion(cells.get("criteria", ""))
        number = int(crit.split(".")[0]) if crit else None
    return PriorityIssue(
        standard=number,
        criteria=cells.get("criteria", ""),
        current_state=cells.get("current_state", ""),
        limitation=cells.get("limitation", ""),
        cause=cells.get("cause", ""),
    )
