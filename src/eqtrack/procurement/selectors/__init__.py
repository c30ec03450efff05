"""Reads of the procurement app, one module per area; every one takes the organisation."""
