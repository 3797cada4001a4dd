"""gunicorn settings for scripts/serve-production; each one can be changed from the environment.

PORT (8000) and GUNICORN_BIND (127.0.0.1:$PORT): where to listen; put a TLS proxy in front.
WEB_CONCURRENCY (2 × CPUs + 1): worker processes. GUNICORN_THREADS (1): threads per worker.
GUNICORN_TIMEOUT (30): seconds after which a silent worker is killed and replaced.
"""

import multiprocessing
import os

wsgi_app = "cooperation.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads let a worker go on serving while one request waits on the database.
# Pages are CPU-bound: threads add contention for the interpreter lock, and keep-alive connections
# pinned to a busy worker wait behind it. Plain sync workers served 15 requests/s with no error at
# 64 clients where 4 threads a worker served 10/s with 5% timeouts (scripts/load_test.py).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

# Above the database connect timeout (3 s), so a worker waiting on a dead database answers 503
# before it is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

# Access and error logs to stdout/stderr, for the process supervisor to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# No runtime control socket: it lives at one fixed path per user, which two servers would share.
control_socket_disable = True
