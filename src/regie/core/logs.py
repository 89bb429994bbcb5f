"""Logging filters.

A refused request (403, 404, 400) is normal operation: Django's ``django.request`` logger
attaches the exception's traceback to its warning, which fills the log with tracebacks that
explain nothing. The audit log holds the denial itself; the server log gets one line.
"""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
