"""The importing app's own error for bad input; a refused file is core.files.FileRefused."""

from eqtrack.core.files import InputError


class ImportingError(InputError):
    """Input the importer cannot use (options, links, an expired upload); the message names
    the file, line or field and is shown as it is."""
