"""A coalition's dated lifecycle, read from the audit trail: every event on the
coalition that set its stage (creation, then each move by a coordinator)."""

from dataclasses import dataclass
from datetime import datetime

from coalitions.models import Coalition
from portal.models import AuditEvent

Stage = Coalition.Stage


@dataclass(frozen=True)
class StageStep:
    at: datetime
    from_stage: str  # empty for the first step
    to_stage: str
    by: str
    note: str

    @classmethod
    def of(cls, event):
        return cls(
            at=event.at,
            from_stage=event.before.get("stage") or "",
            to_stage=event.after["stage"],
            by=event.actor_label,
            note=event.note,
        )

    @property
    def from_label(self):
        return Stage(self.from_stage).label if self.from_stage else ""

    @property
    def to_label(self):
        return Stage(self.to_stage).label


def stage_history(coalition):
    """The coalition's stage steps, oldest first."""
    events = AuditEvent.objects.for_object(coalition).filter(after__has_key="stage")
    return [StageStep.of(event) for event in events.order_by("at", "pk")]
