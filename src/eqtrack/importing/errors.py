"""The one error type the importing app raises for bad input; its message is shown as it is."""


class ImportingError(ValueError):
    """Input eqtrack cannot use; the message names the file, line or field."""
