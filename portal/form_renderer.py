"""Every form in the portal looks the same: one form renderer (settings.FORM_RENDERER)
gives each field the NL Design System form-field layout (templates in
portal/templates/portal/forms/) and each widget the Utrecht component's classes, and
replaces Django's "---------" empty choice with "Choose…". The Wagtail admin renders its
own widgets with its own templates and styles."""

from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext

DJANGO_EMPTY_LABEL = "---------"
LABEL_TEMPLATE = "django/forms/label.html"

# Django widget template -> the Utrecht classes its control gets.
CLASSES_BY_TEMPLATE = {
    "django/forms/widgets/select.html": "utrecht-select utrecht-select--html-select",
    "django/forms/widgets/textarea.html": "utrecht-textarea utrecht-textarea--html-textarea",
    "django/forms/widgets/checkbox.html": "utrecht-checkbox utrecht-checkbox--html-input",
    "django/forms/widgets/radio_option.html": (
        "utrecht-radio-button utrecht-radio-button--html-input"
    ),
    "django/forms/widgets/checkbox_option.html": "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
# Input types that are not text boxes (the rest are: text, number, email, date, file…).
NOT_TEXTBOX = {"checkbox", "radio", "hidden", "submit", "button", "image", "reset"}
INVALID = {
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-checkbox": "utrecht-checkbox--invalid",
    "utrecht-textbox": "utrecht-textbox--invalid",
    "utrecht-radio-button": "utrecht-radio-button--invalid",
}


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            style_widget(widget, template_name)
        elif template_name == LABEL_TEMPLATE and context.get("use_tag"):
            attrs = dict(context.get("attrs") or {})
            attrs["class"] = f"utrecht-form-label {attrs.get('class', '')}".strip()
            context["attrs"] = attrs
        return super().render(template_name, context, request=request)


def utrecht_classes(widget, template_name):
    """The Utrecht classes for one rendered widget (an empty string for none)."""
    if template_name in CLASSES_BY_TEMPLATE:
        return CLASSES_BY_TEMPLATE[template_name]
    if template_name.startswith("django/forms/widgets/") and "type" in widget:
        return "" if widget["type"] in NOT_TEXTBOX else TEXTBOX
    return ""


def style_widget(widget, template_name):
    """Add the Utrecht classes to the widget's own (and, for a select, relabel the empty
    choice). Changes the render context only, never the form's widget."""
    classes = utrecht_classes(widget, template_name)
    if classes:
        attrs = dict(widget.get("attrs") or {})
        own = attrs.get("class", "")
        if attrs.get("aria-invalid") == "true":
            classes += " " + INVALID[classes.split()[0]]
        attrs["class"] = f"{classes} {own}".strip()
        widget["attrs"] = attrs
    # A select's options, or a radio or checkbox list's inputs (included by the list's
    # template, so they do not pass through render() themselves).
    for _group, options, _index in widget.get("optgroups", ()):
        for option in options:
            if option.get("value") in ("", None) and option.get("label") == DJANGO_EMPTY_LABEL:
                option["label"] = gettext("Choose…")
            if option.get("template_name") in CLASSES_BY_TEMPLATE:
                style_widget(option, option["template_name"])
