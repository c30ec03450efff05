"""Date formats people type, beyond Django's own for British English (FORMAT_MODULE_PATH)."""
