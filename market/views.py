"""The market monitor for policy staff: a dashboard per category with filters and
ten-year trends, CSV/XLSX exports and a printable report. Only policy analysts and site
administrators reach these pages (403 for everyone else)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from market.access import may_see_monitor
from market.charts import clauses_figure, shares_figure, trend_figure, trend_rows
from market.compute import BASES, category_report, release_label
from market.data import market_data
from market.tables import dashboard_tables, percent, report_rows
from portal.access_log import Kind, log_read_for_user
from portal.choices import Province, Sector
from portal.spreadsheets import table_download
from vendors.models import ProductCategory


def _choices(request, data):
    """The filters from the query string; unknown values fall back to the defaults."""
    categories = ProductCategory.objects.select_related("parent").order_by("parent__name", "name")
    slug = request.GET.get("categorie") or "epd-ziekenhuis"
    category = categories.filter(slug=slug).first() or categories.first()
    if category is None:
        raise Http404
    try:
        year = int(request.GET.get("jaar", data.as_of.year))
    except ValueError:
        year = data.as_of.year
    year = year if year in data.years else data.as_of.year
    sector = request.GET.get("sector", "")
    province = request.GET.get("provincie", "")
    basis = request.GET.get("basis", "value")
    return {
        "categories": categories,
        "category": category,
        "year": year,
        "years": data.years,
        "sector": sector if sector in Sector.values else "",
        "province": province if province in Province.values else "",
        "basis": basis if basis in BASES else "value",
        "released": data.released,
        "release_label": release_label(data),
    }


def _report(request):
    if not may_see_monitor(request.user):
        raise PermissionDenied(_("The market monitor is for policy staff."))
    data = market_data()
    chosen = _choices(request, data)
    log_read_for_user(request, Kind.MARKET, request.get_full_path())
    report = category_report(
        chosen["category"].pk,
        year=chosen["year"],
        sector=chosen["sector"],
        province=chosen["province"],
        basis=chosen["basis"],
        data=data,
    )
    return chosen, report


def _charts(report):
    """The dashboard's figures (drawn by portal/static/js/charts.js): published vendor
    shares this year, the ten-year trend of the HHI and the switching rate, and clause
    shares; each beside the table with the same figures."""
    if report.get("release") is None:
        return {"trend_rows": []}
    trend = trend_rows(report["trend"])
    return {
        "shares": shares_figure(
            [
                {"vendor": v["vendor"], "share": percent(v["share"])}
                for v in report["concentration"]["vendors"]
                if v["share"] is not None
            ]
        ),
        "trend": trend_figure(trend),
        "trend_rows": trend,
        "clauses": clauses_figure(
            [
                {"clause": c["clause"], "share": percent(c["share"])}
                for c in report["clauses"]
                if c["share"] is not None
            ]
        ),
    }


@login_required
@require_safe
def dashboard(request):
    chosen, report = _report(request)
    return render(
        request,
        "market/dashboard.html",
        {
            **chosen,
            "report": report,
            "charts": _charts(report),
            **(dashboard_tables(report, BASES[chosen["basis"]]) if chosen["released"] else {}),
            "bases": BASES,
            "sectors": Sector.choices,
            "provinces": Province.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_safe
def report_print(request):
    chosen, report = _report(request)
    rows = report_rows(report, chosen["release_label"])
    return render(
        request,
        "market/report.html",
        {**chosen, "report": report, "rows": rows},
    )


@login_required
@require_safe
def export(request, fmt):
    chosen, report = _report(request)
    rows = report_rows(report, chosen["release_label"])
    return table_download(
        [_("Section"), _("Measure"), _("Value")],
        rows,
        fmt=fmt,
        filename=f"marktmonitor-{chosen['category'].slug}-{chosen['year']}",
        sheet_name=_("Market monitor"),
    )
