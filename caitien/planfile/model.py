"""The plan document model: dataclasses that are the JSON contract of `caitien parse --json`.

The form is described in the README (section "Dạng JSON của kế hoạch"). Keys may be added; the
meaning of the existing keys never changes. Readers build a Document, checks read it, writers
print it, and the database converts saved plans to and from it (caitien.plans.documents).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def clean_text(value: Any) -> str:
    """A document text as the contract wants it: NFC, one line, single spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ")
    return " ".join(text.split())


def clean_lines(value: Any) -> str:
    """A text that keeps its line breaks (a cell's paragraphs, bullets): NFC, each line with single
    spaces, no empty lines."""
    if value is None:
        return ""
    lines = (clean_text(line) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class AmountPart:
    """One funding source's share of a stated total ("ngân sách xã 80 triệu")."""

    vnd: int
    source: str = ""


@dataclass
class Amount:
    """An amount a budget cell states. The amounts of a row add up to its total: a stated total with
    its breakdown is one amount carrying `parts`; a unit price times a count is one amount of the
    product, keeping `unit_vnd` and `count`; a recurring amount has `per`."""

    vnd: int
    per: str | None = None  # None, "month" or "year"
    parts: list[AmountPart] = field(default_factory=list)
    unit_vnd: int | None = None
    count: int | None = None


def amount_to_dict(amount: Amount) -> dict:
    """An amount as stored and exchanged: {"vnd", "per"} plus "parts", "unit_vnd", "count" when set."""
    out = {"vnd": amount.vnd, "per": amount.per}
    if amount.parts:
        out["parts"] = [{"vnd": p.vnd, "source": p.source} for p in amount.parts]
    if amount.unit_vnd is not None:
        out["unit_vnd"], out["count"] = amount.unit_vnd, amount.count
    return out


def amount_from_dict(data: dict) -> Amount:
    parts = [
        AmountPart(vnd=int(p.get("vnd") or 0), source=str(p.get("source") or ""))
        for p in data.get("parts") or []
        if isinstance(p, dict)
    ]
    return Amount(
        vnd=int(data.get("vnd") or 0),
        per=data.get("per"),
        parts=parts,
        unit_vnd=data.get("unit_vnd"),
        count=data.get("count"),
    )


@dataclass
class Signer:
    title: str = ""
    name: str = ""


@dataclass
class Warning:
    code: str
    message: str  # Vietnamese, for the user
    where: str = ""


@dataclass
class Item:
    criterion: str | None = None  # "N.M" as the row names it, kept even when wrong
    level: str | None = None
    expected_result: str = ""
    solutions: str = ""
    lead: str = ""  # "lead; coordinators" when the document has separate columns
    time_text: str = ""
    start: str | None = None  # "YYYY-MM"
    end: str | None = None
    budget_text: str = ""
    budget_amounts: list[Amount] = field(default_factory=list)
    support: str = ""
    notes: str = ""
    # 57/2026 form (Mẫu số 2): also usable on 2018 plans, empty there.
    issue: str = ""
    standard: int | None = None
    indicator: str = ""
    expected_evidence: str = ""
    status: str = ""
    # Extras the product keeps; not part of the scored contract.
    coordinators: str = ""
    funding_source: str = ""
    doubtful: list[str] = field(default_factory=list)  # field names a reader was unsure of

    def standard_number(self) -> int | None:
        if self.standard is not None:
            return self.standard
        if self.criterion and "." in self.criterion:
            head = self.criterion.split(".", 1)[0]
            # ASCII digits only: "²".isdigit() is true but int("²") fails.
            return int(head) if head.isascii() and head.isdigit() and len(head) < 4 else None
        return None


@dataclass
class PriorityIssue:
    """A row of section IV of the 57/2026 form (tóm tắt các vấn đề trọng tâm)."""

    standard: int | None = None
    criteria: str = ""
    current_state: str = ""
    limitation: str = ""
    cause: str = ""


@dataclass
class MonitoringEntry:
    """A row of section VI of the 57/2026 form (theo dõi và đánh giá thực hiện)."""

    moment: str = ""
    content: str = ""
    result: str = ""
    adjustment: str = ""
    assessor: str = ""


@dataclass
class Document:
    source: str = ""
    governing_body: str | None = None
    school: str | None = None
    school_level: str | None = None
    circular: str | None = None
    document_number: str | None = None
    place: str | None = None
    date: str | None = None  # ISO
    title: str | None = None
    period: dict | None = None  # {"start_year": 2023, "end_year": 2024}
    items: list[Item] = field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # Extras: the regulation slug when known (e.g. "tt57-2026-pl2"), section texts keyed as in the
    # regulation's plan form ("purposes", "legal_bases", "organisation", ...), and standard headings
    # as written ({"5": "Hoạt động và kết quả ..."}), which the checker compares with the catalog.
    regulation: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    standard_headings: dict[str, str] = field(default_factory=dict)
    closing_text: str = ""
    priority_issues: list[PriorityIssue] = field(default_factory=list)
    monitoring: list[MonitoringEntry] = field(default_factory=list)

    def warn(self, code: str, message: str, where: str = "") -> None:
        self.warnings.append(Warning(code=code, message=message, where=where))

    def to_dict(self) -> dict:
        data = asdict(self)
        # Amounts as the contract writes them: "parts", "unit_vnd" and "count" only when set.
        for item, out in zip(self.items, data["items"], strict=True):
            out["budget_amounts"] = [amount_to_dict(a) for a in item.budget_amounts]
        return data

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        data = dict(data)
        known = {f.name for f in fields(cls)}
        doc = cls(**{k: v for k, v in data.items() if k in known and k not in _NESTED})
        doc.items = [_item(x) for x in data.get("items") or []]
        signer = data.get("signer")
        doc.signer = Signer(**_known(Signer, signer)) if isinstance(signer, dict) else None
        doc.warnings = [
            Warning(**_known(Warning, w)) for w in data.get("warnings") or [] if isinstance(w, dict)
        ]
        doc.priority_issues = [
            PriorityIssue(**_known(PriorityIssue, x)) for x in data.get("priority_issues") or []
        ]
        doc.monitoring = [MonitoringEntry(**_known(MonitoringEntry, x)) for x in data.get("monitoring") or []]
        doc.recipients = list(data.get("recipients") or [])
        return doc

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


_NESTED = {"items", "signer", "warnings", "priority_issues", "monitoring", "recipients"}


def _known(cls, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in (data or {}).items() if k in names}


def _item(data: dict) -> Item:
    item = Item(**{k: v for k, v in _known(Item, data).items() if k != "budget_amounts"})
    item.budget_amounts = [
        amount_from_dict(a) for a in data.get("budget_amounts") or [] if isinstance(a, dict)
    ]
    return item
