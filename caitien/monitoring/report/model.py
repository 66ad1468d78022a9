"""The results report (Báo cáo kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục) as plain data.

It has the header fields the plan writers' Nghị định 30 header and signature blocks read
(school, governing_body, document_number, place, date, title, recipients, signer), so those blocks
print a report exactly as they print a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from caitien.planfile.model import Signer

SYMBOL = "BC"  # Số: …/BC-… (Nghị định 30/2020, Phụ lục III: báo cáo)
KIND = "BÁO CÁO"

RESULT_COLUMNS = (
    ("order", "TT", 0.6),
    ("content", "Nội dung cải tiến", 2.6),
    ("result", "Kết quả đạt được", 3.0),
    ("evidence", "Minh chứng", 1.6),
    ("status", "Mức độ hoàn thành", 1.3),
    ("cause", "Nguyên nhân chưa đạt", 2.2),
)


@dataclass
class ReportRow:
    order: int
    content: str
    result: str = ""
    evidence: str = ""
    status: str = ""
    cause: str = ""

    def cell(self, key: str) -> str:
        return str(self.order) if key == "order" else getattr(self, key) or ""


@dataclass
class ReportSection:
    number: str  # "I", "II" …
    title: str
    text: str = ""  # paragraphs joined with "\n"; "1. Ưu điểm" lines print as subheadings
    table: bool = False  # the results table follows the text (on landscape pages)


@dataclass
class ReportDocument:
    school: str = ""
    governing_body: str = ""
    school_level: str | None = None
    regulation: str | None = None
    document_number: str | None = None
    place: str | None = None
    date: str | None = None  # ISO
    title: str = ""
    intro: str = ""
    sections: list[ReportSection] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    table_title: str = "2. Kết quả thực hiện từng nội dung cải tiến"
    closing_text: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    period: dict | None = None
