"""The kind of a request whose channel does not say (FOIA.gov): access_requests/kinds.py's
keyword rule, in order: amendment (5 U.S.C. 552a(d)(2)), accounting of disclosures
(552a(c)(3)), notification (552a(f)(1)), else access (552a(d)(1))."""

import pytest

from access_requests.kinds import kind_from_description


@pytest.mark.parametrize(
    ("description", "kind", "matched"),
    [
        ("I am seeking records pertaining to ...", "access", ""),
        ("Please send me a copy of all records about me.", "access", ""),
        ("", "access", ""),
        ("Please AMEND my address: it is wrong.", "amendment", "amend"),
        ("I request an amendment of my mailer application.", "amendment", "amendment"),
        ("Correct my date of birth in the order file.", "amendment", "correct my"),
        ("My phone number on file is inaccurate.", "amendment", "inaccurate"),
        ("The record of my payment is incorrect and I want a copy.", "amendment", "incorrect"),
        ("Is the information correct? Send me a copy.", "access", ""),
        ("I ask for an accounting of disclosures of my records.", "accounting",
         "accounting of disclosures"),
        ("Please give me the list of disclosures made from my file.", "accounting",
         "accounting of disclosures"),
        ("To whom has my information been disclosed?", "accounting",
         "accounting of disclosures"),
        ("I would like to know whether you hold records about me.", "notification",
         "whether records are held"),
        ("Do you have any records\non me in the Mint's order system?", "notification",
         "whether records are held"),
        ("Tell me whether you hold records about me and send me copies.", "access", ""),
        ("Please amend the accounting of disclosures.", "amendment", "amend"),
        ("I disclosed my address to you last year; I want my records.", "access", ""),
    ],
    ids=["spec example", "copy", "empty", "amend upper case", "amendment", "correct my",
         "inaccurate", "incorrect wins over copy", "correct as adjective", "accounting",
         "list of disclosures", "to whom disclosed", "whether", "do you have, two lines",
         "whether with copies", "amendment first", "disclosed without to whom"],
)  # fmt: skip
def test_the_keyword_rule(description, kind, matched):
    guess = kind_from_description(description)
    assert (guess.kind.value, guess.matched) == (kind, matched)
