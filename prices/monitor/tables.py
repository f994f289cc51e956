"""The monitor's figures as labelled rows: for the dashboard tables, the exports and
the printable report alike."""

from django.utils.translation import gettext as _

from portal.choices import Sector


def percent(value, digits=1):
    return None if value is None else round(value * 100, digits)


def band_label(band):
    labels = {
        "low": _("unconcentrated"),
        "moderate": _("moderately concentrated"),
        "high": _("highly concentrated"),
        "unconcentrated": _("unconcentrated"),
        "moderately_concentrated": _("moderately concentrated"),
        "highly_concentrated": _("highly concentrated"),
    }
    return str(labels.get(band, band))


def _dynamics(d):
    """[(measure, value)] of the year's dynamics."""
    exits = "–" if d["exits"] is None else (", ".join(d["exits"]) or "–")
    return [
        (_("Switching rate (%)"), percent(d["switching_rate"])),
        (_("Contracts ended this year"), d["contracts_ended"]),
        (_("Entries"), ", ".join(d["entries"]) or "–"),
        (_("Exits"), exits),
        (_("Median contract length (months)"), _round(d["median_length_months"])),
        (_("Automatic renewal (%)"), percent(d["auto_renewal_share"])),
    ]


def _sector_label(code):
    return Sector(code).label if code in Sector.values else code


def report_rows(report):
    """[(section, measure, value)] for the whole report of one category and year."""
    c, d = report["concentration"], report["dynamics"]
    rows = [
        (_("Concentration"), _("Customer organisations"), c["customers"]),
        (_("Concentration"), _("Contracts"), c["contracts"]),
        (_("Concentration"), "HHI", c["hhi"]),
        (_("Concentration"), _("HHI band (EU)"), band_label(c["eu_band"])),
        (_("Concentration"), _("HHI band (US 2023)"), band_label(c["us_band"])),
        (_("Concentration"), "CR1 (%)", percent(c["cr1"])),
        (_("Concentration"), "CR3 (%)", percent(c["cr3"])),
        (_("Concentration"), "CR4 (%)", percent(c["cr4"])),
    ]
    rows += [(_("Vendor shares (%)"), v["vendor"], percent(v["share"])) for v in c["vendors"]]
    rows += [(_("Dynamics"), label, value) for label, value in _dynamics(d)]
    value = report["value"]
    rows.append(
        (
            _("Spending"),
            _("Market value per year (EUR)"),
            value["total_eur"] if value["total_eur"] is not None else value["reason"],
        )
    )
    rows += [
        (_("Protective clauses (share of contracts, %)"), c["clause"], percent(c["share"]))
        for c in report["clauses"]
    ]
    for s in report["spending"]:
        rows.append(
            (
                _("ICT spend as share of revenue (median, %)"),
                str(_sector_label(s["sector"])),
                percent(s["median"], 2) if s["median"] is not None else s["reason"],
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
    for t in report["trend"]:
        rows.append((_("Trend: HHI"), str(t["year"]), t["hhi"]))
        rows.append((_("Trend: switching rate (%)"), str(t["year"]), percent(t["switching_rate"])))
    return [(str(a), str(b), v) for a, b, v in rows]


def _round(value):
    return None if value is None else round(value, 1)


def dashboard_tables(report, basis_label):
    """The dashboard's tables, formatted."""
    c, d = report["concentration"], report["dynamics"]
    for vendor in c["vendors"]:
        vendor["percent"] = percent(vendor["share"])
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
        "eu_band_label": band_label(c["eu_band"]),
        "us_band_label": band_label(c["us_band"]),
        "cr": [percent(c["cr1"]), percent(c["cr3"]), percent(c["cr4"])],
        "dynamics_rows": [*_dynamics(d), (_("HHI band (US 2023)"), band_label(c["us_band"]))],
        "clause_rows": [(row["clause"], percent(row["share"])) for row in report["clauses"]],
        "lock_in_bands": [
            {"band": b["band"], "percent": percent(b["share"])}
            for b in report["lock_in"].get("bands", [])
        ],
        "score_bands": [
            {"band": b["band"], "percent": percent(b["share"])} for b in report["scores"]
        ],
        "spending_rows": spending,
    }
