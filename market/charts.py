"""The market monitor's and the public market-balance page's plotly figures, built from
the published figures the pages' tables show (portal.charts draws the common parts)."""

from django.utils.translation import gettext as _

from market.measures import EU_BANDS, US_HIGHLY_CONCENTRATED
from market.tables import band_label, percent
from portal.charts import PALETTE, figure, line, localized

BAND_FILLS = ("#009E73", "#E69F00", "#D55E00")  # Okabe-Ito green, orange, vermillion


def hhi_bands(values):
    """Shaded bands behind an HHI axis at the EU thresholds the portal uses
    (market.measures.EU_BANDS: below 1,000 unconcentrated, 1,000-2,000 moderately, above
    2,000 highly concentrated), each labelled in the page language, and the US 2023 line
    (1,800). The top band reaches just past the highest value drawn."""
    top = max([v for v in values if v is not None] + [EU_BANDS[-1][0] * 1.25]) * 1.05
    limits = [0, *(limit for limit, _band in EU_BANDS), top]
    names = [band for _limit, band in EU_BANDS] + ["high"]
    shapes, annotations = [], []
    for index, name in enumerate(names):
        low, high = limits[index], limits[index + 1]
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": low,
                "y1": high,
                "fillcolor": BAND_FILLS[index],
                "opacity": 0.12,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        bounds = (
            f"< {localized(high)}"
            if index == 0
            else f"> {localized(low)}"
            if index == len(names) - 1
            else f"{localized(low)}–{localized(high)}"
        )
        annotations.append(
            {
                "xref": "paper",
                "yref": "y",
                "x": 0,
                "xanchor": "left",
                "y": (low + high) / 2,
                "text": f"{band_label(name)} ({bounds})",
                "showarrow": False,
                "font": {"size": 11, "color": "#333"},
            }
        )
    shapes.append(
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": US_HIGHLY_CONCENTRATED,
            "y1": US_HIGHLY_CONCENTRATED,
            "line": {"color": "#555", "width": 1, "dash": "dot"},
        }
    )
    annotations.append(
        {
            "xref": "paper",
            "yref": "y",
            "x": 1,
            "xanchor": "right",
            "y": US_HIGHLY_CONCENTRATED,
            "yanchor": "bottom",
            "text": _("US 2023: %(limit)s") % {"limit": localized(US_HIGHLY_CONCENTRATED)},
            "showarrow": False,
            "font": {"size": 11, "color": "#333"},
        }
    )
    return {"shapes": shapes, "annotations": annotations}


def _bars(labels, values, colour, axis_title, **axis):
    return figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": labels,
                "x": values,
                "marker": {"color": colour},
                "hovertemplate": "%{y}: %{x:,.1f}%<extra></extra>",
            }
        ]
        if labels
        else [],
        height=90 + 30 * len(labels),
        showlegend=False,
        meta={"rows": len(labels)},
        xaxis={"title": {"text": axis_title}, **axis},
        yaxis={"autorange": "reversed"},
    )


def shares_figure(shares):
    return _bars(
        [row["vendor"] for row in shares],
        [row["share"] for row in shares],
        PALETTE[0],
        _("Share (%)"),
        rangemode="tozero",
    )


def clauses_figure(clauses):
    return _bars(
        [row["clause"] for row in clauses],
        [row["share"] for row in clauses],
        PALETTE[2],
        _("Share of contracts (%)"),
        range=[0, 100],
    )


def trend_figure(trend):
    """The HHI over the years on the threshold bands, the switching rate (%) on a second
    axis; years without a published figure are gaps."""
    if not trend:
        return figure([])
    years = [row["year"] for row in trend]
    hhi = [row["hhi"] for row in trend]
    return figure(
        [
            line(0, "HHI", years, hhi),
            line(1, _("Switching rate (%)"), years, [r["switching"] for r in trend], yaxis="y2"),
        ],
        height=380,
        xaxis={"title": {"text": _("Year")}, "dtick": 1, "tickformat": "d"},
        yaxis={"title": {"text": "HHI"}},
        yaxis2={
            "title": {"text": "%"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "automargin": True,
            "showgrid": False,
        },
        **hhi_bands(hhi),
    )


def balance_figure(rows):
    """The HHI by number of customers per main category over the years, one line each
    (more lines than colours: the dash changes too), on the threshold bands."""
    if not rows:
        return figure([])
    data = [
        line(index, row["name"], *zip(*((t["year"], t["hhi"]) for t in row["trend"]), strict=True))
        for index, row in enumerate(rows)
    ]
    every = [t["hhi"] for row in rows for t in row["trend"]]
    return figure(
        data,
        height=440 + 22 * ((len(rows) + 2) // 3),
        xaxis={"title": {"text": _("Year")}, "dtick": 1, "tickformat": "d"},
        yaxis={"title": {"text": "HHI"}},
        **hhi_bands(every),
    )


def trend_rows(trend):
    """What the trend chart draws, per year, for the dashboard's table beside it."""
    return [
        {
            "year": t["year"],
            "hhi": t["hhi"],
            "cr4": percent(t["cr4"]),
            "switching": percent(t["switching_rate"]),
            "customers": t["customers"],
        }
        for t in trend
    ]
