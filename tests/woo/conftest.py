"""deduce is loaded once per test process: its cache is built by ``make install`` (``regie woo
prepare``) or, the first time, here; never per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from regie.woo.suggest import deduced

DATA = Path(__file__).resolve().parents[1] / "data" / "woo"


@pytest.fixture(scope="session")
def deduce_cache() -> Path:
    cache_dir: Path = settings.REGIE_WOO_CACHE_DIR
    deduced.engine(cache_dir)
    return cache_dir
