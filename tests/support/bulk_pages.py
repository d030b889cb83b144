"""Thousands of pages in a second: copies of one page, made in SQL, for the query-count
tests that compare 10 items with 5,000.

Adding 5,000 pages through Wagtail takes minutes (each `add_child` moves the tree); a copy
here is a row in each table of the page's model (wagtailcore_page, then each subclass's
table), placed under a parent by the tree's own path scheme (the `steplen` and `alphabet`
that treebeard documents for materialised-path trees), with the page's many-to-many rows
copied too. The copies are live, have no revisions and are not in the search index.
"""

import uuid

from django.db import connection, models

from wagtail.models import Page


def _path_step(number):
    """`number` written as one step of a page path (e.g. 37 -> "0011")."""
    alphabet = Page.alphabet
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return digits.rjust(Page.steplen, alphabet[0])


def _step_number(step):
    number = 0
    for digit in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(digit)
    return number


def _model_chain(model):
    """The concrete models whose tables hold a page of `model`, base first."""
    return [
        each
        for each in reversed(model.__mro__)
        if isinstance(each, type)
        and issubclass(each, Page)
        and not each._meta.abstract
        and not each._meta.proxy
    ]


def _own_columns(model):
    """The fields stored in the model's own table (not its parents', not many-to-many)."""
    return [
        field
        for field in model._meta.get_fields(include_parents=False)
        if field.concrete and not field.many_to_many
    ]


def _column_expression(field, template_alias, overrides):
    column = field.column
    if column in overrides:
        return overrides[column]
    if field.primary_key:
        return "n.new_id"
    if column in ("path", "depth", "numchild", "translation_key"):
        return {"path": "n.path", "depth": "%(depth)s", "numchild": "0"}.get(
            column, "n.translation_key::uuid"
        )
    if column in ("latest_revision_id", "live_revision_id"):
        return "NULL"
    if column == "slug" or column.startswith("slug_"):
        return f"{template_alias}.{column} || '-' || n.number"
    if column == "url_path" or column.startswith("url_path_"):
        slug_column = column.replace("url_path", "slug", 1)
        return (
            f"left({template_alias}.{column}, length({template_alias}.{column})"
            f" - length({template_alias}.{slug_column}) - 1)"
            f" || {template_alias}.{slug_column} || '-' || n.number || '/'"
        )
    return f"{template_alias}.{column}"


def copy_page(template, parent, count, overrides=None):
    """Add `count` copies of `template` (a live page) under `parent`.

    `overrides` maps a column of any of the page's tables to an SQL expression of the
    copy's number `n.number` (1..count), e.g. {"date": "date '2020-01-01' + n.number"}.
    Returns the ids of the copies.
    """
    overrides = overrides or {}
    template = template.specific
    parent.refresh_from_db()
    last_child = parent.get_last_child()
    first_step = _step_number(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    paths = [parent.path + _path_step(first_step + i) for i in range(count)]
    keys = [str(uuid.uuid4()) for _ in range(count)]
    numbers = list(range(1, count + 1))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('wagtailcore_page', 'id'))"
            " FROM generate_series(1, %s)",
            [count],
        )
        new_ids = [row[0] for row in cursor.fetchall()]
        for model in _model_chain(type(template)):
            table = model._meta.db_table
            fields = _own_columns(model)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            expressions = ", ".join(
                _column_expression(f, "t", overrides) for f in fields
            )
            primary_key = model._meta.pk.column
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {expressions}"
                f" FROM {table} t, unnest(%(ids)s::int[], %(paths)s::text[],"
                " %(keys)s::text[], %(numbers)s::int[])"
                " AS n(new_id, path, translation_key, number)"
                f" WHERE t.{primary_key} = %(template)s",
                {
                    "ids": new_ids,
                    "paths": paths,
                    "keys": keys,
                    "numbers": numbers,
                    "template": template.pk,
                    "depth": parent.depth + 1,
                },
            )
        page_models = _model_chain(type(template))
        for relation in type(template)._meta.get_fields():
            if not (relation.many_to_many and relation.concrete):
                continue
            through = getattr(type(template), relation.name).through
            links = [
                field
                for field in through._meta.get_fields()
                if field.many_to_one and field.concrete
            ]
            source = next(f for f in links if f.related_model in page_models)
            target = next(f for f in links if f is not source)
            targets = through.objects.filter(**{source.name: template.pk}).values_list(
                target.attname, flat=True
            )
            through.objects.bulk_create(
                [
                    through(**{source.attname: new_id, target.attname: target_id})
                    for new_id in new_ids
                    for target_id in targets
                ]
            )
    Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + count)
    return new_ids
