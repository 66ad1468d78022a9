"""The demo's evidence register: about twenty items, shared ones, real files, one public."""

import io

import pypdfium2
from django.core.management import call_command
from PIL import Image

from caitien.evidence.models import EvidenceFile, EvidenceItem, EvidenceRow
from caitien.evidence.selectors import public_evidence_for_plan
from caitien.plans.models import Plan


def test_the_demo_builds_a_register_once(db, media):
    call_command("demo", stdout=io.StringIO())
    items = EvidenceItem.objects.all()
    assert 18 <= items.count() <= 22
    assert len({i.school_id for i in items}) == 1
    shared = [i for i in items.prefetch_related("criterion_links") if i.criterion_links.count() > 1]
    assert len(shared) >= 5
    assert items.filter(public=True).count() == 1
    files = list(EvidenceFile.objects.all())
    assert len(files) >= 8
    for stored in files:
        data = stored.file.open("rb").read()
        if stored.content_type == "application/pdf":
            document = pypdfium2.PdfDocument(data)
            assert len(document) == 1
            document.close()
        else:
            Image.open(io.BytesIO(data)).verify()
            assert stored.thumbnail
    plan = Plan.objects.filter(status=Plan.Status.PUBLISHED, school_id=items[0].school_id).first()
    if plan is not None:
        assert EvidenceRow.objects.filter(plan=plan.root).exists()
        assert [i.code for i in public_evidence_for_plan(plan)] == [items.get(public=True).code]
    count = items.count()
    call_command("demo", stdout=io.StringIO())
    assert EvidenceItem.objects.count() == count
