"""Writes of the procurement app, one module per area: library, tenders, evaluation, delivery."""
