"""The one error type the importing app raises for bad input; its message is shown as it is."""


class ImportingError(ValueError):
    """Input eqtrack cannot use; the message names the file, line or field."""


class FileRefused(ImportingError):
    """A file eqtrack will not use at all (damaged, hostile, oversized, or not a plan): an
    uploaded copy of it is deleted at once, not kept for another try."""
