"""The disclosure rules, each a setting (the defaults follow ../shared/domain.md)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class Rules:
    # A figure needs at least this many distinct organisations ...
    min_organisations: int = 5
    # ... none of which makes up more than this share of its total (dominance rule).
    max_share: float = 0.25
    # P10 and P90 only from this many organisations.
    min_for_tails: int = 10
    # Only contracts that started, and were recorded, at least this long ago count.
    min_age_days: int = 90
    # Noise on sums: the Laplace scale as a multiple of the largest single contribution.
    sum_noise: float = 1.0
    # Noise on quantiles: the Laplace scale as a multiple of the local sensitivity of the
    # Harrell-Davis estimate (how far one more organisation can move it).
    quantile_noise: float = 1.0
    # Shares and percentages are published in steps of this many percentage points.
    share_step: float = 1.0
    # Figures over sets chosen by their users (coalitions): an organisation's data goes
    # into at most this many distinct sets over the differencing window (budget.py).
    sets_per_organisation: int = 12

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(
            min_organisations=settings.PRICE_MIN_ORGANISATIONS,
            max_share=settings.PRICE_MAX_ORGANISATION_SHARE,
            min_for_tails=settings.PRICE_MIN_ORGANISATIONS_FOR_TAILS,
            min_age_days=settings.PRICE_MIN_AGE_DAYS,
            sum_noise=settings.DISCLOSURE_SUM_NOISE,
            quantile_noise=settings.DISCLOSURE_QUANTILE_NOISE,
            share_step=settings.DISCLOSURE_SHARE_STEP,
            sets_per_organisation=settings.DISCLOSURE_SETS_PER_ORGANISATION,
        )


def recorded_by(as_of: date, min_age_days: int) -> datetime:
    """Records created before this moment are at least ``min_age_days`` old on
    ``as_of``: the start of the day after the cutoff day, in the current time zone.
    (A contract counts when it started, and was recorded, that long ago: a back-dated
    contract entered today waits as long as a new one.)"""
    from django.utils import timezone

    cutoff = as_of - timedelta(days=min_age_days)
    return timezone.make_aware(datetime.combine(cutoff + timedelta(days=1), time.min))
