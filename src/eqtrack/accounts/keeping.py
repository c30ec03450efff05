"""Old name of kept_forms: the views still import from here until the views restructuring lands."""

# TODO(issue 13): remove once every views.py imports eqtrack.accounts.kept_forms.
from eqtrack.accounts.kept_forms import KEPT, form_data, signed_in

__all__ = ["KEPT", "form_data", "signed_in"]
