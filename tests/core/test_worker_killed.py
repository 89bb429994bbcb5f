"""``kill -9`` of a gunicorn worker in the middle of writes: every journal entry that exists
has its audit event, no event names an entry that does not exist, and the chain verifies.

Runs with the PostgreSQL suite, on a database of its own on the same server, through
`regie serve` with two workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest

from tests.core.test_serving import _free_port, _production_environment, _wait_until_serving

BIN = Path(sys.executable).parent
CSRF = "k" * 32  # a well-formed CSRF secret: Django compares the header with the cookie

SEED = """
from datetime import timedelta
from django.conf import settings
from django.utils import timezone
from regie.accounts.models import Membership, Role, User
from regie.bench.measure import verified_client
from regie.cases.models import Case, JournalCategory, Person, Theme
from regie.organisations.models import Organisation

amsterdam = Organisation.objects.create(name="Gemeente Amsterdam", kind="gemeente")
noord = Organisation.objects.create(name="Stadsdeel Noord", kind="stadsdeel", parent=amsterdam)
user = User.objects.create_user(username="regisseur", password="x" * 20, first_name="Rik")
Membership.objects.create(user=user, organisation=amsterdam, role=Role.REGISSEUR)
person = Person.objects.create(first_name="Test", last_name="Persoon", area=noord)
case = Case.objects.create(
    number="TST-2026-0001", person=person, theme=Theme.objects.all()[0], area=noord,
    regisseur=user, phase="regie", phase_since=timezone.now(),
    opened_on=timezone.localdate() - timedelta(days=30),
)
client = verified_client(user, "127.0.0.1")
print(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value, case.number,
      JournalCategory.objects.all()[0].pk)
"""


@pytest.fixture
def database() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("runs once, with the PostgreSQL suite")
    name = f"regie_kill_{uuid.uuid4().hex[:10]}"
    server = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _post(base: str, path: str, data: dict[str, str], session: str) -> int:
    """A journal post from a signed-in browser (``session`` is "name=value")."""
    request = urllib.request.Request(  # noqa: S310 (localhost)
        base + path,
        data=urlencode(data).encode(),
        headers={
            "Cookie": f"{session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "HX-Request": "true",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def test_killing_a_worker_mid_write_leaves_no_write_unaudited(
    database: str, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {**_production_environment(tmp_path, port), "DATABASE_URL": database}
    regie = str(BIN / "regie")
    subprocess.run([regie, "migrate", "-v", "0"], env=environment, check=True, timeout=600)
    seeded = subprocess.run(
        [regie, "shell", "-v", "0", "-c", SEED],
        env=environment,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    ).stdout.split()
    cookie, session, number, category = seeded[-4:]
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [regie, "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path
    )
    outcomes: list[int | str] = []
    try:
        _wait_until_serving(base, server)

        def write(thread: int) -> None:
            for n in range(25):
                data = {
                    "occurred_on": time.strftime("%Y-%m-%d"),
                    "category": category,
                    "text": f"Gesprek {thread}-{n}.",
                    "visibility": "regie",
                }
                try:
                    outcomes.append(
                        _post(base, f"/casussen/{number}/journaal/", data, f"{cookie}={session}")
                    )
                except (urllib.error.URLError, ConnectionError) as error:
                    outcomes.append(type(error).__name__)

        writers = [threading.Thread(target=write, args=(t,)) for t in range(4)]
        for writer in writers:
            writer.start()
        time.sleep(1.5)
        victims = _workers(server.pid)
        assert len(victims) == 2
        os.kill(victims[0], signal.SIGKILL)
        for writer in writers:
            writer.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()

    saved = [o for o in outcomes if o in (200, 302)]
    assert len(saved) > 50, outcomes  # the other worker, and the replacement, kept writing
    with psycopg.connect(database) as conn:
        entries = {
            str(row[0]) for row in conn.execute("SELECT id FROM cases_journalentry").fetchall()
        }
        events = [
            row[0]
            for row in conn.execute(
                "SELECT object_id FROM audit_auditevent WHERE action = 'cases.journal.create'"
            ).fetchall()
        ]
    assert len(entries) >= len(saved)
    assert sorted(events) == sorted(entries)  # one event per entry, none for a lost one
    verified = subprocess.run(
        [regie, "audit", "verify"], env=environment, capture_output=True, text=True, timeout=300
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "audit chain intact" in verified.stdout
