"""A local attacker (or a careless script) around the journal's files: each finding of
issue 17 done as the attack itself, against the real command line.

* an export never replaces a FIFO, a device (through a link: tests do not run as
  root, so /dev/null is reached through a symbolic link), a folder or the side files
  of an SQLite database; the file the attack pointed at is there, unchanged, after;
* an import from a FIFO or /dev/zero stops at the size limit, counted in bytes read;
* every folder the app makes is owner-only.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.cli import main
from reljournal.core.errors import StorageError, ValidationError
from reljournal.store import files
from tests.reliability.local_user import LocalUser

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices are POSIX")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _export(capsys: pytest.CaptureFixture[str], journal_path: Path, dest: Path) -> tuple[int, str]:
    code, _, err = run(
        capsys, "export-csv", str(dest), "--kind", "accounts", "--db", str(journal_path)
    )
    return code, err


def test_an_export_never_replaces_a_fifo(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "f.csv"
    os.mkfifo(fifo)
    code, err = _export(capsys, journal_path, fifo)
    assert code == 1 and "not a regular file" in err and "standard output" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, no plaintext file there
    left = [p.name for p in tmp_path.iterdir() if not p.name.startswith("journal.db")]
    assert left == ["f.csv"]  # and no temporary file left


def test_an_export_never_replaces_a_link_to_a_device(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "null.csv"
    link.symlink_to("/dev/null")
    code, err = _export(capsys, journal_path, link)
    assert code == 1 and "not a regular file" in err
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_export_as_root_never_replaces_a_device(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The finding itself: run as root, ``export-csv /dev/null`` replaced /dev/null with a
    regular file. Done on a device node of the same kind (character device 1,3, what
    /dev/null is) made in the test's own folder, so a regression cannot break the machine."""
    if os.geteuid() != 0:
        pytest.skip("the finding needs root (only root may replace a device node)")
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"no device node can be made here ({exc.strerror})")
    code, err = _export(capsys, journal_path, device)
    assert code == 1 and "not a regular file" in err
    mode = os.lstat(device)
    assert stat.S_ISCHR(mode.st_mode) and mode.st_rdev == os.makedev(1, 3)  # still the device
    left = [p.name for p in tmp_path.iterdir() if not p.name.startswith("journal.db")]
    assert left == ["null"]  # and no temporary file left beside it


def test_an_export_refuses_a_link_to_a_fifo_a_dangling_link_and_a_folder(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "to-pipe.csv").symlink_to(fifo)
    (tmp_path / "nowhere.csv").symlink_to(tmp_path / "missing" / "x.csv")
    (tmp_path / "folder.csv").mkdir()
    for name, words in (
        ("to-pipe.csv", "not a regular file"),
        ("nowhere.csv", "link to nothing"),
        ("folder.csv", "folder"),
    ):
        code, err = _export(capsys, journal_path, tmp_path / name)
        assert code == 1 and words in err, (name, err)
    assert (tmp_path / "to-pipe.csv").is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert (tmp_path / "nowhere.csv").is_symlink() and not (tmp_path / "missing").exists()


def test_an_export_through_a_link_to_a_regular_file_replaces_that_file(
    journal_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _ = _export(capsys, journal_path, link)
    assert code == 0
    assert link.is_symlink() and "Name" in real.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_an_export_or_backup_to_a_databases_side_file_is_refused(
    journal_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    side = Path(str(journal_path) + suffix)
    side.unlink(missing_ok=True)
    code, err = _export(capsys, journal_path, side)
    assert code == 1 and "side file" in err
    assert not side.exists()
    code, _, err = run(capsys, "backup", str(side), "--db", str(journal_path))
    assert code == 1 and "side file" in err
    assert not side.exists()
    # the journal still opens with everything in it
    code, out, _ = run(capsys, "accounts", "--db", str(journal_path))
    assert code == 0


def test_write_private_file_refuses_a_side_file_of_any_database(tmp_path: Path) -> None:
    other = tmp_path / "crm.sqlite"
    other.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(StorageError, match="side file"):
        files.write_private_file(tmp_path / "crm.sqlite-WAL", "x")
    files.write_private_file(tmp_path / "notes-journal", "x")  # no database of that name


def test_an_import_from_dev_zero_stops_at_the_limit(
    journal_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reljournal.journal.transfer.MAX_JOURNAL_FILE_BYTES", 8 * 1024**2)
    code, _, err = run(capsys, "import", "/dev/zero", "--db", str(journal_path))
    assert code == 1 and "too large" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "import-csv", "/dev/zero", "--kind", "contacts", "--db", str(journal_path)
    )
    assert code == 1 and "too large" in err


def test_the_real_limit_holds_for_dev_zero_without_running_out_of_memory(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", "/dev/zero", "--db", str(journal_path))
    assert code == 1 and "too large" in err and "512 MB" in err


def test_a_fifo_import_counts_the_bytes_it_reads(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)
    written: list[int] = []

    def feed() -> None:
        try:
            with fifo.open("wb") as out:
                for _ in range(64):
                    out.write(b"x" * 65536)
                    written.append(1)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(ValidationError, match="too large"):
        files.read_import_file(fifo, "a CSV file", 1024 * 1024)
    writer.join(10)
    assert not writer.is_alive()


def test_a_small_fifo_import_is_read_whole(tmp_path: Path) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as out:
            out.write(b"Name,Company\nAnn,Acme\n")

    writer = threading.Thread(target=feed)
    writer.start()
    assert files.read_import_file(fifo, "a CSV file", 1024) == b"Name,Company\nAnn,Acme\n"
    writer.join(10)


def test_folders_the_app_makes_are_owner_only(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_keychain: object,
) -> None:
    old = os.umask(0o022)
    try:
        data = tmp_path / "data" / "deeper"
        monkeypatch.setenv("RELJOURNAL_DATA_DIR", str(data))
        monkeypatch.setenv("RELJOURNAL_PASSPHRASE", "correct horse battery staple")
        journal = data / "journal.db"
        assert run(capsys, "init", "--db", str(journal))[0] == 0
        assert run(capsys, "backup", "--db", str(journal))[0] == 0
        split = tmp_path / "md" / "split"
        assert run(capsys, "export-md", str(split), "--split", "--db", str(journal))[0] == 0
        for folder in (tmp_path / "data", data, data / "backups", tmp_path / "md", split):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    finally:
        os.umask(old)


def test_an_existing_world_readable_backups_folder_is_narrowed(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = journal_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    os.chmod(backups, 0o755)
    assert run(capsys, "backup", "--db", str(journal_path))[0] == 0
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700


# ---------------------------------------------------------------- another local user

_SQUATTER = r"""
use IO::Socket::UNIX;
my ($dir, @paths) = @ARGV;
umask 0;
mkdir $dir, 0777;
my @servers = map { IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $_, Listen => 5)
    or die "cannot listen on $_: $!" } @paths;
$| = 1;
print "ready\n";
while (1) {
    for my $s (@servers) {
        $s->blocking(0);
        if (my $c = $s->accept) { $c->blocking(1); my $l = <$c>; print $c "ok\n"; close $c; }
    }
    select(undef, undef, undef, 0.05);
}
"""


def _perl() -> bool:
    return Path("/usr/bin/perl").exists()


@pytest.mark.skipif(not _perl(), reason="the squatter is a perl script")
def test_another_user_cannot_squat_the_single_instance_socket(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, other_user: LocalUser
) -> None:
    """Another local user (made for the test) takes, before the app starts, every name
    the app would look at in the shared temporary folder: the old predictable socket name
    and a ``reljournal-<uid>`` folder of their own with a socket in it. The app must
    neither believe "already open" nor use that folder."""
    import getpass
    import hashlib
    import shutil
    import subprocess
    import tempfile

    from reljournal.ui.single_instance import InstanceGuard

    shared = Path(tempfile.mkdtemp(prefix="shared-tmp-", dir="/tmp"))
    os.chmod(shared, 0o1777)
    monkeypatch.setenv("TMPDIR", str(shared))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    journal = tmp_path / "journal.db"
    digest = hashlib.sha256(f"{getpass.getuser()}\0{journal.resolve()}".encode()).hexdigest()[:20]
    squat_dir = shared / f"reljournal-{os.getuid()}"
    squatter = other_user.popen(
        ["/usr/bin/perl", "-e", _SQUATTER, str(squat_dir),
         str(shared / f"reljournal-{digest}"), str(squat_dir / f"{digest}.sock")],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert squatter.stdout is not None and squatter.stdout.readline().strip() == "ready"
        assert os.stat(squat_dir).st_uid == other_user.uid
        guard = InstanceGuard(journal)
        assert not guard.activate_existing(500)  # the squatter is not "the app already open"
        assert guard.listen()
        assert not guard.name.startswith(str(squat_dir) + "/")
        folder = Path(guard.name).parent
        info = os.lstat(folder)
        assert info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o700
        second = InstanceGuard(journal)  # a second start of the app finds the first
        assert second.name == guard.name and second.activate_existing(1000)
        guard.close()
        for one in (guard, second):
            one.deleteLater()
    finally:
        squatter.kill()
        squatter.wait(10)
        assert squatter.stdout is not None
        squatter.stdout.close()
        shutil.rmtree(shared, ignore_errors=True)


def test_the_socket_folder_is_private_under_xdg_runtime_dir(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reljournal.ui.single_instance import InstanceGuard

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    guard = InstanceGuard(tmp_path / "journal.db")
    assert guard.name.startswith(str(runtime / "reljournal") + "/")
    assert stat.S_IMODE((runtime / "reljournal").stat().st_mode) == 0o700
    assert guard.listen()
    guard.close()


@pytest.fixture
def home_like(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder others may enter (0755), as most home folders are, under a umask of 022,
    with the data folder in it and the CLI set to a passphrase journal there."""
    import shutil
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="home-", dir="/tmp"))
    os.chmod(home, 0o755)
    old = os.umask(0o022)
    monkeypatch.setenv("RELJOURNAL_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("RELJOURNAL_NO_KEYCHAIN", "1")
    monkeypatch.setenv("RELJOURNAL_PASSPHRASE", SECRET)
    try:
        yield home
    finally:
        os.umask(old)
        shutil.rmtree(home, ignore_errors=True)


SECRET = "correct horse battery staple"


def test_another_user_cannot_list_or_read_the_journal_backups_and_exports(
    capsys: pytest.CaptureFixture[str], home_like: Path, other_user: LocalUser
) -> None:
    """The other user tries to list the folders whose file names are customer names,
    and to read the journal, its WAL, a backup and every kind of export, knowing their
    names, in a home-like folder they may enter."""
    data = home_like / "data"
    journal = data / "journal.db"
    db = ("--db", str(journal))
    assert run(capsys, "init", *db)[0] == 0
    assert run(capsys, "demo", "--accounts", "3", "--entries", "10", *db)[0] == 0
    assert run(capsys, "backup", *db)[0] == 0
    split = home_like / "notes"
    assert run(capsys, "export-md", str(split), "--split", *db)[0] == 0
    exports = home_like / "exports"
    exports.mkdir(mode=0o755)
    assert run(capsys, "export", str(exports / "journal.json"), *db)[0] == 0
    assert (
        run(capsys, "export-csv", str(exports / "accounts.csv"), "--kind", "accounts", *db)[0] == 0
    )
    for folder in (data, data / "backups", split):
        listed = other_user.run(["/bin/ls", str(folder)])
        assert listed.returncode != 0 and "Permission denied" in listed.stderr, folder
    files = [journal, *(data / "backups").iterdir(), *split.rglob("*.md"), *exports.iterdir()]
    wal = Path(f"{journal}-wal")
    if wal.exists():
        files.append(wal)
    assert len(files) >= 6 and all(f.is_file() for f in files)
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        looked = other_user.run(["/bin/cat", str(file)])
        assert looked.returncode != 0 and looked.stdout == "", file
    # the exports folder is theirs to enter: they see the names (they chose nothing), not the text
    assert other_user.run(["/bin/ls", str(exports)]).returncode == 0


def test_another_user_cannot_read_a_secret_from_a_running_process(
    home_like: Path, other_user: LocalUser, tmp_path: Path
) -> None:
    """A ``reljournal`` process given its passphrase through the environment (automation)
    and one given the recovery key on standard input are held waiting on a FIFO; the
    other user reads their command lines (world-readable) and tries their environment."""
    import subprocess
    import sys

    journal = home_like / "data" / "journal.db"
    env = dict(os.environ)
    made = subprocess.run(
        [sys.executable, "-m", "reljournal", "init", "--db", str(journal)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    fifo = tmp_path / "in.json"
    os.mkfifo(fifo)
    runs = {
        "environment": ([], env, SECRET),
        "stdin": (["--passphrase-stdin"], {k: v for k, v in env.items()
                                           if k != "RELJOURNAL_PASSPHRASE"}, SECRET),
    }  # fmt: skip
    for how, (extra, process_env, secret) in runs.items():
        proc = subprocess.Popen(
            [sys.executable, "-m", "reljournal", "import", str(fifo), "--db", str(journal), *extra],
            env=process_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert proc.stdin is not None
            if how == "stdin":
                proc.stdin.write(secret + "\n")
                proc.stdin.flush()
            writer = _wait_for_fifo_reader(proc.pid, fifo)
            cmdline = other_user.run(["/bin/cat", f"/proc/{proc.pid}/cmdline"])
            assert secret not in cmdline.stdout and secret not in cmdline.stderr, how
            environ = other_user.run(["/bin/cat", f"/proc/{proc.pid}/environ"])
            assert environ.returncode != 0 and secret not in environ.stdout, how
            for private in ("mem", "fd/0"):
                peek = other_user.run(["/bin/cat", f"/proc/{proc.pid}/{private}"])
                assert peek.returncode != 0 and secret not in peek.stdout, (how, private)
            os.close(writer)
        finally:
            proc.kill()
            proc.communicate(timeout=30)


def _wait_for_fifo_reader(pid: int, fifo: Path, seconds: float = 60) -> int:
    """Until process ``pid`` opens the FIFO to read (it then has its secret in hand); the
    write end, held open without writing, keeps it waiting there. Returns that end."""
    import errno
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        if not Path(f"/proc/{pid}").exists():
            raise AssertionError("the reljournal process ended before opening the FIFO")
        time.sleep(0.05)
    raise AssertionError("the reljournal process never opened the FIFO")
