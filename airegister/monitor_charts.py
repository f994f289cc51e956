"""The AI monitor's plotly figures, built from the published figures its tables show
(portal.charts draws the common parts); withheld figures are left out, never zero."""

from django.utils.translation import gettext as _

from portal.charts import PALETTE, figure, line


def distribution_figure(rows):
    """Horizontal bars: the share (%) of applications per category, published ones only."""
    shown = [row for row in rows if row["percent"] is not None]
    return figure(
        [
            {
                "type": "bar",
                "orientation": "h",
                "y": [row["label"] for row in shown],
                "x": [row["percent"] for row in shown],
                "marker": {"color": PALETTE[0]},
                "hovertemplate": "%{y}: %{x:,.0f}%<extra></extra>",
            }
        ]
        if shown
        else [],
        height=90 + 30 * len(shown),
        showlegend=False,
        meta={"rows": len(shown)},
        xaxis={"title": {"text": _("Share of applications (%)")}, "range": [0, 100]},
        yaxis={"autorange": "reversed"},
    )


def years_figure(rows):
    """Applications registered by the end of each year, and the share bought (%) on a
    second axis; withheld years are gaps."""
    if not any(row["applications"] is not None for row in rows):
        return figure([])
    years = [row["year"] for row in rows]
    return figure(
        [
            line(0, _("Applications"), years, [row["applications"] for row in rows]),
            line(1, _("Bought (%)"), years, [row["percent"] for row in rows], yaxis="y2"),
        ],
        height=340,
        xaxis={"title": {"text": _("Year")}, "dtick": 1, "tickformat": "d"},
        yaxis={"title": {"text": _("Applications")}},
        yaxis2={
            "title": {"text": "%"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "dtick": 20,
            "automargin": True,
            "showgrid": False,
        },
    )
