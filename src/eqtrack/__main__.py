"""Lets `python -m eqtrack` run the same command line as `eqtrack`."""

from eqtrack.cli import main

# Guarded: worker processes (PDF reading) import this module again and must not re-run it.
if __name__ == "__main__":
    main()
