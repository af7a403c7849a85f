"""gunicorn settings for the API: ``gunicorn -c python:service.gunicorn_conf``.

Read from the same environment variables as the rest of the service, so
``make run``, the container and the tests start the API the same way.
gunicorn runs the processes; waitress, inside each, reads the requests
(see service/waitress_worker.py, which also holds the HTTP limits).
"""

# Only gunicorn's own setting names may be module globals here.
from service.config import env as _env
from service.logs import gunicorn_logging as _gunicorn_logging
from service.waitress_worker import child_exit, pre_fork  # noqa: F401  (gunicorn's hooks, by name)

bind = f"{_env('CLAIMS_HOST')}:{_env('CLAIMS_API_PORT')}"
workers = int(_env("CLAIMS_API_WORKERS"))
worker_class = "service.waitress_worker.WaitressWorker"
# The API needs no control socket; without one, several instances can run
# side by side and nothing is written to the home directory.
control_socket_disable = True
graceful_timeout = 8
loglevel = _env("CLAIMS_LOG_LEVEL").lower()
# gunicorn's own lines in the service's JSON-lines format (service/logs.py).
logconfig_dict = _gunicorn_logging(_env("CLAIMS_LOG_LEVEL"))
