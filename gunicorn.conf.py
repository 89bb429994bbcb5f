"""gunicorn's configuration for Regie (`make serve`, deploy/systemd/regie-web.service).

Read from the environment, like the settings, so one EnvironmentFile configures both:

- ``REGIE_BIND`` (default ``127.0.0.1:8000``): where gunicorn listens; behind nginx a local
  address or ``unix:/run/regie/web.sock``.
- ``REGIE_WEB_WORKERS`` (default 2 × cores + 1): synchronous worker processes. A Regie page is
  CPU work between short database calls, so more workers than that only queue on the CPU.
- ``REGIE_WEB_TIMEOUT`` (default 60 s): a worker silent for longer is killed and replaced. The
  longest requests are PDF exports of large minutes and the data-subject export.

gunicorn writes no access log: Regie's middleware logs each request on the ``regie.access``
logger, with the path as the audit log has it (no query string, tokens in the URL masked) and
the request id (docs/operations.md#access-log). gunicorn's own line would print the raw URL.
"""

from __future__ import annotations

import multiprocessing
import os


def _integer(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, got {value}")
    return value


wsgi_app = "regie.wsgi:application"
bind = [os.environ.get("REGIE_BIND", "").strip() or "127.0.0.1:8000"]
workers = _integer("REGIE_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1, 1)
worker_class = "sync"
timeout = _integer("REGIE_WEB_TIMEOUT", 60, 5)
# On SIGTERM or SIGHUP (systemctl reload) a worker finishes the request it is serving first.
graceful_timeout = 30
keepalive = 5
# A worker is replaced after about a thousand requests, so slow leaks cannot grow without end;
# the jitter keeps the workers from restarting all at once.
max_requests = 1000
max_requests_jitter = 100
# Load the application before forking: a configuration error stops `make serve` at once with
# its one-line message, instead of every worker failing in turn.
preload_app = True
# The heartbeat files in memory, not on a disk that may stall (a container's overlay).
_SHM = "/dev/shm"  # noqa: S108 (gunicorn's own files, created private to the worker)
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
accesslog = None
errorlog = "-"
loglevel = os.environ.get("REGIE_LOG_LEVEL", "info").lower()
# Regie trusts X-Forwarded-For through REGIE_PROXY_COUNT, not gunicorn's allow-list.
forwarded_allow_ips = "127.0.0.1,::1"
# No control socket: nothing here uses it, and it would be one more way into the process.
control_socket_disable = True
proc_name = "regie"
