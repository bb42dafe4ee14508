"""Exceptions shared by every GeoInverse method.

`InputError` carries a message written for the person who chose the input: what is
wrong and how to fix it.  The Processing glue turns it into a QgsProcessingException;
scripts see it as a ValueError.
"""


class InputError(ValueError):
    """The input cannot be processed as given; the message says why and what to do."""


class Cancelled(RuntimeError):
    """The user asked to stop; whatever was being written has been removed."""


def check_choice(name, value, allowed):
    """Raise InputError unless `value` is one of `allowed`; return it otherwise."""
    if value not in allowed:
        listed = ", ".join(str(a) for a in allowed)
        raise InputError(f"{name} must be one of {listed} (got {value!r}).")
    return value
