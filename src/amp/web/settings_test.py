"""Settings for the test suite: the real settings with a fixed key and in-memory SQLite.

DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/amp_test) runs them on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("AMP_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
# a data directory of this test process alone (stored report PDFs, locks): runs side by
# side on one machine, or one after the other, never see each other's files
_DATA_DIR = tempfile.TemporaryDirectory(prefix="amp-test-")
os.environ.setdefault("AMP_DATA_DIR", _DATA_DIR.name)

from amp.web.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
