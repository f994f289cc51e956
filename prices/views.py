"""Benchmark pages: the explorer, where-do-I-stand, their exports and the method.

Access is decided in prices.access; every figure comes from the current release
(prices.releases), so pages, exports and the API show the same, disclosure-checked
cells."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from disclosure import method, releases
from portal.access_log import Kind, log_read_for_user
from portal.spreadsheets import table_download
from prices.access import viewer_for
from prices.explorer import (
    METRIC_LABELS,
    by_saving,
    chart_data,
    explorer_rows,
    standings,
    summarise,
)
from prices.forms import BenchmarkForm, StandingForm, default_year
from prices.publication import CellKey
from prices.releases import publication_for
from prices.selectors import own_contracts, running_in
from vendors.models import ProductCategory


def _viewer(request):
    viewer = viewer_for(request.user, request.GET.get("organisatie") or None)
    if viewer is None:
        if request.GET.get("organisatie"):
            raise Http404
        raise PermissionDenied(_("Benchmarks are for care providers and policy staff."))
    return viewer


def _default_category(viewer):
    leaves = ProductCategory.objects.leaves().order_by("parent__sort_order", "sort_order", "name")
    shared = leaves if viewer.policy else leaves.filter(pk__in=viewer.shared)
    return getattr(shared.first() or leaves.first(), "slug", "")


def _explore(request, viewer):
    data = {"maatstaf": "annual", "jaar": default_year(), **request.GET.dict()}
    data.setdefault("categorie", _default_category(viewer))
    form = BenchmarkForm(data, viewer=viewer)
    result = {
        "form": form,
        "viewer": viewer,
        "rows": None,
        "give_to_get": False,
        "release": releases.current(),
    }
    if not form.is_valid():
        return result
    category = form.cleaned_data["categorie"]
    result["category"] = category
    if not viewer.may_see_category(category):
        result["give_to_get"] = True
        return result
    kind, supplier = form.supplier() if "leverancier" in form.fields else ("", "")
    base = CellKey(
        metric=form.cleaned_data["maatstaf"],
        year=form.cleaned_data["jaar"],
        cost_type=form.cleaned_data["kostensoort"],
        supplier_kind=kind,
        supplier=supplier,
    )
    publication = publication_for(category)
    result["rows"] = explorer_rows(
        publication, viewer, base=base, sector=form.cleaned_data.get("sector", "")
    )
    result["base"] = base
    return result


def _log(request, viewer, subject):
    log_read_for_user(request, Kind.BENCHMARK, subject, organization=viewer.organization)


@login_required
@require_safe
def explorer(request):
    viewer = _viewer(request)
    _log(request, viewer, request.GET.get("categorie", ""))
    context = _explore(request, viewer)
    if context["rows"] is not None:
        metric = context["base"].metric
        context["chart"] = chart_data(context["rows"], metric, METRIC_LABELS[metric])
        context["export_query"] = request.GET.urlencode()
    context["metric_label"] = METRIC_LABELS.get(request.GET.get("maatstaf", "annual"), "")
    return render(request, "prices/explorer.html", context)


def _figure(value, metric):
    if value is None:
        return None
    return round(value * 100, 3) if metric == "revenue_share" else value


@login_required
@require_safe
def explorer_export(request, fmt):
    viewer = _viewer(request)
    _log(request, viewer, f"export.{fmt}")
    context = _explore(request, viewer)
    if context["rows"] is None:
        raise Http404
    base = context["base"]
    headers = [
        _("Category"),
        _("Metric"),
        _("Year"),
        _("Peer group"),
        _("Organisations"),
        "P10",
        "P25",
        _("Median"),
        "P75",
        "P90",
        _("Suppressed"),
        _("Reason"),
        _("Release"),
    ]
    release = release_label(context["release"])
    rows = [
        [
            str(context["category"]),
            str(METRIC_LABELS[base.metric]),
            base.year,
            row.label,
            row.cell.n_organisations,
            *(
                _figure(getattr(row.cell, q), base.metric)
                for q in ("p10", "p25", "median", "p75", "p90")
            ),
            _("yes") if row.cell.suppressed else _("no"),
            row.cell.reason,
            release,
        ]
        for row in context["rows"]
    ]
    stamp = timezone.localdate().isoformat()
    name = f"benchmark-{context['category'].slug}-{base.metric}-{base.year}-{stamp}"
    return table_download(headers, rows, fmt=fmt, filename=name, sheet_name=_("Benchmark"))


def _standing_context(request):
    viewer = _viewer(request)
    if viewer.organization is None:
        raise PermissionDenied(_("Where do I stand is for care providers."))
    own = own_contracts(request.user, viewer.organization)
    data = {"maatstaf": "annual", "jaar": default_year(), **request.GET.dict()}
    form = StandingForm(data, categories=own.values("category_id"))
    context = {"form": form, "viewer": viewer, "standings": None, "release": releases.current()}
    if not form.is_valid():
        return context
    year, metric = form.cleaned_data["jaar"], form.cleaned_data["maatstaf"]
    contracts = running_in(own, year).order_by("category__name", "reference")
    if form.cleaned_data["categorie"]:
        contracts = contracts.filter(category=form.cleaned_data["categorie"])
    # Give to get: a contract's own category is one the organisation has shared.
    rows = standings(
        viewer, list(contracts), year=year, metric=metric, publication_for=publication_for
    )
    if form.cleaned_data["boven_p75"]:
        rows = [row for row in rows if row.position == "above_p75"]
    compared, not_compared = by_saving(rows)
    summary = summarise(rows)
    context.update(
        standings=compared + not_compared,
        compared=compared,
        not_compared=not_compared,
        summary=summary,
        metric=metric,
        year=year,
        total_saving=summary.total_saving,
        metric_label=METRIC_LABELS[metric],
    )
    return context


@login_required
@require_safe
def standing(request):
    context = _standing_context(request)
    _log(request, context["viewer"], "mijn-positie")
    context["export_query"] = request.GET.urlencode()
    return render(request, "prices/standing.html", context)


@login_required
@require_safe
def standing_export(request, fmt):
    context = _standing_context(request)
    _log(request, context["viewer"], f"mijn-positie.{fmt}")
    if context["standings"] is None:
        raise Http404
    metric = context["metric"]
    headers = [
        _("Reference"),
        _("Vendor"),
        _("Category"),
        _("Annual cost (EUR)"),
        str(METRIC_LABELS[metric]),
        _("Peer group"),
        _("Organisations"),
        "P25",
        _("Median"),
        "P75",
        _("Position"),
        _("Potential saving per year (EUR)"),
        _("Release"),
    ]
    release = release_label(context["release"])
    rows = [
        [
            s.contract.reference,
            s.contract.vendor.name,
            str(s.contract.category),
            round(s.annual_cost, 2),
            _figure(s.figure, metric),
            s.group,
            s.cell.n_organisations if not s.cell.suppressed else s.cell.reason,
            _figure(s.cell.p25, metric),
            _figure(s.cell.median, metric),
            _figure(s.cell.p75, metric),
            str(s.position_label),
            s.saving,
            release,
        ]
        for s in context["standings"]
    ]
    rows.append(
        [_("Total"), "", "", "", "", "", "", "", "", "", "", context["total_saving"], release]
    )
    organization = context["viewer"].organization
    name = f"positie-{organization.slug}-{context['year']}-{metric}"
    return table_download(headers, rows, fmt=fmt, filename=name, sheet_name=_("Where do I stand"))


def release_label(release):
    if release is None:
        return str(_("no figures have been released yet"))
    return _("release %(number)s of %(date)s") % {
        "number": release.number,
        "date": release.as_of.strftime("%d-%m-%Y"),
    }


@require_safe
def methodology(request):
    return render(
        request,
        "prices/methodology.html",
        {
            "method": method.sections(release=releases.current()),
            "years_back": settings.PRICE_YEARS_BACK,
        },
    )
