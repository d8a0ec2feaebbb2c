"""USWDS form fields (lib/forms.py, templates/includes/form_field.html and
error_summary.html): a tiny form with errors, rendered through the partials, wires each
label, hint and error to its control by id. Expected markup is written out literally."""

import re

from django import forms
from django.template.loader import render_to_string

from lib.forms import UswdsFormMixin


class TinyForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(label="Email address", help_text="We write to you only here.")
    details = forms.CharField(label="What is wrong", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(
        label="Kind of request",
        choices=[("access", "A copy"), ("amendment", "A correction")],
        widget=forms.RadioSelect,
        help_text="Choose one.",
    )
    systems = forms.MultipleChoiceField(
        label="Systems",
        choices=[("usps-810-300", "USPS 810.300"), ("mint-009", "Mint .009")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agency = forms.ChoiceField(label="Agency", choices=[("", "- Select -"), ("usps", "USPS")])
    born = forms.DateField(label="Date of birth", widget=forms.DateInput(attrs={"type": "date"}))
    declaration = forms.BooleanField(label="I declare this is true")
    document = forms.FileField(label="Proof of identity", required=False)


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def render_field(form, name: str) -> str:
    return squash(render_to_string("includes/form_field.html", {"field": form[name]}))


def invalid_form() -> TinyForm:
    form = TinyForm(data={"email": "not an address", "details": "", "agency": "usps"})
    assert not form.is_valid()
    return form


def test_a_text_field_with_an_error_names_its_hint_and_error():
    html = render_field(invalid_form(), "email")
    assert '<div class="usa-form-group usa-form-group--error">' in html
    assert '<label class="usa-label usa-label--error" for="id_email">Email address' in html
    assert '<div class="usa-hint" id="id_email_helptext">We write to you only here.</div>' in html
    assert (
        '<span class="usa-error-message" id="id_email_error">Enter a valid email address.</span>'
        in html
    )
    control = re.search(r"<input [^>]*>", html).group(0)
    assert 'class="usa-input usa-input--error"' in control
    assert 'id="id_email"' in control
    assert 'aria-describedby="id_email_helptext id_email_error"' in control
    assert 'aria-invalid="true"' in control


def test_a_valid_field_has_no_error_markup():
    html = render_field(invalid_form(), "agency")
    assert '<div class="usa-form-group">' in html
    assert "usa-error-message" not in html and "usa-input--error" not in html
    control = re.search(r"<select [^>]*>", html).group(0)
    assert 'class="usa-select"' in control and 'id="id_agency"' in control
    assert "aria-describedby" not in control and "aria-invalid" not in control


def test_textarea_date_and_file_get_their_uswds_classes():
    form = invalid_form()
    assert 'class="usa-textarea"' in render_field(form, "details")
    born = re.search(r"<input [^>]*>", render_field(form, "born")).group(0)
    assert 'type="date"' in born and 'class="usa-input usa-input--error"' in born
    assert 'aria-describedby="id_born_error"' in born
    # Not USWDS's enhanced file input, whose script replaces the label with an aria-label.
    assert "usa-file-input" not in render_field(form, "document")
    assert 'type="file"' in render_field(form, "document")


def test_a_radio_group_is_a_fieldset_described_by_its_hint_and_error():
    html = render_field(invalid_form(), "kind")
    assert (
        '<fieldset class="usa-fieldset" aria-describedby="id_kind_helptext id_kind_error">' in html
    )
    assert '<legend class="usa-legend usa-label--error">Kind of request' in html
    assert '<div class="usa-hint" id="id_kind_helptext">Choose one.</div>' in html
    assert '<span class="usa-error-message" id="id_kind_error">This field is required.</span>' in (
        html
    )
    assert '<div class="usa-radio"> <input type="radio" name="kind" value="access"' in html
    assert 'class="usa-radio__input"' in html and 'id="id_kind_0"' in html
    assert '<label class="usa-radio__label" for="id_kind_0">A copy</label>' in html


def test_a_checkbox_group_and_a_single_checkbox():
    form = invalid_form()
    group = render_field(form, "systems")
    assert '<fieldset class="usa-fieldset">' in group
    assert '<label class="usa-checkbox__label" for="id_systems_1">Mint .009</label>' in group
    assert 'class="usa-checkbox__input"' in group
    single = render_field(form, "declaration")
    assert '<span class="usa-error-message" id="id_declaration_error">' in single
    assert 'class="usa-checkbox__input"' in single
    assert 'aria-describedby="id_declaration_error"' in single
    assert '<label class="usa-checkbox__label" for="id_declaration">I declare this is true' in (
        single
    )


def test_the_error_summary_links_each_error_to_its_control():
    html = squash(render_to_string("includes/error_summary.html", {"form": invalid_form()}))
    assert 'class="usa-alert usa-alert--error error-summary" role="alert"' in html
    assert '<h2 class="usa-alert__heading" id="error-summary-heading">There is a problem</h2>' in (
        html
    )
    links = re.findall(r'<a class="usa-link" href="(#[^"]+)">([^<]+)</a>', html)
    assert links == [
        ("#id_email", "Enter a valid email address."),
        ("#id_kind_0", "This field is required."),
        ("#id_born", "This field is required."),
        ("#id_declaration", "This field is required."),
    ]


def test_no_summary_without_errors():
    form = TinyForm()
    assert render_to_string("includes/error_summary.html", {"form": form}).strip() == ""
