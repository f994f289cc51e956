from django_tasks import task

from disclosure.releases import request


@task()
def publish_release(reason="out of turn"):
    """A release out of turn: after an organisation deleted its data, so that no figure
    keeps counting it longer than needed. Made at once unless the latest release is
    younger than DISCLOSURE_MIN_RELEASE_GAP_DAYS; then the daily ``publish_release
    --if-due`` makes it once that gap has passed (disclosure.releases.request)."""

    request(reason)
