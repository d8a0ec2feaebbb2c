"""The browser tests' own tools work: axe-core reports a violation it must see (so a
clean result elsewhere means something), and the upload fixtures are files the request
form accepts (access_requests.documents reads the type from the content)."""

import struct
import zlib

from access_requests.documents import checked_type
from tests.browser.support import BROWSER_DB, axe_violations, describe_violations


@BROWSER_DB
def test_axe_reports_missing_alt_text_and_language(page):
    page.set_content("<html><head><title>t</title></head><body><img src='x.png'></body></html>")
    violations = axe_violations(page)
    assert {v["id"] for v in violations} >= {"image-alt", "html-has-lang"}
    report = describe_violations(violations)
    assert "image-alt [critical] Images must have alternative text" in report
    assert "    img" in report


def test_pdf_file_is_a_small_pdf_the_form_accepts(pdf_file):
    content = pdf_file.read_bytes()
    assert checked_type(content) == "application/pdf"
    assert len(content) < 1024
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    # The cross-reference table points at each object.
    xref = int(content.rsplit(b"startxref\n", 1)[1].split()[0])
    assert content[xref:].startswith(b"xref\n")
    entries = content[xref:].split(b"\n")[3:6]
    for number, entry in enumerate(entries, start=1):
        assert content[int(entry.split()[0]) :].startswith(b"%d 0 obj" % number)


def test_png_file_is_a_one_pixel_png_the_form_accepts(png_file):
    content = png_file.read_bytes()
    assert checked_type(content) == "image/png"
    width, height = struct.unpack(">II", content[16:24])
    assert (width, height) == (1, 1)
    idat = content.index(b"IDAT")
    length = struct.unpack(">I", content[idat - 4 : idat])[0]
    assert zlib.decompress(content[idat + 4 : idat + 4 + length]) == b"\x00\xff\xff\xff"
