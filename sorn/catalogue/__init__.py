"""The catalogue: each published system-of-records notice as data.

One module per notice; `NOTICES` lists them in the order the service presents them.
Everything else (models, policy, retention, public pages, API) asks this package, or the
revisions `load_catalogue` stores from it, what a notice says. `audit_records` holds the
one rule no notice publishes: how long the audit records themselves are kept.
"""

from sorn.catalogue import audit_records, mint_009, usps_810_300, usps_820_100, usps_890_000
from sorn.catalogue.schema import Notice

NOTICES: tuple[Notice, ...] = (
    usps_810_300.NOTICE,
    usps_820_100.NOTICE,
    usps_890_000.NOTICE,
    mint_009.NOTICE,
)

# Not a notice's: the agency's rule for its audit records (sorn/catalogue/audit_records.py).
AUDIT_RETENTION_RULES = audit_records.RULES


def get_notice(slug: str) -> Notice:
    for notice in NOTICES:
        if notice.slug == slug:
            return notice
    raise KeyError(f"no system of records with slug {slug!r}")
