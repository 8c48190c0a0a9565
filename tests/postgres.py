"""A throwaway PostgreSQL cluster for the test session: initdb in a temp dir, loopback only.

Found through ``initdb`` on PATH or under /usr/lib/postgresql/*/bin. initdb refuses to
run as root, so as root the cluster belongs to the ``postgres`` system user. Without
PostgreSQL the tests that need it are skipped, unless ``ONRECORD_REQUIRE_POSTGRES=1``
(CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE_ENV = "ONRECORD_REQUIRE_POSTGRES"
_USER = "onrecord"


def find_bin_dir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, newest version first, or None."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
        reverse=True,
    )
    return candidates[0].parent if candidates else None


def unavailable(reason: str) -> None:
    """Skip the test for want of PostgreSQL, or fail when CI requires it."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1)", pytrace=False)
    pytest.skip(f"{reason}; set {REQUIRE_ENV}=1 to make this a failure")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A running server: ``url(dbname)`` connects to one of its databases."""

    def __init__(self, bin_dir: Path, root: Path, runner: list[str]) -> None:
        self.bin_dir = bin_dir
        self.root = root
        self.runner = runner
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = 0

    def _call(self, tool: str, *args: str) -> None:
        command = [*self.runner, str(self.bin_dir / tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{log}"
            )

    def start(self) -> None:
        self._call(
            "initdb", "-D", str(self.data), "-U", _USER, "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        # a port found free can be taken before the server binds it: try a few
        for attempt in range(5):
            self.port = _free_port()
            options = (
                f"-p {self.port} -h 127.0.0.1 -k {self.root}"
                " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            try:
                self._call(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                    "-o", options, "start",
                )  # fmt: skip
                return
            except RuntimeError:
                if attempt == 4:
                    raise

    def stop(self) -> None:
        try:
            self._call("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{_USER}@127.0.0.1:{self.port}/{dbname}"

    @contextmanager
    def database(self) -> Iterator[str]:
        """A fresh empty database for one test, dropped afterwards."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield self.url(name)
        finally:
            with psycopg.connect(self.url(), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _runner_and_root() -> tuple[list[str], Path]:
    """How to run the server tools, and a temp dir their user owns."""
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    if os.geteuid() != 0:
        return [], root
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        shutil.rmtree(root)
        unavailable("running as root and there is no 'postgres' system user to run initdb as")
    runuser = shutil.which("runuser")
    if runuser is None:
        shutil.rmtree(root)
        unavailable("running as root and there is no runuser to run initdb as 'postgres'")
    os.chown(root, user.pw_uid, user.pw_gid)
    return [str(runuser), "-u", "postgres", "--"], root


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a cluster for the test session (skipping or failing when there is none)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        unavailable(
            "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql/*/bin)"
        )
        return
    runner, root = _runner_and_root()
    cluster = Cluster(bin_dir, root, runner)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL is installed in {bin_dir} but did not start: {error}")
    try:
        yield cluster
    finally:
        cluster.stop()
