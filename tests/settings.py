"""Test settings: production settings with test values for the required variables."""

import os

os.environ.setdefault("REGIE_DEBUG", "0")
os.environ.setdefault("REGIE_SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("REGIE_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# Tests (and the live server for browser tests) speak plain HTTP.
os.environ.setdefault("REGIE_HTTPS", "0")
os.environ.setdefault("REGIE_STATIC_FROM_FINDERS", "1")
os.environ.setdefault("REGIE_ENVIRONMENT", "test")
os.environ.setdefault("REGIE_TASKS_IMMEDIATE", "1")
# A line per request would bury a failing test's output; tests/core/test_serving.py turns it on.
os.environ.setdefault("REGIE_ACCESS_LOG", "0")

from regie.settings import *  # noqa: F403
from regie.settings import STORAGES

# Hashing with argon2's production cost for every fixture user would dominate the run time;
# production uses Argon2 (asserted in tests/accounts/test_passwords.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
