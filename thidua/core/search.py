"""Vietnamese text search that ignores case and diacritics, the same on SQLite and PostgreSQL.

"dai hoi", "Đại hội" and "ĐẠI HỘI" all fold to "dai hoi". The folding is done at query time by one SQL
expression, `Fold`, so there is no extra column to keep in step (imports and bulk updates bypass
`save()`) and no PostgreSQL extension to install:

- on PostgreSQL: `LOWER(TRANSLATE(text, <every accented Vietnamese letter>, <its plain letter>))`;
- on SQLite: a Python function registered on each connection (`register_sqlite_fold`) applying the
  very same table.

Both use `FOLD_TABLE`, built once from the Vietnamese alphabet below, so the two databases find exactly
the same rows. The cost is a scan of the searched columns, which is what an agency's few thousand plans,
targets and initiatives allow; a functional index on `Fold(...)` can come later if it does not.
"""

import unicodedata
from functools import reduce
from operator import and_

from django.db.models import Q, TextField, Value
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce, Concat, Lower

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # none, huyền, sắc, ngã, hỏi, nặng
# Combining marks, for text stored decomposed (NFD): dropped.
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


def _plain(letter: str) -> str:
    decomposed = unicodedata.normalize("NFD", letter.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _alphabet() -> list[str]:
    lower = [unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONES] + ["đ"]
    letters = lower + [letter.upper() for letter in lower]
    return [letter for letter in dict.fromkeys(letters) if _plain(letter) != letter]


ACCENTED = "".join(_alphabet())
PLAIN = "".join(_plain(letter) for letter in ACCENTED)
FOLD_TABLE = str.maketrans(ACCENTED, PLAIN, MARKS)
SQL_FUNCTION = "thidua_fold"


def fold(text: str | None) -> str:
    """Lower case, without Vietnamese diacritics: what `Fold` computes in the database."""
    return (text or "").translate(FOLD_TABLE).lower()


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite learns `thidua_fold(text)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, fold, deterministic=True)


class Fold(Func):
    """The folded form of a text expression (see `fold`)."""

    function = SQL_FUNCTION
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        translated = Func(
            self.source_expressions[0],
            Value(ACCENTED + MARKS),
            Value(PLAIN),
            function="TRANSLATE",
            output_field=TextField(),
        )
        return Lower(translated).as_sql(compiler, connection, **extra_context)


def words(query: str) -> list[str]:
    """The folded words of what was typed (at most 8: a pasted paragraph is not a search)."""
    return fold(query).split()[:8]


def matching(queryset, fields: list[str], query: str):
    """Rows where every word of `query` appears in one of `fields`, ignoring case and diacritics."""
    found = words(query)
    if not found:
        return queryset.none()
    parts = []
    for field in fields:
        parts += [Coalesce(field, Value(""), output_field=TextField()), Value(" ")]
    text = Concat(*parts, output_field=TextField())
    queryset = queryset.annotate(_folded=Fold(text))
    return queryset.filter(reduce(and_, [Q(_folded__contains=word) for word in found]))
