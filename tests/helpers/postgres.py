"""A throwaway PostgreSQL cluster for the tests: ``initdb`` into a temporary folder, ``pg_ctl start`` on a
Unix socket only (no TCP port), stopped and removed at the end. The binaries come from the Debian
``postgresql`` package (``.ci/run`` installs it where it is missing); without them the tests skip.

initdb refuses to run as root, so as root the cluster runs as the ``postgres`` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PASSWORD = "throwaway-test-password"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield a SQLAlchemy URL (password auth over the socket); stop it at the end."""
    bin_dir = binaries()
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="safecohort-pg-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    user = None
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chmod(root, 0o755)
        for path in (root, socket):
            os.chown(path, user.pw_uid, user.pw_gid)

    def run(*command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if user is not None else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=root)

    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if user is not None:
        os.chown(password_file, user.pw_uid, user.pw_gid)
    run(
        str(bin_dir / "initdb"),
        "-D",
        str(data),
        "-U",
        "safecohort",
        "--auth=scram-sha-256",
        f"--pwfile={password_file}",
        "-E",
        "UTF8",
    )
    options = f"-k {socket} -c listen_addresses=''"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(root / "log"), "start")
    try:
        yield f"postgresql://safecohort:{PASSWORD}@/postgres?host={socket}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
