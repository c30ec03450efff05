"""Signals the accounts app sends for apps above it to act on, so it need not import them."""

from django.dispatch import Signal

# Sent (keywords `team`, `into`, `user`) inside the transaction that merges `team` into `into`:
# each app owning records with a team moves them to `into`, recorded as done by `user`.
team_merged = Signal()
