"""Reads about surveys, one module an area; every selector takes the organisation."""
