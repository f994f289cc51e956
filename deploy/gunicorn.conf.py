"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`."""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = 1
timeout = 60  # the first request after a deploy may build a benchmark publication
graceful_timeout = 30
max_requests = 2000  # recycle workers: the per-process caches are bounded, but be safe
max_requests_jitter = 200
preload_app = True
accesslog = "-"
# The proxy's X-Forwarded-For as received, after the peer (the proxy); the portal's own
# access log stores the client address it derives from it (TRUSTED_PROXIES).
access_log_format = (
    '%(h)s [%({x-forwarded-for}i)s] %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
)
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    # Objects loaded before forking never change: keep the collector off them, which
    # also keeps the copy-on-write pages shared between the workers.
    gc.freeze()
