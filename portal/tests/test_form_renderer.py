"""Every Django form in the portal renders through settings.FORM_RENDERER: NL Design
System form fields, Utrecht classes on every widget, and a Dutch empty choice."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op het contract.")
    kind = forms.ChoiceField(label="Soort", choices=[("", "---------"), ("a", "A")])
    note = forms.CharField(label="Notitie", widget=forms.Textarea, required=False)
    agreed = forms.BooleanField(label="Akkoord", required=False)
    answer = forms.ChoiceField(
        label="Antwoord", choices=[("ja", "ja"), ("nee", "nee")], widget=forms.RadioSelect
    )


def test_fields_get_the_utrecht_form_field_layout_and_classes():
    html = str(ExampleForm())
    assert html.count('class="utrecht-form-field ') == 4  # text, select, textarea, checkbox
    assert 'class="utrecht-form-field__label"><label for="id_name" class="utrecht-form-label">' in (
        html
    )
    assert 'id="id_name_helptext">Zoals op het contract.</div>' in html
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'class="utrecht-select utrecht-select--html-select"' in html
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html
    assert html.count('class="utrecht-radio-button utrecht-radio-button--html-input"') == 2
    assert "<legend" in html  # the radio buttons are a fieldset


def test_empty_choice_reads_choose_in_the_users_language():
    with translation.override("nl"):
        assert '<option value="" selected>Kies…</option>' in str(ExampleForm())
    with translation.override("en"):
        html = str(ExampleForm())
    assert '<option value="" selected>Choose…</option>' in html
    assert "---------" not in html


def test_errors_mark_the_field_and_the_control_invalid():
    form = ExampleForm(data={"name": "", "kind": ""})
    with translation.override("nl"):
        html = str(form)
    assert "utrecht-form-field--invalid" in html
    assert "utrecht-textbox--invalid" in html
    assert "utrecht-select--invalid" in html
    # the control points at its error message, as Django's aria-describedby says
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error">' in html
    assert "Dit is een verplicht veld." in html


def test_a_widgets_own_class_is_kept():
    class Own(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"class": "mono"}))

    assert 'class="utrecht-textbox utrecht-textbox--html-input mono"' in str(Own())


@pytest.mark.django_db
def test_the_log_in_page_uses_the_form_fields(client):
    html = client.get(reverse("login")).content.decode()
    assert 'name="username"' in html
    assert html.count('class="utrecht-form-field ') == 2
    assert 'class="utrecht-button utrecht-button--primary-action"' in html
