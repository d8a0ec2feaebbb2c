"""Synthetic order records for the demo people of USPS 810.300 and Treasury/Mint .009.

Called once per chunk of new people (sorn.demo.seed_demo_records), after customers.demo
has saved them and their relationships. About three rows per relationship on average: an
order with one item and one payment for most, and now and then an ACH debit, a shipment,
a status inquiry, a claim, a bad check, a chat, a call, browsing events, a segment. Dates
fall within each relationship, so some records are years old (due for destruction where a
rule allows) and some recent. The product catalogue and the Mint's staff users are
reference data, created once.
"""

from lib.demo import DemoContext
from orders.demo.mint import seed_mint
from orders.demo.offline import seed_offline
from sorn.constants import SystemSlug


def seed(ctx: DemoContext) -> None:
    """Called by sorn.demo once per chunk of new people, after customers.demo."""
    seed_offline(ctx, ctx.relationships.get(SystemSlug.USPS_810_300, []))
    seed_mint(ctx, ctx.relationships.get(SystemSlug.MINT_009, []))
