"""Writes about surveys, one module an area (building, responding, results, themes, polls);
each function keyword-only, named <thing>_<verb>, in a transaction."""
