"""The form for an AI application. Validation of the whole (partners included) happens
in airegister.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from airegister.models import AIApplication, AIApplicationInterest
from airegister.services import APPLICATION_FIELDS
from portal.models import Organization
from vendors.models import Product, ProductCategory, Vendor


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = AIApplication
        fields = [*APPLICATION_FIELDS, "partners"]
        widgets = {
            "last_reviewed_on": DateInput(),
            "partners": forms.CheckboxSelectMultiple,
            "purpose_description": forms.Textarea(attrs={"rows": 3}),
            "risk_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["vendor"].queryset = Vendor.objects.order_by("name")
        self.fields["vendor"].help_text = _("Only for a bought or co-created application.")
        self.fields["product"].queryset = Product.objects.select_related("vendor").order_by(
            "vendor__name", "name"
        )
        self.fields["partners"].queryset = Organization.objects.exclude(
            pk=organization.pk
        ).order_by("name")
        self.fields["partners"].help_text = _("Only for a co-created application.")

    def application_fields(self):
        data = dict(self.cleaned_data)
        data.pop("partners", None)
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_(
            "In the layout of the export. A row whose name matches an application in the "
            "register changes it; other rows add one."
        ),
    )


class InterestForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("For organisation"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Interest"),
        choices=AIApplicationInterest.Kind.choices,
        widget=forms.RadioSelect,
        initial=AIApplicationInterest.Kind.ADOPT,
    )
    note = forms.CharField(
        label=_("Note for the owner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: your situation, timing or questions."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()


class CoalitionProposalForm(forms.Form):
    name = forms.CharField(label=_("Name of the coalition"), max_length=200)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ModelChoiceField(
        label=_("Product category"), queryset=ProductCategory.objects.leaves().order_by("slug")
    )
