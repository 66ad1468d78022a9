"""Plain multi-row inserts for the generator's leaf records (rows, tasks, progress, indicator results):
the objects nobody refers to by id, which are most of a province's records.

`bulk_create` runs each value of each object through the field's whole preparation pipeline and asks
the database for the new ids; for several hundred thousand objects that is most of the generation
time. Here each column's value is taken as it is when the field stores Python's own value (text,
numbers, booleans, foreign key ids) and prepared by the field otherwise (dates, UUIDs, JSON), and
the rows go to the database with `executemany`. Like `bulk_create`, no `save()` and no signal runs;
`auto_now` / `auto_now_add` columns get the moment of the insert.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

BATCH = 5000
_AS_IS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _column_values(model, connection):
    """[(column, value getter)] for every concrete column but an auto-incremented primary key."""
    now = timezone.now()
    out = []
    for f in model._meta.concrete_fields:
        if f.primary_key and isinstance(f, models.AutoField):
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            stamp = f.get_db_prep_save(now, connection)
            out.append((f.column, lambda _obj, stamp=stamp: stamp))
        elif f.is_relation or (isinstance(f, _AS_IS) and not isinstance(f, models.AutoField)):
            out.append((f.column, lambda obj, name=f.attname: getattr(obj, name)))
        else:
            out.append((f.column, lambda obj, f=f: f.get_db_prep_save(getattr(obj, f.attname), connection)))
    return out


def insert_all(model, objects) -> int:
    """Insert `objects` (unsaved instances of `model`); returns how many. Their ids are not read back."""
    connection = connections[DEFAULT_DB_ALIAS]
    columns = _column_values(model, connection)
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table),
        ", ".join(qn(c) for c, _get in columns),
        ", ".join(["%s"] * len(columns)),
    )
    getters = [get for _c, get in columns]
    n = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            chunk = objects[start : start + BATCH]
            cursor.executemany(sql, [tuple(get(obj) for get in getters) for obj in chunk])
            n += len(chunk)
    return n
