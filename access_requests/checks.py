"""Start-up checks: every catalogued notice's agency has request time limits, and every
identifier a notice retrieves by is decided (plain words or not requester-knowable)."""

from __future__ import annotations

from django.core import checks

from access_requests.clocks import agencies_without_clocks
from access_requests.identifiers import unmapped_identifiers
from sorn.catalogue import NOTICES


@checks.register("access_requests")
def check_request_rules(app_configs=None, notices=None, **kwargs) -> list[checks.CheckMessage]:
    notices = NOTICES if notices is None else notices
    errors: list[checks.CheckMessage] = []
    for agency in agencies_without_clocks(n.agency for n in notices):
        errors.append(
            checks.Error(
                f"No Privacy Act request time limits for the agency {agency!r}.",
                hint="Add its rules to access_requests/clocks.py (AGENCY_CLOCKS).",
                id="access_requests.E001",
            )
        )
    for notice in notices:
        paths = [{"identifiers": p.identifiers} for p in notice.retrievability]
        for identifier in unmapped_identifiers(paths):
            errors.append(
                checks.Error(
                    f"{notice.number} retrieves by {identifier!r}, which "
                    "access_requests/identifiers.py does not decide.",
                    hint="Add it to IDENTIFIER_WORDS: plain words, or None if a requester "
                    "cannot know it (and say why).",
                    id="access_requests.E002",
                )
            )
    return errors
