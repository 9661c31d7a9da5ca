"""One build at a time per store: an advisory lock file that names its holder.

The lock is ``kg-build.lock`` inside the store folder, held with ``flock``:
the kernel releases it when the holder exits or is killed, so a lock left by
a killed build is never stale in effect; the pid written in the file is only
there to tell the next build who holds it (and, after a kill, that the
previous holder is gone). Readers never take it: they open the store
read-only and see the last committed write.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from kg.errors import StoreError
from kg.store import BUILD_LOCK, _looks_like_store, _only_lock


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(text: str) -> tuple[int | None, str]:
    """(pid, started) as the lock file records them; (None, "") when unreadable."""
    parts = text.split()
    try:
        return int(parts[0]), (parts[1] if len(parts) > 1 else "")
    except (IndexError, ValueError):
        return None, ""


class BuildLock:
    """Exclusive right to write one store, waiting up to ``wait`` seconds for it.

    ``notify`` gets one line when the lock is busy (we wait) or when a lock
    left by a killed build is cleared.
    """

    def __init__(self, location: str, wait: float = 0.0, notify: Callable[[str], None] | None = None):
        self.location = location
        self.path = Path(location) / BUILD_LOCK
        self.wait = wait
        self.notify = notify or (lambda line: None)
        self.fd: int | None = None
        self.cleared: int | None = None  # pid of a killed holder whose lock file we took over

    def acquire(self) -> BuildLock:
        folder = Path(self.location)
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{self.location}: not a store (it is a file; give a folder for --store)")
        if folder.is_dir() and not _looks_like_store(folder) and not _only_lock(folder):
            raise StoreError(f"{self.location}: not a store (a folder with other files in it)")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.location}: cannot lock the store for building ({exc.strerror or exc})") from exc
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pid, since = _holder(os.pread(fd, 200, 0).decode("utf-8", "replace"))
                who = f"pid {pid}, started {since}" if pid else "another process"
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreError(
                        f"{self.location}: another build ({who}) is writing this store; "
                        f"try again when it finishes, or pass --wait SECONDS"
                    ) from None
                if not told:
                    self.notify(f"{self.location}: another build ({who}) is writing this store; "
                                f"waiting up to {self.wait:g} s")
                    told = True
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        pid, _ = _holder(os.pread(fd, 200, 0).decode("utf-8", "replace"))
        if pid and pid != os.getpid() and not _alive(pid):
            self.cleared = pid
            self.notify(f"{self.location}: cleared the lock of an interrupted build (pid {pid} is gone)")
        started = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.ftruncate(self.fd, 0)  # no holder any more (the file stays: unlinking a lock file races)
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> BuildLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
