"""Which kind of Privacy Act request a free-text description asks for, when the channel
does not say (FOIA.gov's Agency API has no such field). A guess for staff to correct,
recorded as one in the request's history.

The rule, in order; the first that matches decides:
1. amendment (5 U.S.C. 552a(d)(2)): the words ask for a change: "amend", "amendment",
   "correct my / the / this / these", "correction", "inaccurate", "incorrect",
   "erroneous", "rectify";
2. accounting of disclosures (5 U.S.C. 552a(c)(3)): "accounting of disclosures",
   "list / record / log of disclosures", or "to whom" with "disclosed";
3. notification (5 U.S.C. 552a(f)(1)): "whether" with "records" or "information" about
   the requester, or "do you have / hold / maintain ... records", and no word asking for a
   copy ("copy", "copies", "access to", "send me", "provide me");
4. otherwise access (5 U.S.C. 552a(d)(1)): what most requests through the portal ask.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from access_requests.models import RequestKind


class KindGuess(NamedTuple):
    kind: RequestKind
    # The words that decided it (from the rule, never the requester's text), or "" for
    # the default.
    matched: str


_AMENDMENT = re.compile(
    r"\b(amend(?:ed|ing|ment|ments)?|correct (?:my|the|this|these|those|it|them)"
    r"|corrections?|inaccura(?:te|cy|cies)|incorrect|erroneous|rectif(?:y|ied|ication))\b"
)
_ACCOUNTING = re.compile(
    r"\b(accounting of (?:the |any |all )?disclosures?"
    r"|(?:list|record|log|accounting) of (?:the |any |all )?disclosures?"
    r"|to whom\b.*\bdisclosed|disclosed\b.*\bto whom)\b",
    re.DOTALL,
)
_NOTIFICATION = re.compile(
    r"\b(whether\b.*\b(?:records?|information)"
    r"|do you (?:have|hold|maintain|keep)\b.*\brecords?)\b",
    re.DOTALL,
)
_COPY = re.compile(r"\b(cop(?:y|ies)|access to|send me|provide me)\b")


def kind_from_description(text: str) -> KindGuess:
    """The kind the description asks for, by the rule of this module's docstring."""
    words = " ".join(text.split()).casefold()
    if match := _AMENDMENT.search(words):
        return KindGuess(RequestKind.AMENDMENT, match.group(1))
    if match := _ACCOUNTING.search(words):
        return KindGuess(RequestKind.ACCOUNTING, "accounting of disclosures")
    if (match := _NOTIFICATION.search(words)) and not _COPY.search(words):
        return KindGuess(RequestKind.NOTIFICATION, "whether records are held")
    return KindGuess(RequestKind.ACCESS, "")
