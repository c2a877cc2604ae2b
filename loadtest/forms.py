"""A page's form as a browser would submit it: every named field with its current value
(text inputs, hidden inputs, checked boxes, selected options, textareas), so a client can
change one field of an admin form and save the rest as they were."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields of the first <form> whose action or id contains `marker` (any form
    when `marker` is empty): `.fields` is a list of (name, value) pairs in page order."""

    def __init__(self, marker=""):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.fields = []
        self.inside = False
        self.done = False
        self.select = None
        self.select_first = None
        self.select_chosen = False
        self.select_multiple = False
        self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            where = f"{attrs.get('action', '')} {attrs.get('id', '')}"
            self.inside = self.marker in where
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
            self.select_multiple = "multiple" in attrs
        elif tag == "option" and self.select:
            value = attrs.get("value")
            if self.select_first is None:
                self.select_first = value
            if "selected" in attrs:
                self.select_chosen = True
                self.fields.append((self.select, value if value is not None else ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea:
            # A browser drops the one newline that follows <textarea>.
            text = "".join(self.text)
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "select" and self.select:
            # A single choice with none selected sends its first option; a multiple, none.
            if not (self.select_chosen or self.select_multiple or self.select_first is None):
                self.fields.append((self.select, self.select_first))
            self.select = None


def form_fields(html, marker=""):
    parser = FormFields(marker)
    parser.feed(html)
    return parser.fields


def replaced(fields, name, value):
    """`fields` with `name` set to `value` (it must be there)."""
    assert any(n == name for n, _ in fields), f"the form has no field {name}"
    return [(n, value if n == name else v) for n, v in fields]
