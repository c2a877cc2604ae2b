"""Logging for a public site: a bad query string is the client's mistake, worth one line."""

import logging


class OneLineForBadRequests(logging.Filter):
    """Drop the traceback from records of 400 responses (BadRequest, TooManyFieldsSent…).

    Django logs them at WARNING (or ERROR, for django.security) with the exception
    attached; the message already names the fault and the path.
    """

    def filter(self, record):
        if getattr(record, "status_code", None) == 400:
            record.exc_info = None
            record.exc_text = None
        return True
