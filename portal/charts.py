"""What every plotly chart of the portal shares: numbers in the page language, a
colour-blind-safe palette, the legend below the plot and margins that fit the labels.

The apps build whole figures (data and layout) here in Python, in the page language,
and portal/static/js/charts.js only draws them, so what a chart says can be tested
without a browser."""

from django.utils.formats import number_format
from django.utils.translation import get_language

# Okabe & Ito (2008), "Color Universal Design": eight colours told apart with any common
# colour-vision deficiency; yellow last (weak on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")


def separators():
    """plotly's decimal and thousands separators: "1.234,5" in Dutch, "1,234.5" else."""
    return ",." if (get_language() or "nl").startswith("nl") else ".,"


def localized(value, decimals=0):
    """A figure as the page's tables show it (thousands grouped)."""
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def series_style(index):
    """Colour, dash and marker of the ``index``-th series: past eight series the colours
    repeat, so the dash changes too; the marker differs from one series to the next."""
    return {
        "line": {"color": PALETTE[index % len(PALETTE)], "dash": DASHES[index // len(PALETTE) % 4]},
        "marker": {"color": PALETTE[index % len(PALETTE)], "symbol": SYMBOLS[index % len(SYMBOLS)]},
    }


def line(index, name, x, y, **extra):
    """A line with markers; a missing value (None) leaves a gap, never a zero."""
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": list(x),
        "y": list(y),
        "connectgaps": False,
        **series_style(index),
        **extra,
    }


def layout(*, height=360, **extra):
    """The layout every chart starts from. The legend sits under the plot, anchored to
    the bottom of the whole figure (yref "container"), so it never covers axis labels;
    automargin grows the margins to the tick labels and titles instead of cutting them."""
    base = {
        "separators": separators(),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "font": {"family": "inherit", "size": 13},
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
        },
        "xaxis": {"automargin": True},
        "yaxis": {"automargin": True, "rangemode": "tozero"},
    }
    for key, value in extra.items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    return base


def figure(data, **layout_options):
    return {"data": data, "layout": layout(**layout_options)}
