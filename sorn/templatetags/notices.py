from django import template

from sorn.periods import retention_in_words

register = template.Library()


@register.filter
def retention_words(period: str | None, anchor: str) -> str:
    """`{{ rule.period|retention_words:rule.anchor }}`: sorn.periods.retention_in_words."""
    return retention_in_words(period, anchor)
