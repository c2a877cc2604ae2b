"""The bench's ceiling: a bare Django project serving one tiny template.

Only `SecurityMiddleware` and `CommonMiddleware`, no database, no app: what Django itself
costs per request under the same gunicorn settings (`benchmarks.run` serves it with the
project's gunicorn.conf.py and the same flags). Every page of the table is reported
against it as well as against the in-stack baseline (`benchmarks/urls.py`).
"""
