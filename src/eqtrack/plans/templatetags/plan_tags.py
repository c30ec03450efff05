"""Template filters for plan pages: progress items as nested lists, statuses as tags.

Plan text is always escaped: nothing a user or an imported document wrote is rendered as markup.
"""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from eqtrack.plans.models import StatusCategory
from eqtrack.plans.selectors import action_trends, period_round_open
from eqtrack.plans.selectors import latest_reported as _latest_reported

register = template.Library()

_TAG_COLOURS: dict[str, str] = {
    StatusCategory.COMPLETE: "govuk-tag--green",
    StatusCategory.ON_TRACK: "govuk-tag--turquoise",
    StatusCategory.AT_RISK: "govuk-tag--yellow",
    StatusCategory.OFF_TRACK: "govuk-tag--red",
    StatusCategory.NOT_STARTED: "govuk-tag--grey",
    StatusCategory.ONGOING: "govuk-tag--blue",
    StatusCategory.NOT_CARRIED_FORWARD: "govuk-tag--orange",
    StatusCategory.WATCHING_BRIEF: "govuk-tag--purple",
    StatusCategory.SUPERSEDED: "govuk-tag--grey",
}


def _item(item: Any, size: str) -> SafeString:
    # A small list's items sit closer, as GOV.UK's lists do on a phone.
    tag = SafeString('<li class="govuk-!-margin-bottom-0">' if size == "small" else "<li>")
    if isinstance(item, dict):
        return format_html(
            "{}{}{}</li>", tag, item.get("text", ""), items_list(item.get("items", []), size)
        )
    return format_html("{}{}</li>", tag, item)


# The list sizes a page may ask for, as GOV.UK's font size override.
_LIST_SIZES = {"": "", "small": " govuk-!-font-size-16"}


@register.filter
def items_list(items: list[Any], size: str = "") -> SafeString:
    """A plan-format item list as a bulleted list, nested items nested; `size` "small" sets
    it in GOV.UK's small body size (16 px), as the plan page sets reported progress."""
    if not items:
        return SafeString("")
    return format_html(
        '<ul class="govuk-list govuk-list--bullet{}">{}</ul>',
        _LIST_SIZES.get(size, ""),
        format_html_join("", "{}", ((_item(i, size),) for i in items)),
    )


@register.filter
def status_tag_class(category: str | None) -> str:
    return _TAG_COLOURS.get(category, "govuk-tag--grey") if category else "govuk-tag--grey"


@register.filter
def status_label(category: str | None) -> str:
    return (
        StatusCategory(category).label if category in StatusCategory.values else "Not categorised"
    )


@register.filter
def status_rest(update: Any) -> str:
    """The status in the writer's words, less the category's name where the words begin with
    it, to follow the category: "On track: training booked" after "On track" reads "training
    booked", not "On track On track: training booked"."""
    words = (getattr(update, "status_text", None) or "").strip()
    label = status_label(getattr(update, "status_category", None))
    after = words[len(label) :]
    # Only the whole word: "Completed in March" is not "Complete" followed by "d in March".
    if words.lower().startswith(label.lower()) and not (after[:1].isalnum()):
        return after.lstrip(" :/-–—,.")
    return words


@register.filter
def latest_reported(action: Any) -> Any:
    return _latest_reported(action)


@register.filter
def round_open(period: Any) -> bool:
    return period_round_open(period)


@register.filter
def trends(action: Any) -> list:
    return action_trends(action)


@register.filter
def measure_value(value: float, unit: str) -> str:
    """A measure as a reader expects it: 1,453; 77%; £58,429."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return {"percent": f"{number}%", "gbp": f"£{number}"}.get(unit, number)


@register.filter
def theme_count(theme: Any, category: str) -> int:
    return theme.count(category)


@register.filter
def in_set(value, collection) -> bool:
    """`pk|in_set:ids`, for passing "is it in there" to an include."""
    return value in (collection or ())
