"""The share of contracts that include each lock-in clause, as the clause pages show it:
all categories together, the latest year of the current market-monitor release, through
the disclosure gate (market.compute). Never live data: a page read between releases
shows the same figure, so editing one's own contracts reveals nothing here."""

from market.compute import clauses_all_categories


def clause_shares():
    """{"release_label", "year", "by_code": {code: row}}, a row holding ``share``
    (0-1, or None), ``withheld`` and ``reason``; no release yet: empty rows with the
    reason in ``reason``."""
    answer = clauses_all_categories()
    return {
        "release_label": answer.get("release_label", ""),
        "year": answer["year"],
        "reason": answer.get("reason", ""),
        "by_code": {
            row["code"]: {**row, "percent": _percent(row["share"])} for row in answer["rows"]
        },
    }


def _percent(share):
    return None if share is None else round(share * 100)
