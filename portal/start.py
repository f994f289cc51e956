"""The personal start page after log-in ("Mijn portaal"). Each app that owns data adds
its panels (``register_panel`` in its AppConfig.ready), so the portal core imports none
of them. A panel function returns None when it has nothing for this user's role: the
page shows a procurement specialist her notice dates and savings, a coordinator the
coalitions' open work, a vendor representative requests and expiring evidence, and a
policy analyst the market headlines."""

from dataclasses import dataclass, field

_panels = []


@dataclass(frozen=True)
class StartLine:
    text: str
    url: str = ""
    note: str = ""  # a short second line: a date, an amount, a stage
    state: str = ""  # "urgent", "soon" or "" (shown as a badge and in words)
    state_label: str = ""


@dataclass(frozen=True)
class StartPanel:
    title: str
    lines: list[StartLine] = field(default_factory=list)
    empty: str = ""  # what the panel says when it has no lines
    summary: str = ""  # one sentence above the lines
    more_url: str = ""
    more_label: str = ""


def register_panel(order, panel):
    """``panel(request, today)`` returns a StartPanel, or None when it does not apply to
    ``request.user`` (the request, so that a panel can log its reads as its page does)."""
    if all(existing is not panel for _order, existing in _panels):
        _panels.append((order, panel))
        _panels.sort(key=lambda entry: entry[0])


def panels_for(request, today):
    return [found for _order, panel in _panels if (found := panel(request, today)) is not None]
