from django.db import models


class RenewalReminder(models.Model):
    """Remembers that the reminder for one notice deadline was sent, so the daily task
    sends it once."""

    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.CASCADE, related_name="renewal_reminders"
    )
    deadline = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "deadline"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.contract_id} {self.deadline}"
