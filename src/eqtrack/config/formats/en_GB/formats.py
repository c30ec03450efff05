"""British English input formats: officers type "31 March 2027" or "31/3/2027" as often as
"31/03/2027", and a date field should take any of them rather than answer "Enter a valid
date". Django's own en_GB formats (used for everything not set here) take only digits."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 31/03/2027 (and 31/3/2027)
    "%d/%m/%y",  # 31/03/27
    "%d %B %Y",  # 31 March 2027
    "%d %b %Y",  # 31 Mar 2027
    "%d %B, %Y",  # 31 March, 2027
    "%d-%m-%Y",  # 31-03-2027
    "%d.%m.%Y",  # 31.03.2027
    "%Y-%m-%d",  # 2027-03-31
]
