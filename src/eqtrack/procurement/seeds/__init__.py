"""The data the procurement app is seeded with (ppn002.json)."""
