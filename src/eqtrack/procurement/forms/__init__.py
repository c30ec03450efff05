"""The procurement forms, one module per area."""
