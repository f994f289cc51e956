from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from vendors.models import ProductCategory


class CoalitionForm(forms.ModelForm):
    categories = forms.ModelMultipleChoiceField(
        label=_("Product categories"), queryset=ProductCategory.objects.leaves()
    )

    class Meta:
        model = Coalition
        fields = ["name", "slug", "goal", "type", "categories", "visibility", "cost_sharing"]

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"] = forms.ModelChoiceField(
            label=_("Coordinating organisation"), queryset=coordinators
        )
