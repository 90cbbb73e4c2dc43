"""The web front and the process model: the signature gate and HTTP server, gunicorn's workers, how
commands and events are run, graceful shutdown, the bounded listener pool and database health."""
