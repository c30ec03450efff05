"""Signals the plans app sends for apps above it to act on, so it need not import them."""

from django.dispatch import Signal

# Sent (keyword `update`) once an update's approval is committed, by plans.services (a restored
# text approved) and rounds.services (a round's review); notifications e-mails its followers.
update_approved = Signal()
