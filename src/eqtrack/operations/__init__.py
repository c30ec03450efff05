"""Running an eqtrack site: backing its database up and restoring it."""
