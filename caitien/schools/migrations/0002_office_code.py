"""Offices gain a unique short code; existing offices get one made from their kind and place."""

import re
import unicodedata

import django.core.validators
from django.db import migrations, models


def _fold(text):
    decomposed = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").upper()


def fill_codes(apps, schema_editor):
    Office = apps.get_model("schools", "Office")
    taken = set()
    for office in Office.objects.order_by("pk"):
        prefix = "SO" if office.kind == "so" else "PGD"
        tail = re.sub(r"[^A-Z0-9]", "", _fold(office.place or office.name))[:20]
        base = f"{prefix}-{tail}" if tail else prefix
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        taken.add(code)
        office.code = code
        office.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="office",
            name="code",
            field=models.CharField(default="", max_length=30, verbose_name="mã cơ quan"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="office",
            name="code",
            field=models.CharField(
                help_text="Chữ in hoa không dấu, chữ số và dấu gạch nối, ví dụ: PGD-GODAU, SO-TAYNINH",
                max_length=30,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9][A-Z0-9-]{0,29}$",
                        "Mã cơ quan chưa đúng dạng. Chữ in hoa không dấu, chữ số và dấu gạch nối, ví dụ: PGD-GODAU, SO-TAYNINH.",
                    )
                ],
                verbose_name="mã cơ quan",
            ),
        ),
    ]
