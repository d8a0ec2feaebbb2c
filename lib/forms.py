"""Django form fields dressed as U.S. Web Design System (USWDS) form controls.

A public form sets `bound_field_class = UswdsBoundField` (or mixes in `UswdsFormMixin`)
and renders each field with `templates/includes/form_field.html` and the errors with
`templates/includes/error_summary.html`. Each widget gets its USWDS class at render time
(`usa-input`, `usa-textarea`, `usa-select`, `usa-checkbox__input`, `usa-radio__input`;
none for a file input: see WIDGET_CLASSES) and, when the field has errors,
`usa-input--error`. Django itself adds `aria-invalid` and `aria-describedby` naming the
hint (`<id>_helptext`) and the error (`<id>_error`), the ids the partial gives them; for a
group of checkboxes or radio buttons the partial puts `aria-describedby` on the fieldset.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.widgets import Input

# The first class in a widget's MRO that is listed here decides its USWDS class.
WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.CheckboxSelectMultiple: "usa-checkbox__input",
    forms.RadioSelect: "usa-radio__input",
    forms.CheckboxInput: "usa-checkbox__input",
    # A plain file input, not USWDS's enhanced one: its script replaces the control's
    # accessible name with an aria-label ("Drag file here or choose from folder"), so a
    # screen reader no longer hears the field's own label.
    forms.FileInput: "",
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    Input: "usa-input",
}
# Controls USWDS draws a red border around when their field has an error.
ERROR_CLASS = "usa-input--error"
_TAKES_ERROR_CLASS = frozenset({"usa-input", "usa-textarea", "usa-select"})


def uswds_class(widget: forms.Widget) -> str:
    for cls in type(widget).__mro__:
        if cls in WIDGET_CLASSES:
            return WIDGET_CLASSES[cls]
    return ""


class UswdsBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        own = uswds_class(widget)
        classes = [*widget.attrs.get("class", "").split(), *attrs.get("class", "").split()]
        if own:
            classes.append(own)
        if self.errors and own in _TAKES_ERROR_CLASS:
            classes.append(ERROR_CLASS)
        if classes:
            attrs["class"] = " ".join(dict.fromkeys(classes))  # each once, in order
        return attrs


class UswdsFormMixin:
    """Renders every field of the form as a USWDS control (see the module's doc), and
    says where each error in the error summary links to."""

    bound_field_class = UswdsBoundField
    # A hidden field's errors link to where the person can act on them (an element id);
    # "main" when not named here.
    hidden_anchors: dict[str, str] = {}

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for each error: a field's control, a group's first option,
        or for a hidden field the place named in hidden_anchors."""
        links = [("main", str(error)) for error in self.non_field_errors()]
        for field in self:
            for error in field.errors:
                if field.is_hidden:
                    anchor = self.hidden_anchors.get(field.name, "main")
                elif field.use_fieldset:
                    anchor = f"{field.auto_id}_0"
                else:
                    anchor = field.id_for_label
                links.append((anchor, str(error)))
        return links
