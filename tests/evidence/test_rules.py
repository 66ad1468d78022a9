"""evidence-code-unknown and evidence-code-duplicate, on a document and on a saved plan."""

from caitien.checks import CheckContext, run_checks
from caitien.evidence.models import EvidenceItem
from caitien.planfile.model import Document, Item
from caitien.plans.models import Plan, PlanItem
from caitien.plans.services import plan_findings


def _doc(*items):
    return Document(regulation="tt17-2018", school_level="tieu_hoc", items=list(items))


def _evidence(findings):
    return [
        (f.rule, f.item, f.field)
        for f in findings
        if f.rule in ("evidence-code-unknown", "evidence-code-duplicate")
    ]


def test_a_code_not_in_the_register_is_reported_with_its_row_and_column():
    doc = _doc(
        Item(criterion="1.1", expected_evidence="Biên bản [H1-1.1-01]; ảnh H1-1.1-02"),
        Item(criterion="1.2", notes="Xem [H1-1.2-05]"),
    )
    register = {"[H1-1.1-01]": [("Biên bản họp", "Số 1/BB")], "[H1-1.1-02]": [("Ảnh", "")]}
    findings = run_checks(doc, context=CheckContext(evidence_register=register))
    assert _evidence(findings) == [("evidence-code-unknown", 1, "notes")]
    unknown = next(f for f in findings if f.rule == "evidence-code-unknown")
    assert "[H1-1.2-05]" in unknown.message and "Dòng 2" in unknown.message


def test_without_a_register_nothing_is_reported():
    doc = _doc(Item(criterion="1.1", expected_evidence="[H1-1.1-09]"))
    assert _evidence(run_checks(doc)) == []
    assert _evidence(run_checks(doc, context=CheckContext(evidence_register={}))) == []


def test_one_code_for_two_documents_and_one_document_under_two_codes():
    doc = _doc(
        Item(criterion="1.1", expected_evidence="[H1-1.1-01]"),
        Item(criterion="2.1", expected_evidence="[H2-2.1-03]"),
        Item(criterion="3.1", expected_evidence="[H3-3.1-01]"),
    )
    register = {
        # The same code in the two years of a two-year plan, for two different documents.
        "[H1-1.1-01]": [("Quyết định thành lập Hội đồng", "Số 05/QĐ"), ("Kế hoạch năm học", "Số 12/KH")],
        # One decision entered twice, under two codes.
        "[H2-2.1-03]": [("Quyết định phân công  chuyên môn", "Số 20/QĐ-THHB")],
        "[H2-2.1-04]": [("quyết định phân công chuyên môn", "số 20/QĐ-THHB")],
        "[H3-3.1-01]": [("Biên bản kiểm kê", "")],
    }
    findings = run_checks(doc, context=CheckContext(evidence_register=register))
    assert _evidence(findings) == [
        ("evidence-code-duplicate", 0, "expected_evidence"),
        ("evidence-code-duplicate", 1, "expected_evidence"),
    ]
    assert (
        "[H2-2.1-04]"
        in [f for f in findings if f.item == 1 and f.rule == "evidence-code-duplicate"][0].message
    )


def test_57_2026_codes_are_read_in_their_format():
    doc = Document(
        regulation="tt57-2026-pl2",
        school_level="thcs",
        items=[Item(criterion="1.1", expected_evidence="MC.1.1.01, MC.1.1.02")],
    )
    findings = run_checks(doc, context=CheckContext(evidence_register={"MC.1.1.01": [("Kế hoạch", "")]}))
    assert _evidence(findings) == [("evidence-code-unknown", 0, "expected_evidence")]


def test_a_saved_plan_is_checked_against_the_schools_register(cast, catalog):
    plan = Plan.objects.create(
        school=cast.primary, regulation=catalog["tt17-2018"], start_year=2025, end_year=2026
    )
    PlanItem.objects.create(plan=plan, criterion_code="1.1", expected_evidence="[H1-1.1-01], [H1-1.1-02]")
    EvidenceItem.objects.create(
        school=cast.primary, school_year=2025, regulation=catalog["tt17-2018"], code="[H1-1.1-01]", name="QĐ"
    )
    # Another year's item does not count for this plan.
    EvidenceItem.objects.create(
        school=cast.primary, school_year=2024, regulation=catalog["tt17-2018"], code="[H1-1.1-02]", name="Ảnh"
    )
    found = [f for f in plan_findings(plan) if f.rule in ("evidence-code-unknown", "evidence-code-duplicate")]
    assert [(f.rule, f.item) for f in found] == [("evidence-code-unknown", 0)]
    assert "[H1-1.1-02]" in found[0].message
