"""Shared pieces of the extracted-text readers: the table's span in the text, the Line of the
cell-by-cell reader and the patterns that say what a line of a cell holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from caitien.planfile import vietnamese as vn
from caitien.planfile.readers import header

MAX_CELL_LINES = 45  # a cell longer than this is not a plan cell; it bounds the work per row
MAX_ROW_LINES = 400


def table_span(lines: list[str], *, through_sections: bool = False) -> tuple[int, int]:
    """First and last+1 line of the table region: from the content heading (or the first row
    that names a standard or criterion) to the next section heading or the closing."""
    folded = [vn.fold_same_length(ln) for ln in lines]
    start = None
    for i, fl in enumerate(folded):
        if (
            re.search(
                r"noi\s*dung\s*(?:ke\s*hoach\s*)?cai\s*tien|ke\s*hoach\s*cai\s*tien\s*chat\s*luong\s*$", fl
            )
            and (header._HEADING.match(fl.strip()) or len(fl.strip()) < 80)
            and i > 5
        ):
            start = i + 1
            break
    if start is None:
        hits = [
            i
            for i, fl in enumerate(folded)
            if re.search(r"t[il1]eu\s*ch[il1]\s*\d|t[il1]eu\s*chu[a-z]n\s*\d", fl)
        ]
        start = hits[0] if hits else len(lines)
    end = len(lines)
    for i in range(start, len(lines)):
        s = folded[i].strip().replace("'", "")  # OCR: "THU'C" for "THỰC"
        if header._CLOSING.match(s) or header._RECIPIENTS.match(s):
            end = i
            break
        if (
            not through_sections
            and header._HEADING.match(s)
            and header._section_key(s) in ("organisation", "monitoring", "review_mechanism")
        ):
            end = i
            break
    return start, end


@dataclass
class Line:
    text: str  # stripped
    spaces: int  # leading spaces
    tight: bool  # printed straight after the previous line (no blank line between)
    blank: bool  # a line of spaces only
    index: int
    moved: bool = False  # first table line after running text: the rest of a row moved past a page

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if name == "text":
            # Every rule reads the folded text; fold once per line.
            super().__setattr__("folded", vn.fold_same_length(value))


_ROW_START = re.compile(r"^\W*t[il1]eu\s*ch[il1](?!\s*tieu)\b")
_STD_LINE = re.compile(r"^\s*(?:\d{1,2}\s*[.)]?\s*)?t[il1]eu\s*chu[a-z]n\s*\d")
_ROLE = re.compile(
    r"^[-+•\s]*(hieu\s*truong|hieu\s*$|pho\s*hieu|pho\s*$|pho\s*ht|p\.?\s*hieu|p\.?\s*ht|bgh|ban\s*(?:giam|dai|chi|lanh|quan|dieu|kiem|the|tu|cs|dd|ht)|"
    r"to\s*(?:truong|chuyen|van|cm|vp|giam|bo\s*mon|khoi)|tong\s*phu\s*trach|tpt|giao\s*vien|gv|nhan\s*vien|nv\b|ke\s*toan|"
    r"van\s*thu|chi\s*bo|bi\s*thu|cong\s*doan|doan\s*(?:thanh|tn)|hoi\s*dong|hdtd|y\s*te|bao\s*ve|cmhs|phhs|cha\s*me|"
    r"lanh\s*dao|can\s*bo|cb\b|cbql|vien\s*chuc|nhan\s*su|thu\s*vien|nhom|cac\s*to|cac\s*thanh\s*vien|chu\s*tich|tap\s*the|"
    r"truong\s*(?:ban|khoi|nhom)|nha\s*truong|phong\s*(?:gd|giao)|doi\s*ngu|toan\s*the|ca\s*nhan|thanh\s*vien)"
)
# Words that start a line inside a sentence with a capital (names of bodies and places).
_PROPER = re.compile(
    r"^(phong|giao\s*duc|dao\s*tao|hoi\s*dong|doi\b|ban\b|nha\s*truong|uy\s*ban|chi\s*bo|dang|cong\s*doan|tong|thu\s*vien|"
    r"viet|nam\b|ho\b|chi\s*minh|tien\s*phong|thieu|huyen|tinh|quan\b|so\b|bo\b|thong\s*tu|cong\s*van|ke\s*hoach|"
    r"truong\b|cha\s*me|dai\s*dien|lop\b|hieu|pho|am\s*nhac|mi\s*thuat|tieng|toan|cau\s*lac|thi\s*dua|khen)"
)
_TIME_LINE = re.compile(
    r"^[-+•\s]*(thang\s*\d|thang\s*$|xuyen\s*(?:suot)?\s*$|xuyen\s*suot|nam\s*hoc\s*\d|(?:dau|cuoi)\s*nh|hk\s*i)"
)
_LEAD_START = re.compile(r"^[-+•\s]*(hieu\s*truong|hieu\s*$|bgh\b|ban\s*giam\s*hieu)")
_TIME_START = re.compile(
    r"^[-+•\s]*(thang|nam\s*hoc|nam\s*20|nh\b|hk|hoc\s*ky|quy\s*[iv1-4]|tu\s*(?:thang|ngay|nam)|dau\s*(?:nam|nh|hk)|"
    r"cuoi\s*(?:nam|nh|hk)|giua|xuyen\s*suot|xuyen\s*$|ca\s*nam|suot\s*nam|\d{1,2}\s*/\s*\d{4}|\d{1,2}/\d{1,2}/\d{4}|20\d\d)"
)
_STRONG_TIME = re.compile(r"^[-+•\s]*(thang\s*\d|nam\s*hoc\s*\d|\d{1,2}\s*/\s*\d{4}|(?:dau|cuoi)\s*nh\s*\d)")
# A line opening with a number that is no amount, date, code or year goes on the line above ("Phường" / "11, …").
_LOOSE_NUMBER = re.compile(
    r"^\d+(?!\s*(?:trieu|tr\b|dong|d\b|ty|nghin|ngan|k\b|%|/|\.\d|-|–))(?!\d)(?:\s*[,;]|\s+[a-z])"
)
_MONEY_START = re.compile(
    r"^[-+•\s]*(kinh\s*phi|khong\b|ngan\s*sach|nguon|du\s*kien|(?!(?:19|20)\d\d\b)\d|xa\s*hoi\s*hoa|quy\b|von\b|"
    r"theo\s*(?:quy|du\s*toan|ke\s*hoach|dinh\s*muc)|tu\s*nguon|huy\s*dong)"
)
_LEVEL = re.compile(r"^(?:muc\s*)?\d$")


def ends_table(folded: str) -> bool:
    """A folded line that closes the plan table: the signatures, the recipients, or the sections
    after the table (organisation, monitoring, review)."""
    return bool(
        header._CLOSING.match(folded)
        or header._RECIPIENTS.match(folded)
        or (
            header._HEADING.match(folded)
            and header._section_key(folded) in ("organisation", "monitoring", "review_mechanism")
        )
    )
