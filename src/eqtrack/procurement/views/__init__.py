"""The procurement pages, one module per area: library, tenders, evaluation, delivery."""
