"""CSV cells no spreadsheet evaluates: OWASP's guidance on CSV injection."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Text as a spreadsheet shows it: a leading formula character is escaped with a
    single quote. Numbers stay numbers (-5 from an integer column is not a formula)."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(out, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> None:
    writer = csv.writer(out)
    writer.writerow([safe_cell(v) for v in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
