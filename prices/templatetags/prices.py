from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def split(value):
    return value.split()


@register.simple_tag
def figure(cell, name, metric):
    """A published figure, Dutch formatted; a share of revenue as a percentage."""
    value = getattr(cell, name, None) if not isinstance(cell, float | int) else cell
    if value is None:
        return "–"
    if metric == "revenue_share":
        return f"{number_format(value * 100, decimal_pos=2)} %"
    return number_format(value, decimal_pos=2 if abs(value) < 100 else 0, force_grouping=True)
