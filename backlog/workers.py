"""How many processes serve the site: gunicorn.conf.py starts that many workers, and
`stretches.checks` refuses a cache only one process sees when it is more than one."""

import os


def web_concurrency():
    """WEB_CONCURRENCY, or 3 (`make serve`'s default)."""
    return int(os.environ.get("WEB_CONCURRENCY", "3"))
