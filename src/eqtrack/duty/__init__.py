"""The duty calendar: when a council must next publish what the Public Sector Equality Duty asks
of it, and the warnings (on its pages and by e-mail) as each date comes near or passes."""
