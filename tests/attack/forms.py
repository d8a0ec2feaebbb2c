"""What a browser would post back from an admin page: every named input, select and
textarea of its change form, as rendered."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image", "file"):
                return
            self.data.setdefault(name, []).append(
                a.get("value") or ("on" if kind == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        if tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.data.setdefault(self._select, []).append(value or "")
            self._select = None
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.setdefault(self._textarea, []).append(
                text[1:] if text.startswith("\n") else text
            )
            self._textarea = None


def form_data(response, form_id: str | None = None) -> dict[str, list[str]]:
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return parser.data
