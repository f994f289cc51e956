"""Forms for recording a contract by hand: the contract, its lines and its clause
checklist. Validation of the whole happens in contracts.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contracts.importing.values import parse_decimal
from contracts.models import Contract, ContractClause, ContractLine, LockInClause
from contracts.services import CONTRACT_FIELDS
from portal.help_links import clause_help_urls
from vendors.models import Product, ProductCategory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ContractForm(forms.ModelForm):
    migration_cost = forms.DecimalField(
        label=_("Migration cost (EUR)"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Only when this contract replaces another vendor: what the move cost."),
    )
    migration_months = forms.IntegerField(
        label=_("Migration duration (months)"), required=False, min_value=0
    )

    field_order = ["reference", "vendor", "category", "products"]

    class Meta:
        model = Contract
        fields = [*CONTRACT_FIELDS, "products"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "products": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ProductCategory.objects.leaves().select_related("parent")
        self.fields["products"].queryset = Product.objects.select_related("vendor").order_by(
            "vendor__name", "name"
        )
        self.fields["products"].required = False
        self.fields["products"].help_text = _(
            "Products of the chosen vendor in the chosen category."
        )
        if self.instance.pk:
            del self.fields["migration_cost"]
            del self.fields["migration_months"]

    def clean(self):
        cleaned = super().clean()
        vendor, category = cleaned.get("vendor"), cleaned.get("category")
        for product in cleaned.get("products") or []:
            if vendor and product.vendor_id != vendor.pk:
                self.add_error(
                    "products",
                    _("%(product)s is not a product of %(vendor)s.")
                    % {"product": product, "vendor": vendor},
                )
            elif category and product.category_id != category.pk:
                self.add_error(
                    "products",
                    _("%(product)s does not belong to the category %(category)s.")
                    % {"product": product, "category": category},
                )
        return cleaned

    def contract_fields(self):
        data = dict(self.cleaned_data)
        for name in ("products", "migration_cost", "migration_months"):
            data.pop(name, None)
        return data


class DutchDecimalField(forms.DecimalField):
    """Accepts amounts as Dutch people type them: 1.234,56 as well as 1234.56."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = str(parse_decimal(value.strip()))
            except ValueError as err:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from err
        return super().to_python(value)


class LineForm(forms.ModelForm):
    amount = DutchDecimalField(
        label=_("Amount (EUR)"), min_value=0, decimal_places=2, max_digits=14
    )
    quantity = DutchDecimalField(
        label=_("Quantity"), min_value=0, decimal_places=2, max_digits=12, initial=1
    )

    class Meta:
        model = ContractLine
        fields = ["cost_type", "description", "amount", "frequency", "unit", "quantity"]

    def clean(self):
        cleaned = super().clean()
        unit, quantity = cleaned.get("unit"), cleaned.get("quantity")
        if unit and unit != ContractLine.Unit.FLAT and not quantity:
            self.add_error("quantity", _("A price per unit needs a quantity."))
        if unit == ContractLine.Unit.FLAT and quantity not in (None, 1):
            self.add_error("quantity", _("A flat fee has quantity 1."))
        return cleaned


LineFormSet = forms.formset_factory(LineForm, extra=2, can_delete=True)


class ClauseChecklistForm(forms.Form):
    """One question per lock-in clause, explained in plain words."""

    def __init__(self, *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        help_urls = clause_help_urls()
        for clause in LockInClause.objects.all():
            self.fields[clause.code] = forms.ChoiceField(
                label=clause.display_name,
                help_text=clause.display_explanation,
                choices=ContractClause.Answer.choices,
                initial=answers.get(clause.code, ContractClause.Answer.UNKNOWN),
                widget=forms.RadioSelect,
            )
            # The clause's explanation in the knowledge base, once published.
            self.fields[clause.code].help_url = help_urls.get(clause.code, "")

    def answers(self):
        return dict(self.cleaned_data)


class ImportForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))
    dry_run = forms.BooleanField(label=_("Check only, save nothing"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For example the procurement system that uses it."),
    )
    can_write = forms.BooleanField(label=_("May change contracts"), required=False, initial=True)
