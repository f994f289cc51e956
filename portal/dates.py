import calendar
from datetime import date


def add_months(day, months):
    """``day`` moved by whole months (negative to go back), clamped to the month's end:
    31 January + 1 month = 28 or 29 February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
