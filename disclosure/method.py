"""The method page's account of the disclosure rules, generated from the rules in force
(disclosure.rules.Rules and the release settings), so that page and code cannot drift
apart. Each section is a heading and paragraphs of plain text, translated."""

from django.conf import settings
from django.utils.translation import gettext as _

from disclosure.rules import Rules


def sections(rules: Rules | None = None, release=None):
    rules = rules or Rules.from_settings()
    numbers = {
        "min": rules.min_organisations,
        "share": round(rules.max_share * 100),
        "tails": rules.min_for_tails,
        "age": rules.min_age_days,
        "difference": rules.min_organisations + 1,
        "interval": settings.DISCLOSURE_RELEASE_INTERVAL_DAYS,
        "days": settings.DISCLOSURE_DIFFERENCING_DAYS,
        "gap": settings.DISCLOSURE_MIN_RELEASE_GAP_DAYS,
        "step": f"{rules.share_step:g}",
        "sets": rules.sets_per_organisation,
    }
    release_text = (
        _("The current release is number %(number)s, with data as of %(date)s.")
        % {"number": release.number, "date": release.as_of.strftime("%d-%m-%Y")}
        if release
        else _("No release has been published yet.")
    )
    return [
        (
            _("Releases"),
            [
                _(
                    "Figures made from what care providers pay are not computed for each "
                    "visitor. They are computed together into a release, about every "
                    "%(interval)s days, and every page, export and API answer shows the "
                    "current release and its date. Changes made after a release, such as a "
                    "new contract or a new coalition member, show in the next release. So "
                    "nobody can compare a figure just before and just after one "
                    "organisation's change. Your own contract pages always show your own "
                    "data as it is now."
                )
                % numbers,
                _(
                    "When an organisation deletes its data, a release follows out of "
                    "turn, at least %(gap)s days after the previous one, so that its data "
                    "stops counting without anyone being able to force release after "
                    "release."
                )
                % numbers,
                release_text,
            ],
        ),
        (
            _("Who counts"),
            [
                _(
                    "A figure is shown only when at least %(min)s different organisations "
                    "contribute to it and no organisation makes up more than %(share)s%% "
                    "of it. Only contracts that started, and were entered in the portal, at "
                    "least %(age)s days before the release count: no current or future "
                    "prices. An organisation never "
                    "sees its own data in a figure: it is recomputed without it, with the "
                    "same rules, so changing your own data cannot move what you see."
                )
                % numbers
            ],
        ),
        (
            _("No exact values"),
            [
                _(
                    "Percentiles are Harrell-Davis estimates: a weighted average of all "
                    "organisations' values, so a percentile of a small group is never one "
                    "organisation's own price. P10 and P90 are shown from %(tails)s "
                    "organisations."
                )
                % numbers,
                _(
                    "Every figure then gets random noise from the Laplace mechanism of "
                    "differential privacy (the diffprivlib library). For totals the noise "
                    "is as large as the largest single organisation's part, so a total "
                    "before and after one organisation joins, or two totals that differ "
                    "by one organisation, do not reveal that organisation. For percentiles "
                    "the noise is scaled to how far one organisation can move the "
                    "estimate. Shares are shown in steps of %(step)s percentage point, and "
                    "a coalition's market share only in bands. Everything is rounded to "
                    "three significant figures after the noise."
                )
                % numbers,
                _(
                    "The noise is drawn from a secret key and the data behind the figure: "
                    "the same figure over the same data always has the same noise. Asking "
                    "again, or waiting for the next release, gives no new draw to average "
                    "away."
                ),
            ],
        ),
        (
            _("What the protection costs"),
            [
                _(
                    "Noise makes figures slightly inaccurate, most for small groups. "
                    "Measured on the fictional national dataset, half of the published "
                    "medians of groups of 20 or more organisations are within about 1%% "
                    "of the exact value, and of groups of 5 to 9 organisations within "
                    "about 6%%. The figures are good for seeing where you stand, not "
                    "for reading an exact price."
                )
            ],
        ),
        (
            _("Against combining figures"),
            [
                _(
                    "Two figures whose groups differ by only a few organisations (the same "
                    "group with and without one member, a vendor's customers against "
                    "everyone, this year against last year) could be subtracted. Within a "
                    "release, any two figures of the same quantity must have the same "
                    "organisations or differ by at least %(difference)s; where two would "
                    "clash, the one with fewer organisations is withheld as well "
                    "(complementary suppression), including figures withheld because one "
                    "organisation dominates them. Every release is also checked against "
                    "the figures shown in the releases of the last %(days)s days: after one "
                    "organisation joins or leaves a group, that group is withheld until "
                    "it differs from every group shown before by at least %(difference)s."
                )
                % numbers,
                _(
                    "Coalitions choose their own members, so many coalitions of "
                    "overlapping members could each give one more noisy total, and enough "
                    "of them would average the noise away. So each organisation's data "
                    "goes into the figures of at most %(sets)s different groups of "
                    "coalition members over the releases of the last %(days)s days. A group that "
                    "formed later waits: its figures are withheld until an earlier one "
                    "drops out of that window. A group shown before costs nothing again."
                )
                % numbers,
                _(
                    "A withheld figure says why, without saying how many organisations it "
                    "has: \u201cfewer than 5 organisations\u201d, \u201cone organisation "
                    "makes up too large a part\u201d or \u201ccould be combined with another "
                    "figure to reveal an organisation\u201d."
                ),
            ],
        ),
    ]
