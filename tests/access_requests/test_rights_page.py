"""The public rights page, /privacy/: the four kinds of request, what each system holds and
what a request to it must give, the time limits with their citations, the false-pretenses
warning (5 U.S.C. 552a(i)(3)) and appeals. Expected values are written out here, not taken
from the code that renders them."""

import re
from html import unescape

import pytest

from tests.sorn.test_notice_pages import assert_accessible_structure, outline, text_of

pytestmark = pytest.mark.django_db

SLUGS = ("usps-810-300", "usps-820-100", "usps-890-000", "mint-009")


@pytest.fixture
def page(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    return response


def section(html: str, section_id: str) -> str:
    """The HTML of the <section id=...> up to its first nested </section>."""
    match = re.search(rf'<section id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


def identifiers_asked(html: str, slug: str) -> list[str]:
    items = re.search(r'<ul class="identifiers">(.*?)</ul>', section(html, slug), re.S)
    assert items, f"no identifiers listed for {slug}"
    return [unescape(li) for li in re.findall(r"<li>(.*?)</li>", items.group(1))]


def table_rows(html: str) -> list[str]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", row))).strip() for row in rows]


def test_answers_anonymously_with_one_h1_and_no_skipped_heading_levels(page):
    assert not page.wsgi_request.user.is_authenticated
    structure = assert_accessible_structure(page.content.decode())
    assert structure.headings[0] == 1
    assert structure.headings.count(1) == 1
    # h1, then h2 sections, h3 per kind / system / agency, h4 inside a system.
    assert set(structure.headings) == {1, 2, 3, 4}


def test_says_what_each_kind_of_request_does(page):
    text = text_of(page)
    assert "Notification: am I in this system?" in text
    assert "Access: a copy of my records" in text
    assert "5 U.S.C. 552a(d)(1)" in text
    assert "Amendment: a correction" in text
    assert "5 U.S.C. 552a(d)(2)" in text
    assert "Accounting of disclosures: who my records were given to" in text
    assert "5 U.S.C. 552a(c)(3)" in text


def test_lists_the_four_systems_by_number(page):
    text = text_of(page)
    for heading in (
        "USPS 810.300, Offline Registration, Payment, and Fulfillment",
        "USPS 820.100, Mailer Services — Applications and Approvals",
        "USPS 890.000, Sales, Marketing, Events, and Publications",
        "Treasury/United States Mint .009, Order Management System",
    ):
        assert heading in text
    links = outline(page.content.decode()).links
    for slug in SLUGS:
        assert f"/systems/{slug}/" in links


def test_each_system_says_what_it_holds(page):
    html = page.content.decode()
    assert "<li>Payment information</li>" in section(html, "usps-810-300")
    assert "<li>Mail practices and delivery information</li>" in section(html, "usps-820-100")
    assert "<li>Device data from web-based meetings and web conferences</li>" in section(
        html, "usps-890-000"
    )
    assert "<li>Gift recipients</li>" in section(html, "mint-009")


def test_usps_820_100_asks_for_name_customer_id_and_logon_id(page):
    assert identifiers_asked(page.content.decode(), "usps-820-100") == [
        "name",
        "customer ID",
        "logon ID",
    ]


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "usps-810-300",
            [
                "name",
                "customer ID",
                "phone number",
                "mailing address",
                "e-mail address",
                "order number",
            ],
        ),
        ("usps-820-100", ["name", "customer ID", "logon ID"]),
        (
            "usps-890-000",
            [
                "name",
                "customer ID",
                "mailing address",
                "e-mail address",
                "phone number",
                "company name (for business records)",
                "meeting ID",
                "name of the meeting's host",
                "e-mail address of the meeting's host",
                "name of the organizer (for collaboration and messaging records)",
            ],
        ),
        (
            "mint-009",
            [
                "name",
                "mailing address",
                "phone number",
                "e-mail address",
                "customer number",
                "order number",
                "order date",
                "shipment tracking number",
            ],
        ),
    ],
)
def test_identifiers_each_system_asks_for(page, slug, expected):
    assert identifiers_asked(page.content.decode(), slug) == expected


def test_the_mint_does_not_ask_for_what_only_the_mint_knows(page):
    asked = " ".join(identifiers_asked(page.content.decode(), "mint-009")).lower()
    for internal in ("flag", "segment", "brows", "preference", "user id", "internal"):
        assert internal not in asked


def test_usps_890_000_does_not_ask_for_industry_codes(page):
    asked = " ".join(identifiers_asked(page.content.decode(), "usps-890-000"))
    assert "SIC" not in asked and "NAICS" not in asked and "industry" not in asked


@pytest.mark.parametrize(
    ("slug", "regulation", "procedure_words"),
    [
        ("usps-810-300", "39 CFR 266.6", "Inquiries must contain name, address, and other"),
        ("usps-820-100", "39 CFR 266.6", "Inquiries should contain name, customer ID(s), if any"),
        ("usps-890-000", "39 CFR 266.5", "Chief Customer and Marketing Officer"),
        ("mint-009", "31 CFR Part 1, subpart C, appendix H", "Disclosure Officer, United States"),
    ],
)
def test_each_system_gives_its_procedure_and_regulation(page, slug, regulation, procedure_words):
    html = section(page.content.decode(), slug)
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert f"the notice cites: {regulation}." in text
    assert procedure_words in text
    assert f'href="/systems/{slug}/#notification-procedure"' in html


def test_links_to_the_request_form(page):
    assert "Make a request online , or write to the office each system's notice names" in (
        text_of(page)
    )
    assert 'href="/privacy/requests/new/"' in page.content.decode()


def test_time_limits_with_their_citations(page):
    html = page.content.decode()
    usps = table_rows(section(html, "time-limits-the-postal-service"))
    assert usps[1:] == [
        "The Postal Service must acknowledge your request. 10 working days "
        "The request is received 39 CFR 266; 5 U.S.C. 552a(d)",
        "The Postal Service must decide a request to amend (correct) a record. 30 working days "
        "The amendment request is received 39 CFR 266; 5 U.S.C. 552a(d)",
        "The Postal Service must tell those who were earlier given the record of the amendment "
        "or of your statement of disagreement. 30 days The record is amended or the statement "
        "of disagreement is filed 39 CFR 266.3(c)",
    ]
    mint = table_rows(section(html, "time-limits-the-mint"))
    assert len(mint) == 6
    assert mint[1].startswith("The Mint must decide whether to grant access.")
    assert mint[1].endswith(
        "30 working days The request is complete (31 CFR 1.26(f)) 31 CFR 1.26(g)(1)"
    )
    assert mint[2].endswith(
        "10 working days The amendment request is complete (31 CFR 1.27(a)) 31 CFR 1.27"
    )
    assert mint[3] == (
        "You may file an appeal if you disagree with the decision. 35 days The decision "
        "31 CFR 1.27(e)"
    )
    assert mint[4].endswith("10 working days The appeal is received 31 CFR 1.27(e)")
    assert mint[5] == (
        "The Mint must decide your appeal. The time may be extended for good cause. "
        "30 working days The appeal is received 31 CFR 1.27(e)"
    )
    assert "working days are weekdays, not counting U.S. federal holidays" in text_of(page)


def test_false_pretenses_warning(page):
    text = re.sub(
        r"\s+",
        " ",
        unescape(re.sub(r"<[^>]+>", " ", section(page.content.decode(), "false-pretenses"))),
    )
    assert "under false pretenses is guilty of a misdemeanor" in text
    assert "fined up to $5,000" in text
    assert "5 U.S.C. 552a(i)(3)" in text


def test_how_to_appeal(page):
    text = re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", section(page.content.decode(), "appeals")))
    )
    assert "Appeal in writing to the General Counsel of the Postal Service (39 CFR 266)." in text
    assert "Appeal in writing to the Mint within 35 days of the decision" in text
    assert "(31 CFR 1.27(e))." in text


def test_main_navigation_marks_the_rights_page_current(page):
    assert re.search(r'<a href="/privacy/" aria-current="page"[ >]', page.content.decode())
