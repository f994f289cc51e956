"""The monitor's figures as labelled rows: for the dashboard tables, the exports and
the printable report alike. A withheld figure shows its reason instead of a number."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.choices import Sector


def percent(value, digits=1):
    return None if value is None else round(value * 100, digits)


def members_text(members):
    """ "A, B": a group's other vendors on one line."""
    return ", ".join(members)


def band_label(band):
    if band is None:
        return "–"
    labels = {
        "low": _("unconcentrated"),
        "moderate": _("moderately concentrated"),
        "high": _("highly concentrated"),
        "unconcentrated": _("unconcentrated"),
        "moderately_concentrated": _("moderately concentrated"),
        "highly_concentrated": _("highly concentrated"),
    }
    return str(labels.get(band, band))


def _or_reason(value, section, key):
    """``value``, or the reason ``key`` of ``section`` is withheld."""
    withheld = section.get("withheld", {}).get(key)
    return withheld["reason"] if withheld else value


def _dynamics(d):
    """[(measure, value)] of the year's dynamics."""
    entries = "–" if d["entries"] is None else (", ".join(d["entries"]) or "–")
    exits = "–" if d["exits"] is None else (", ".join(d["exits"]) or "–")
    return [
        (_("Switching rate (%)"), _or_reason(percent(d["switching_rate"]), d, "switching_rate")),
        (_("Contracts ended this year"), _or_reason(d["contracts_ended"], d, "contracts_ended")),
        (_("Entries"), _or_reason(entries, d, "entries")),
        (_("Exits"), _or_reason(exits, d, "exits")),
        (
            _("Median contract length (months)"),
            _or_reason(_round(d["median_length_months"]), d, "median_length_months"),
        ),
        (
            _("Automatic renewal (%)"),
            _or_reason(percent(d["auto_renewal_share"]), d, "auto_renewal_share"),
        ),
    ]


def _sector_label(code):
    return Sector(code).label if code in Sector.values else code


def _share_or_reason(row, digits=1):
    return percent(row["share"], digits) if not row["withheld"] else row["reason"]


def report_rows(report, release_label=""):
    """[(section, measure, value)] for the whole report of one category and year."""
    release = _("Release")
    if report.get("release") is None:
        return [(str(release), str(release_label), report.get("reason", ""))]
    c, d = report["concentration"], report["dynamics"]
    rows = [
        (release, pgettext("market monitor", "Data as of"), report["release"]["as_of"]),
        (
            _("Concentration"),
            _("Customer organisations"),
            _or_reason(c["customers"], c, "customers"),
        ),
        (_("Concentration"), _("Contracts"), _or_reason(c["contracts"], c, "contracts")),
        (_("Concentration"), "HHI", c["hhi"]),
        (_("Concentration"), _("HHI band (EU)"), band_label(c["eu_band"])),
        (_("Concentration"), _("HHI band (US 2023)"), band_label(c["us_band"])),
        (_("Concentration"), "CR1 (%)", percent(c["cr1"])),
        (_("Concentration"), "CR3 (%)", percent(c["cr3"])),
        (_("Concentration"), "CR4 (%)", percent(c["cr4"])),
    ]
    rows += [(_("Vendor group shares (%)"), v["vendor"], _share_or_reason(v)) for v in c["vendors"]]
    rows += [
        (_("Members of vendor groups"), v["vendor"], members_text(v["members"]))
        for v in c["vendors"]
        if v.get("members")
    ]
    rows += [(_("Dynamics"), label, value) for label, value in _dynamics(d)]
    value = report["value"]
    rows.append(
        (
            _("Spending"),
            _("Market value per year (EUR)"),
            value["total_eur"] if not value["withheld"] else value["reason"],
        )
    )
    rows += [
        (_("Protective clauses (share of contracts, %)"), c["clause"], _share_or_reason(c))
        for c in report["clauses"]
    ]
    for s in report["spending"]:
        rows.append(
            (
                _("ICT spend as share of revenue (median, %)"),
                str(_sector_label(s["sector"])),
                percent(s["median"], 2) if not s["withheld"] else s["reason"],
            )
        )
    lock_in = report["lock_in"]
    rows.append(
        (
            _("Lock-in risk (0-100)"),
            _("Median per organisation"),
            lock_in.get("median") if not lock_in["suppressed"] else lock_in["reason"],
        )
    )
    for band in lock_in.get("bands", []):
        rows.append(
            (
                pgettext("market monitor", "Lock-in risk (% of organisations)"),
                band["band"],
                _share_or_reason(band),
            )
        )
    for t in report["trend"]:
        rows.append((_("Trend: HHI"), str(t["year"]), t["hhi"]))
        rows.append((_("Trend: switching rate (%)"), str(t["year"]), percent(t["switching_rate"])))
    return [(str(a), str(b), v) for a, b, v in rows]


def _round(value):
    return None if value is None else round(value, 1)


def dashboard_tables(report, basis_label):
    """The dashboard's tables, formatted."""
    c = report["concentration"]
    vendors = [
        {
            **vendor,
            "percent": percent(vendor["share"]),
        }
        for vendor in c["vendors"]
    ]
    spending = []
    for s in report["spending"]:
        spending.append(
            {
                "label": _sector_label(s["sector"]),
                "p25": percent(s["p25"], 2),
                "median": percent(s["median"], 2),
                "p75": percent(s["p75"], 2),
                "reason": s["reason"],
                "reference": percent(s["reference"], 1),
            }
        )
    return {
        "basis_label": basis_label,
        "vendor_rows": vendors,
        "eu_band_label": band_label(c["eu_band"]),
        "us_band_label": band_label(c["us_band"]),
        "cr": [percent(c["cr1"]), percent(c["cr3"]), percent(c["cr4"])],
        "dynamics_rows": [
            *_dynamics(report["dynamics"]),
            (_("HHI band (US 2023)"), band_label(c["us_band"])),
        ],
        "clause_rows": [(row["clause"], _share_or_reason(row)) for row in report["clauses"]],
        "lock_in_bands": [
            {"band": b["band"], "percent": percent(b["share"]), "reason": b["reason"]}
            for b in report["lock_in"].get("bands", [])
        ],
        "score_bands": [
            {"band": b["band"], "percent": percent(b["share"])} for b in report["scores"]
        ],
        "spending_rows": spending,
    }
