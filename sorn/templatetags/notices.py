from django import template

from sorn.constants import RetentionAnchor
from sorn.periods import describe_period

register = template.Library()


@register.filter
def period_words(period: str | None) -> str:
    return describe_period(period)


@register.filter
def anchor_words(anchor: str) -> str:
    try:
        return RetentionAnchor(anchor).label
    except ValueError:
        return anchor
