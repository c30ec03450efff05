"""Signals a reporting round sends for apps above it (notifications e-mails the people
concerned), so that rounds need not import them. Each is sent once the change is committed
(core.signals.send_on_commit): a rolled-back change tells nobody. Every one carries `user`, who did it."""

from __future__ import annotations

from django.dispatch import Signal

# Keyword `round`: an administrator opened it.
round_opened = Signal()
# Keyword `round`: an administrator closed it.
round_closed = Signal()
# Keyword `update`: its owner sent it to the reviewers.
update_submitted = Signal()
# Keywords `update` and `comment`: a reviewer sent it back to its owner. (An approval is
# plans.signals.update_approved, which plans sends too.)
update_returned = Signal()
