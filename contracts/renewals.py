"""When must notice be given? The renewal radar and the reminder task read this."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from portal.dates import add_months


@dataclass(frozen=True)
class NoticeDeadline:
    end_date: date  # the end the notice would stop the contract at
    deadline: date  # the last day to give notice
    renewals_followed: int  # automatic renewals already passed to get here


def notice_deadline(contract, today):
    """The next date by which notice must be given: the end date minus the notice
    period; for a contract that renews automatically and whose deadline has passed,
    the end of the next renewal term instead. None for a contract that has ended."""
    end = contract.end_date
    renewals = 0
    deadline = add_months(end, -contract.notice_period_months)
    renewal_term = contract.renewal_term_months or contract.initial_term_months
    while contract.auto_renewal and deadline < today:
        end = add_months(end, renewal_term)
        deadline = add_months(end, -contract.notice_period_months)
        renewals += 1
    if end < today:
        return None
    return NoticeDeadline(end, deadline, renewals)


def urgency(deadline, today):
    """'passed', 'urgent' (within RENEWAL_URGENT_MONTHS), 'soon' (within
    RENEWAL_SOON_MONTHS) or 'later'."""
    if deadline < today:
        return "passed"
    if deadline <= add_months(today, settings.RENEWAL_URGENT_MONTHS):
        return "urgent"
    if deadline <= add_months(today, settings.RENEWAL_SOON_MONTHS):
        return "soon"
    return "later"


def radar(contracts, today):
    """[(contract, NoticeDeadline, urgency)] for the contracts still running, soonest
    deadline first."""
    rows = []
    for contract in contracts:
        found = notice_deadline(contract, today)
        if found is not None:
            rows.append((contract, found, urgency(found.deadline, today)))
    rows.sort(key=lambda row: (row[1].deadline, row[0].reference))
    return rows
