"""Cells for spreadsheets: text that a spreadsheet would run as a formula is neutralised.

OWASP, "CSV Injection": a cell whose text begins with `=`, `+`, `-`, `@`, a tab or a
carriage return is read by Excel, LibreOffice and Google Sheets as a formula (which can
run commands through DDE or send data out through links); prefixing it with a single
quote makes the spreadsheet show it as text.

A spreadsheet whose locale separates lists with ";" (where "," is the decimal mark, as in
most of Europe) splits each line of a .csv at every ";", quoted or not, so each ";" in
a cell's text starts a cell of its own there: a trigger right after one gets the same
single quote.

Numbers are left as they are: -5 from an integer column, or Decimal("-12.50") from an
amount, is a number, not a formula, and stays "-5" / "-12.50". Only text (and any other
value once rendered as text, a date or a list) is checked. A number given as text ("-5")
is text and is prefixed, because the function cannot tell it from "-1+cmd|...".
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A ";" followed by a trigger (after any quotes, which such a spreadsheet reads as the
# cell's quoting): where ";" separates cells, a formula starts there.
_TRIGGER_AFTER_SEMICOLON = re.compile(r';(?="*[=+\-@\t\r])')


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def _is_number(value: object) -> bool:
    """An int, a finite float or Decimal (bool is an int, and renders as True/False).
    Infinities and NaN render as "-inf", "-Infinity", "NaN": checked as text."""
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    return False


def safe_cell(value: object) -> str:
    """The text of one cell: None is empty, numbers as they are, and text that begins
    with a formula trigger, or has one right after a ";", gets a single quote there."""
    if value is None:
        return ""
    text = str(value)
    if _is_number(value):
        return text
    text = _TRIGGER_AFTER_SEMICOLON.sub(";'", text)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def write_csv(
    response_or_file: Writable, header: Iterable[object], rows: Iterable[Iterable[object]]
) -> None:
    """Write a header and rows as CSV (an HttpResponse or any text file), every cell
    through safe_cell."""
    writer = csv.writer(response_or_file)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
