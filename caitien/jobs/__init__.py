"""Background jobs: Django's task framework (the django-tasks backport) on its database backend.

`caitien.jobs.framework` defines jobs (with a retry policy) and enqueues them when the transaction
commits; `caitien worker` runs them; `caitien.jobs.limits` runs untrusted work (reading an uploaded
file) in a child process with CPU, memory and wall-clock limits; `caitien.jobs.testing` runs
waiting jobs inside a test.
"""
