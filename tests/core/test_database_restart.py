"""The database restarts under a running Regie: while it is down, requests get the 503 page
(and readiness fails); once it is back, they succeed without restarting Regie.

The test starts its own PostgreSQL cluster (initdb in a temporary folder, a free port), so
nothing else on the machine is disturbed."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.test_serving import _free_port, _get, _production_environment, _wait_until_serving

BIN = Path(sys.executable).parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


class Cluster:
    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.data = root / "data"

    def _run(self, *command: str) -> None:
        assert PG_BIN is not None
        argv = [str(PG_BIN / command[0]), *command[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, timeout=120, capture_output=True)

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, with the PostgreSQL suite (it starts its own cluster)")
    if PG_BIN is None or not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL's server binaries (initdb) are not installed")
    # Not pytest's tmp_path: the postgres user must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="regie-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    instance = Cluster(root, _free_port())
    instance.init()
    instance.start()
    try:
        yield instance
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            instance.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.postgres_only
def test_requests_get_503_while_the_database_restarts_and_recover_without_a_restart(
    cluster: Cluster, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **_production_environment(tmp_path, port),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/postgres",
    }
    regie = str(BIN / "regie")
    subprocess.run([regie, "migrate", "-v", "0"], env=environment, check=True, timeout=600)
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [regie, "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path
    )
    try:
        _wait_until_serving(base, server)
        # The public list of published documents: a page that reads the database.
        assert _get(base + "/openbaar/")[0] == 200
        assert _get(base + "/ready/")[0] == 200

        cluster.stop()
        status, body, headers = _get(base + "/openbaar/")
        assert status == 503
        assert "Regie is tijdelijk niet beschikbaar" in body
        assert headers["Retry-After"] == "30"
        assert _get(base + "/health/")[0] == 503
        assert _get(base + "/ready/")[0] == 503

        cluster.start()
        # Every worker's kept connection is stale now; each reconnects on its next request.
        for _ in range(6):
            assert _get(base + "/openbaar/")[0] == 200
        assert _get(base + "/ready/")[:2] == (200, '{"status": "ready"}')
        assert server.poll() is None  # the same gunicorn, never restarted
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
