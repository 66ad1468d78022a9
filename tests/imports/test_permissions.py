"""Who may use an import waiting for confirmation."""

from caitien.imports.models import PendingImport
from caitien.schools import permissions


def test_only_the_uploader_with_import_rights_may_use_a_pending_import(cast):
    pending = PendingImport.objects.create(school=cast.primary, user=cast.council, filename="ke-hoach.docx")
    assert permissions.can_use_pending_import(cast.council, pending)
    assert not permissions.can_use_pending_import(cast.principal, pending)  # not the uploader
    assert not permissions.can_use_pending_import(cast.other_principal, pending)
    cast.council.memberships.all().delete()
    cast.council._caitien_memberships = None
    assert not permissions.can_use_pending_import(cast.council, pending)  # no longer an author of the school
