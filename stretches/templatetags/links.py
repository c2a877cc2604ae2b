from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def http_url(url):
    """`url` when it is an http(s) link, else "" — so a `javascript:` URL saved outside a
    form (a fixture, an import, the ORM) is never rendered as a link."""
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return ""
    return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""
