"""The public AI monitor page (/ai-monitor/) and its API (/api/v1/ai-monitor/): the
same figures, from the current release only (airegister.monitor), for anyone.

A plain view, not a Wagtail page: the page is figures and filters with a fixed
explanation, nothing an editor writes, and a fixed URL the API and the menu can name."""

from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from airegister import monitor
from airegister.monitor_charts import distribution_figure, years_figure
from disclosure.statistics import reason_text
from portal.choices import Sector


def _release_label(table):
    if table.release is None:
        return capfirst(reason_text("no_release"))
    return _("Release of %(date)s") % {"date": date_format(table.release.as_of, "DATE_FORMAT")}


def _percent(share):
    return None if share is None else round(share * 100)


def _sections(report):
    """Per distribution: its heading, chart and rows (percent beside the count)."""
    sections = []
    for column, (label, _choices) in monitor.DISTRIBUTIONS.items():
        rows = [{**row, "percent": _percent(row["share"])} for row in report[column] or []]
        sections.append(
            {
                "id": column.replace("_", "-"),
                "data_id": column.replace("_", "-") + "-data",
                "title": label,
                "rows": rows,
                "chart": distribution_figure(rows),
            }
        )
    return sections


@require_safe
def page(request):
    table = monitor.monitor_table()
    sector = request.GET.get("sector", "")
    sector = sector if sector in Sector.values else monitor.ALL
    try:
        year = int(request.GET.get("jaar", table.as_of.year))
    except ValueError:
        year = table.as_of.year
    year = year if year in table.years else table.as_of.year
    report = monitor.report(sector, year, table=table)
    context = {
        "report": report,
        "released": table.released,
        "release_label": _release_label(table),
        "sector": sector,
        "year": year,
        "years": table.years,
        "sectors": Sector.choices,
    }
    if table.released:
        years = [{**row, "percent": _percent(row["bought_share"])} for row in report["years"]]
        context.update(
            sections=[] if report["withheld"] else _sections(report),
            year_rows=years,
            years_chart=years_figure(years),
            sector_rows=[
                {**row, "percent": _percent(row["bought_share"])} for row in report["sectors"]
            ],
        )
    return render(request, "airegister/monitor.html", context)


@extend_schema(
    parameters=[
        OpenApiParameter("sector", str, enum=Sector.values, description="Default: all sectors"),
        OpenApiParameter("year", int, description="Default: the release's year"),
    ],
    responses={200: dict},
)
@api_view(["GET"])
@permission_classes([AllowAny])
def api(request):
    """The AI monitor (public): from the current release, for one sector (or all) and
    year (applications registered by the end of it): the number of organisations and
    applications, and per origin, funnel phase, kind and AI Act risk class the number
    of applications and their share (0-1); per year and per sector the applications and
    the share bought. A withheld figure is null with ``withheld`` (a code) and
    ``reason`` beside it."""
    table = monitor.monitor_table()
    params = request.query_params
    sector = params.get("sector", "")
    if sector and sector not in Sector.values:
        raise ValidationError({"sector": _("Unknown sector.")})
    try:
        year = int(params.get("year") or table.as_of.year)
    except ValueError as err:
        raise ValidationError({"year": _("Give the year as a number.")}) from err
    if year not in table.years:
        raise ValidationError(
            {
                "year": _("Years from %(first)s to %(last)s.")
                % {"first": table.years[0], "last": table.years[-1]}
            }
        )
    return Response(monitor.report(sector, year, table=table))
