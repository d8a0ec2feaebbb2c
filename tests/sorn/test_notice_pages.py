"""The public notice pages: every section of every notice, rendered from the catalogue,
as accessible HTML."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from sorn import catalogue
from sorn.presentation import SECTIONS, notice_sections
from tests.sorn.test_notices_as_published import SEEDS

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """Collects landmarks, heading levels and link targets of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.links: list[str] = []
        self.ids: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("id"):
            self.ids.append(attrs["id"])


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def assert_accessible_structure(html: str) -> Outline:
    page = outline(html)
    assert page.lang == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, f"no <{landmark}> landmark"
    assert page.headings.count(1) == 1, "exactly one h1"
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    assert "#main" in page.links, "skip link to the main content"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    return page


def text_of(response) -> str:
    """The page's text, tags removed and whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(without_tags))


def test_home_links_to_systems_and_requests(client):
    response = client.get("/")
    assert response.status_code == 200
    page = assert_accessible_structure(response.content.decode())
    assert "/systems/" in page.links
    assert "/requests/" in page.links
    assert "Systems of records" in response.text and "Privacy Act requests" in response.text


def test_system_list_names_all_four_systems(client):
    response = client.get("/systems/")
    assert response.status_code == 200
    page = assert_accessible_structure(response.content.decode())
    for notice in catalogue.NOTICES:
        assert f"/systems/{notice.slug}/" in page.links
        assert notice.number in text_of(response)


@pytest.mark.parametrize("notice", catalogue.NOTICES, ids=lambda n: n.slug)
def test_notice_page_renders_every_section(client, notice):
    response = client.get(f"/systems/{notice.slug}/")
    assert response.status_code == 200
    assert_accessible_structure(response.content.decode())
    text = text_of(response)
    shown = notice_sections(notice.as_document())
    for section in shown:
        assert section.heading in text, f"section {section.key} missing"
    # The sections every notice carries are all there, in the notice's order.
    positions = [text.index(s.heading) for s in shown]
    assert positions == sorted(positions)
    assert len(shown) >= len([k for k, _, _ in SECTIONS if k not in {"exemptions", "history"}]) - 2
    assert notice.system_location in text
    assert notice.authority in text
    assert notice.routine_uses.text in text
    for purpose in notice.purposes:
        assert purpose.text in text
    for category in notice.record_categories:
        assert f"{category.name}: {category.description}" in text.replace(" :", ":")
    for path in notice.retrievability:
        assert path.text in text
    for rule in notice.retention_rules:
        assert rule.source_text in text
    for paragraph in notice.safeguards:
        assert paragraph in text
    for procedure in (
        notice.notification_procedure,
        notice.record_access_procedure,
        notice.contesting_procedure,
    ):
        assert procedure in text


def test_retention_periods_are_shown_in_words(client):
    text = text_of(client.get("/systems/usps-890-000/"))
    assert "24 months after the event it records" in text
    assert "until the customer ceases to participate" in text
    assert "3 years after the relationship ends" in text
    mint = text_of(client.get("/systems/mint-009/"))
    assert "kept without disposition authority" in mint


@pytest.mark.parametrize("url", ["/systems/no-such-system/", "/systems/usps-810-300/revisions/9/"])
def test_unknown_system_or_revision_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("notice", catalogue.NOTICES, ids=lambda n: n.slug)
def test_transcription_notes_stand_apart_at_the_end(client, notice):
    html = client.get(f"/systems/{notice.slug}/").content.decode()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    about = html.index('<section id="about-this-transcription"')
    # After every section of the notice (and its revisions), not among them.
    assert about > html.index('<section id="history"' if notice.history else 'id="contesting')
    assert "Notes on this transcription" not in text[: text.index("About this transcription")]
    for note in notice.editorial_notes:
        assert html.index(note.replace("'", "&#x27;")) > about


def test_the_mint_says_its_system_manager_is_not_published_and_gives_the_disclosure_officer(
    client,
):
    # Treasury/Mint .009 (FR Doc. 2014-19712), notification procedure: requests go to the
    # "System Manager and Address" described above, a section this notice of altered
    # system omits; it names the Disclosure Officer for guidance on where to send requests.
    address = "Disclosure Officer, United States Mint, 801 9th Street, NW, Washington DC 20220"
    seed = (SEEDS / "treasury-mint-009-order-management-system.txt").read_text(encoding="utf-8")
    assert address in seed
    for url in ("/systems/mint-009/", "/privacy/"):
        text = text_of(client.get(url))
        assert "The “System Manager and Address” described above is not in this notice." in text
        assert (
            "The address the notice does publish, for “Requests for information or specific "
            f"guidance on where to send records requests”: {address}"
        ) in text
    # No other notice has one.
    assert "is not in this notice" not in text_of(client.get("/systems/usps-820-100/"))
