"""Production serving: readiness, the request id from the proxy, the access log, and gunicorn
with the project's configuration (``regie serve``, docs/operations.md#production)."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from regie.audit.models import AuditEvent

PROJECT = Path(settings.PROJECT_DIR)
BIN = Path(sys.executable).parent
PROXY_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def test_ready_when_the_audit_chain_can_be_read(client: Client, db) -> None:
    response = client.get(reverse("ready"))
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_not_ready_when_the_audit_log_cannot_be_read(client: Client, db) -> None:
    table = AuditEvent._meta.db_table
    # Real unreadability, undone by the test's own rollback (DDL is transactional on both).
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    # Liveness does not depend on the audit log; the connection is still usable.
    assert client.get(reverse("health")).status_code == 200


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_request_id_from_a_trusted_proxy_reaches_the_audit_log(client: Client, db) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": "nobody", "password": "wrong"},
        HTTP_X_REQUEST_ID=PROXY_ID,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.10",
    )
    assert response["X-Request-ID"] == PROXY_ID
    assert AuditEvent.objects.filter(request_id=PROXY_ID).exists()


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_a_uuid_request_id_is_kept_without_its_dashes(client: Client, db) -> None:
    response = client.get(
        reverse("health"), HTTP_X_REQUEST_ID="0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    )
    assert response["X-Request-ID"] == PROXY_ID


@pytest.mark.parametrize("value", ["short", "x" * 33, "a b c d e f g h", "<script>alert(1)"])
@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_a_malformed_request_id_is_replaced(client: Client, db, value: str) -> None:
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=value)
    assert response["X-Request-ID"] != value
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_without_a_proxy_the_client_cannot_choose_its_request_id(client: Client, db) -> None:
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=PROXY_ID)
    assert response["X-Request-ID"] != PROXY_ID


@override_settings(REGIE_ACCESS_LOG=True)
def test_access_log_has_no_query_string_and_no_token(
    client: Client, db, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="regie.access")
    login = client.get(reverse("accounts:login") + "?next=/zoeken/%3Fq%3DJansen")
    token = "hemelsgeheim-token-0123456789"
    client.get(reverse("meetings:feed", kwargs={"token": token}))
    lines = [r.getMessage() for r in caplog.records if r.name == "regie.access"]
    assert len(lines) == 2
    assert re.fullmatch(r"GET /inloggen/ 200 \d+ms " + login["X-Request-ID"], lines[0])
    assert "Jansen" not in "\n".join(lines)
    assert token not in lines[1]
    assert "(masked)" in lines[1]


@override_settings(REGIE_ACCESS_LOG=False)
def test_access_log_can_be_turned_off(client: Client, db, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="regie.access")
    client.get(reverse("health"))
    assert [r for r in caplog.records if r.name == "regie.access"] == []


# --- gunicorn, as `make serve` runs it ------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _production_environment(tmp_path: Path, port: int) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("REGIE_", "DATABASE_URL"))}
    keep.pop("DJANGO_SETTINGS_MODULE", None)
    return {
        **keep,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "REGIE_SECRET_KEY": "serve-test-" + "k" * 50,
        "REGIE_ALLOWED_HOSTS": "127.0.0.1",
        "REGIE_HTTPS": "0",
        "REGIE_STATIC_ROOT": str(tmp_path / "static"),
        "REGIE_BIND": f"127.0.0.1:{port}",
        "REGIE_WEB_WORKERS": "2",
        # Compressing every static file takes most of a minute of CPU; nothing here tests it.
        "REGIE_STATIC_COMPRESS": "0",
    }


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (localhost)
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.fixture
def served(tmp_path: Path) -> tuple[str, Path, dict[str, str]]:
    """A free port, and the production environment `regie serve` runs with."""
    port = _free_port()
    environment = _production_environment(tmp_path, port)
    return f"http://127.0.0.1:{port}", tmp_path, environment


def _wait_until_serving(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            _get(base + "/health/")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    pytest.fail("gunicorn did not answer within 60 s")


def test_serve_refuses_an_unmigrated_database_in_one_line(
    served: tuple[str, Path, dict[str, str]],
) -> None:
    _base, _tmp, environment = served
    result = subprocess.run(
        [str(BIN / "regie"), "serve"], env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "the database has" in last
    assert "run `regie migrate` first" in last


def test_serve_refuses_development_mode(served: tuple[str, Path, dict[str, str]]) -> None:
    _base, _tmp, environment = served
    result = subprocess.run(
        [str(BIN / "regie"), "serve"],
        env={**environment, "REGIE_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "unset REGIE_DEBUG" in result.stderr.strip().splitlines()[-1]


def test_serve_runs_gunicorn_with_health_readiness_and_a_clean_access_log(
    served: tuple[str, Path, dict[str, str]],
) -> None:
    base, tmp_path, environment = served
    regie = str(BIN / "regie")
    subprocess.run([regie, "migrate", "-v", "0"], env=environment, check=True, timeout=300)
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [regie, "serve"],
        env={**environment, "REGIE_ACCESS_LOG": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    try:
        _wait_until_serving(base, process)
        assert _get(base + "/health/")[:2] == (200, '{"status": "ok"}')
        assert _get(base + "/ready/")[:2] == (200, '{"status": "ready"}')
        status, body, headers = _get(base + "/inloggen/?next=/zoeken/%3Fq%3DJansen")
        assert status == 200
        assert "<!DOCTYPE html>" in body
        # collectstatic ran: the page's stylesheet is served from the manifest, by WhiteNoise.
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', body)
        assert stylesheet is not None
        assert _get(base + stylesheet.group(1))[0] == 200
        request_id = headers["X-Request-ID"]
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert len(re.findall(r"Booting worker", output)) == 2  # REGIE_WEB_WORKERS
    assert "regie.access GET /inloggen/ 200" in output
    assert request_id in output
    assert "Jansen" not in output
    assert process.returncode == 0  # gunicorn itself answered TERM: serve exec'd it
