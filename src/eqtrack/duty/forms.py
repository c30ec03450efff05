"""The form of the duty record page: the two dates an administrator records, each optional
(an empty one leaves what was recorded as it is)."""

from __future__ import annotations

from eqtrack.core.date_input import DateInputField
from eqtrack.core.forms import GovukForm


class DutyRecordForm(GovukForm):
    information_published_on = DateInputField(
        label="Equality information last published",
        required=False,
        help_text="The day the council last published the information that shows how it meets "
        "the general equality duty. For example, 1 12 2025",
    )
    objectives_set_on = DateInputField(
        label="Equality objectives last set",
        required=False,
        help_text="The day the council last published its equality objectives. "
        "For example, 15 12 2022",
    )
