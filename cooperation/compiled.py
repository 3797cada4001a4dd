"""The read path's set queries, compiled to SQL once per shape rather than on every request.

Django builds and compiles a queryset's SQL each time it runs; for a detail, compiling the row
builder's few statements cost more than running them. Here a `.values()` or `.values_list()`
queryset over a list of keys (ids, or a slug) is built once per (name, number of keys, database
vendor) with stand-in keys, and each later run puts the real keys in the stand-ins' places and
applies the same converters Django would (dates, timestamps, JSON).
"""

from django.db import connections, router

# Keys no table holds: their places among the compiled parameters are found by value. The text
# one is only compiled, never sent to the database.
STAND_IN = -(10**12)
TEXT_STAND_IN = "\x01stand-in-"
MAX_KEYS = 1000  # more keys than a page holds are run as the ORM runs them
MAX_STATEMENTS = 2000
_compiled: dict = {}


class Statement:
    def __init__(self, queryset, using: str, stand_ins: list):
        compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        count = len(stand_ins)
        stand_ins = {value: i for i, value in enumerate(stand_ins)}
        self.params = list(params)
        self.places = [(at, stand_ins[p]) for at, p in enumerate(params) if p in stand_ins]
        if len({index for _at, index in self.places}) != count:
            raise ValueError("every id must be a parameter of the compiled statement")
        fields = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        query = queryset.query
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.shape = _shape(queryset)

    def run(self, keys: list, using: str) -> list:
        params = list(self.params)
        for at, index in self.places:
            params[at] = keys[index]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        rows = []
        for row in found:
            row = list(row)
            for position, (converters, expression) in self.converters:
                value = row[position]
                for convert in converters:
                    value = convert(value, expression, connection)
                row[position] = value
            if self.shape == "dicts":
                rows.append(dict(zip(self.names, row, strict=True)))
            else:
                rows.append(row[0] if self.shape == "flat" else tuple(row))
        return rows


def _shape(queryset) -> str:
    from django.db.models.query import FlatValuesListIterable, ValuesIterable, ValuesListIterable

    shapes = {ValuesIterable: "dicts", ValuesListIterable: "tuples", FlatValuesListIterable: "flat"}
    if queryset._iterable_class not in shapes:
        raise ValueError("only .values() and .values_list() querysets are compiled")
    return shapes[queryset._iterable_class]


def rows(name: str, make, keys: list, *, model) -> list:
    """The rows of `make(keys)` — a queryset of *model* ending in .values() (dicts) or
    .values_list() (tuples) — read through a statement compiled once per *name* and number of
    keys (all ids, or all text). *name* must identify everything else *make* puts in the query."""
    if not keys:
        return []
    if len(keys) > MAX_KEYS:  # a profile's thousands of ids: compiling is cheap beside the reading
        return list(make(keys))
    using = router.db_for_read(model)
    key = (name, len(keys), connections[using].vendor)
    statement = _compiled.get(key)
    if statement is None:
        text = isinstance(keys[0], str)
        stand_ins = [f"{TEXT_STAND_IN}{i}" if text else STAND_IN - i for i in range(len(keys))]
        if len(_compiled) >= MAX_STATEMENTS:
            _compiled.clear()  # a bound on memory; pages come in a few sizes, so this is rare
        statement = _compiled[key] = Statement(make(stand_ins), using, stand_ins)
    return statement.run(keys, using)
