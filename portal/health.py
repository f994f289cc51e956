"""Liveness report for operators and the load balancer."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search.client import engine_status


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as err:  # the point is to report, not to crash
        return {"status": "unreachable", "error": type(err).__name__}
    return {"status": "ok", "vendor": connection.vendor}


@never_cache
@require_safe
def healthz(request):
    report = {"database": database_status(), "search": engine_status()}
    # The portal works without search (it degrades); without a database it does not.
    healthy = report["database"]["status"] == "ok"
    report["status"] = (
        "ok"
        if healthy and report["search"]["status"] == "ok"
        else ("degraded" if healthy else "down")
    )
    return JsonResponse(report, status=200 if healthy else 503)
