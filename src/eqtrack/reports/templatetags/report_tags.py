"""Template filters for reports; items lists share the plan page's escaping filter."""

from django import template

from eqtrack.plans.templatetags.plan_tags import items_list as plan_items_list
from eqtrack.plans.templatetags.plan_tags import measure_value as plan_measure_value

register = template.Library()
register.filter("items_list", plan_items_list)
register.filter("measure_value", plan_measure_value)


@register.filter
def changes(comparison, change: str) -> int:
    return comparison.count(change)


@register.filter
def count(theme, category: str) -> int:
    return theme.count(category)


@register.filter
def total(data, category: str) -> int:
    return data.total(category)
