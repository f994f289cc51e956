from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition, CoalitionMember, Requirement
from contracts.models import LockInClause
from portal.models import Organization
from vendors.models import ProductCategory, Standard, Vendor


class CoalitionForm(forms.ModelForm):
    categories = forms.ModelMultipleChoiceField(
        label=_("Product categories"),
        queryset=ProductCategory.objects.leaves(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Coalition
        fields = [
            "name",
            "slug",
            "goal",
            "type",
            "categories",
            "target_vendors",
            "participation_criteria",
            "visibility",
            "cost_sharing",
            "shared_cost",
        ]
        # Tick boxes, not a list that needs ctrl-click to choose more than one.
        widgets = {"target_vendors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"] = forms.ModelChoiceField(
            label=_("Coordinating organisation"), queryset=coordinators
        )


class InviteForm(forms.Form):
    organization = forms.CharField(label=_("Organisation (name or code)"), max_length=200)
    role = forms.ChoiceField(
        label=_("Role"), choices=CoalitionMember.Role.choices, initial=CoalitionMember.Role.MEMBER
    )

    def clean_organization(self):
        value = self.cleaned_data["organization"].strip()
        found = Organization.objects.filter(slug=value).first() or (
            Organization.objects.filter(name__iexact=value).first()
        )
        if found is None:
            raise forms.ValidationError(_("No organisation with that name was found."))
        return found


class RequirementForm(forms.ModelForm):
    standards = forms.ModelMultipleChoiceField(
        label=_("Standards"),
        queryset=Standard.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clauses = forms.ModelMultipleChoiceField(
        label=_("Lock-in clauses"),
        queryset=LockInClause.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Requirement
        fields = ["priority", "text", "standards", "clauses"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class VendorInviteForm(forms.Form):
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Vendor.objects.order_by("name"))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
