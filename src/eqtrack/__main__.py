"""Lets `python -m eqtrack` run the same command line as `eqtrack`."""

from eqtrack.cli import main

main()
