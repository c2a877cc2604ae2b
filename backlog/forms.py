"""What every app's forms share: labels as the site writes them."""


class PlainLabels:
    """A form mixin: labels without Django's trailing colon ("Invitation code", not
    "Invitation code:"), as the site's hand-written labels read. Put it first in the
    bases; a `label_suffix` passed in still wins."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
