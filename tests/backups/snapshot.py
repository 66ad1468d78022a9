"""Everything a restored site must give back, as plain JSON: the rows of the models people fill
and every stored file's checksum. Run inside the test process and in a child on the restored site."""

import hashlib
import json

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder

from caitien.backups import media

MODELS = [
    "schools.user",
    "schools.school",
    "schools.office",
    "plans.plan",
    "plans.planitem",
    "plans.plancomment",
    "audit.auditevent",
    "evidence.evidenceitem",
    "evidence.evidencefile",
]


def site_snapshot() -> dict:
    rows = {}
    for label in MODELS:
        model = apps.get_model(label)
        rows[label] = list(model._base_manager.order_by("pk").values())
    files = {}
    for name in media.names():
        with default_storage.open(name, "rb") as handle:
            files[name] = hashlib.sha256(handle.read()).hexdigest()
    return json.loads(json.dumps({"rows": rows, "files": files}, cls=DjangoJSONEncoder))


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(site_snapshot()))
