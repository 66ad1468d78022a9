"""Shapes of what the API answers and accepts.

The plan document accepted by `POST /api/check` mirrors the plan JSON contract
(`caitien.planfile.model.Document`): every key optional, unknown keys allowed (the contract may
grow), numbers accepted where a text is expected (a level written as 2 means "2"). Its purpose is a
clear Vietnamese message on a wrong type, before the checker sees the document.
"""

from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel, ConfigDict


class Out(Schema):
    pass


class ErrorOut(Out):
    detail: str


class SchoolOut(Out):
    name: str
    short_code: str


class RegulationOut(Out):
    code: str
    appendix: str


class PeriodOut(Out):
    kind: str
    start_year: int
    end_year: int
    label: str


class PlanOut(Out):
    id: int
    school: SchoolOut
    regulation: RegulationOut
    period: PeriodOut
    title: str
    document_number: str
    status: str
    status_label: str
    version: int
    public_url: str | None


class PlanPageOut(Out):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[PlanOut]


class FindingOut(Out):
    rule: str
    severity: str
    message: str
    item: int | None
    criterion: str | None
    field: str | None


class FindingsOut(Out):
    findings: list[FindingOut]


# --- the plan document (request body) --------------------------------------------------------------


class In(BaseModel):
    # A plain pydantic model, not ninja's Schema: Schema also reads attributes of any object, so a
    # list or a text sent in place of an object would pass as an empty document.
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True)


class AmountPartIn(In):
    vnd: int
    source: str = ""


class AmountIn(In):
    vnd: int
    per: str | None = None
    parts: list[AmountPartIn] = []
    unit_vnd: int | None = None
    count: int | None = None


class SignerIn(In):
    title: str = ""
    name: str = ""


class WarningIn(In):
    code: str = ""
    message: str = ""
    where: str = ""


class PeriodIn(In):
    start_year: int | None = None
    end_year: int | None = None


class ItemIn(In):
    criterion: str | None = None
    level: str | None = None
    expected_result: str = ""
    solutions: str = ""
    lead: str = ""
    time_text: str = ""
    start: str | None = None
    end: str | None = None
    budget_text: str = ""
    budget_amounts: list[AmountIn] = []
    support: str = ""
    notes: str = ""
    issue: str = ""
    standard: int | None = None
    indicator: str = ""
    expected_evidence: str = ""
    status: str = ""
    coordinators: str = ""
    funding_source: str = ""
    doubtful: list[str] = []


class PriorityIssueIn(In):
    standard: int | None = None
    criteria: str = ""
    current_state: str = ""
    limitation: str = ""
    cause: str = ""


class MonitoringEntryIn(In):
    moment: str = ""
    content: str = ""
    result: str = ""
    adjustment: str = ""
    assessor: str = ""


class PlanDocumentIn(In):
    source: str = ""
    governing_body: str | None = None
    school: str | None = None
    school_level: str | None = None
    circular: str | None = None
    document_number: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    period: PeriodIn | None = None
    items: list[ItemIn] = []
    signer: SignerIn | None = None
    recipients: list[str] = []
    warnings: list[WarningIn] = []
    regulation: str | None = None
    sections: dict[str, str] = {}
    standard_headings: dict[str, str] = {}
    closing_text: str = ""
    priority_issues: list[PriorityIssueIn] = []
    monitoring: list[MonitoringEntryIn] = []
