"""OWASP "CSV Injection": a cell beginning with =, +, -, @, a tab or a carriage return is
prefixed with a single quote; numbers (-5 from an integer column) are numbers, not
formulas, and are written as they are."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from lib.spreadsheet import safe_cell, write_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Text beginning with a formula trigger: prefixed.
        ("=1+cmd|' /C calc'!A0", "'=1+cmd|' /C calc'!A0"),
        ('=HYPERLINK("http://x.example")', '\'=HYPERLINK("http://x.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # A number written as text is text: the function cannot tell "-5" from "-5+cmd".
        ("-5", "'-5"),
        ("+15551234567", "'+15551234567"),
        # Anything else as it is, including triggers that are not at the start.
        ("clerk", "clerk"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("'quoted", "'quoted"),
        ("", ""),
        ("\n=1", "\n=1"),
        # None is an empty cell.
        (None, ""),
        # Numbers stay numbers, negative ones included.
        (-5, "-5"),
        (0, "0"),
        (42, "42"),
        (-2.5, "-2.5"),
        (Decimal("-12.50"), "-12.50"),
        (Decimal("-1E+5"), "-1E+5"),
        (True, "True"),
        # Not finite: rendered as text, and checked as text.
        (float("-inf"), "'-inf"),
        (Decimal("-Infinity"), "'-Infinity"),
        (float("nan"), "nan"),
        # Other values are rendered, then checked as text.
        (datetime.date(2024, 2, 29), "2024-02-29"),
        (datetime.timedelta(days=-1), "'-1 day, 0:00:00"),
        ([1, 2], "[1, 2]"),
        (["email"], "['email']"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_write_csv_writes_every_cell_through_safe_cell():
    out = io.StringIO()
    write_csv(out, ["id", "=header"], [[1, "=1+1"], [-5, None], [Decimal("-3.10"), "@x"]])
    assert out.getvalue() == (
        "id,'=header\r\n"
        "1,'=1+1\r\n"
        "-5,\r\n"
        "-3.10,'@x\r\n"
    )  # fmt: skip
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["id", "'=header"],
        ["1", "'=1+1"],
        ["-5", ""],
        ["-3.10", "'@x"],
    ]


def test_write_csv_quotes_what_csv_must_quote():
    out = io.StringIO()
    write_csv(out, ["a"], [["=1,2"], ['say "hi"'], ["line\nbreak"]])
    assert out.getvalue() == 'a\r\n"\'=1,2"\r\n"say ""hi"""\r\n"line\nbreak"\r\n'
