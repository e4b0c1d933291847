"""The worker's name on its leases: stable across restarts, unique among live workers.

A restarted worker under the same name takes its leases back at once (the accounts it was
running when it died are not left waiting for their leases to run out). Not host plus pid:
the pid changes at every restart. ``FOLLOWUP_WORKER_ID`` names it; otherwise the name is
kept in ``DATA_DIR/worker.id``, and each running process holds a lock on one slot
(``worker.N.lock``), so several workers sharing a data directory get distinct names
(slot 1 the plain name, slot N the name with ``-N``), and a restarted one the first free.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from service.config import Settings
from service.errors import ConfigError

MAX_SLOTS = 64


@dataclass
class WorkerIdentity:
    name: str
    _lock: IO[str] | None = None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file lets go of its lock
            self._lock = None


def worker_identity(settings: Settings) -> WorkerIdentity:
    if settings.worker_id:
        return WorkerIdentity(settings.worker_id)
    directory = settings.data_dir
    directory.mkdir(parents=True, exist_ok=True)
    base = _stored_name(directory / "worker.id")
    for slot in range(1, MAX_SLOTS + 1):
        handle = open(directory / f"worker.{slot}.lock", "a+")  # noqa: SIM115 (held open)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return WorkerIdentity(base if slot == 1 else f"{base}-{slot}", handle)
    raise ConfigError(f"FOLLOWUP_WORKER_ID: more than {MAX_SLOTS} workers share "
                      f"{directory}; give each its own name")


def _stored_name(path: Path) -> str:
    if not path.exists():
        # written aside, then linked into place: a second process never reads it half made
        draft = path.with_name(f".worker.id.{os.getpid()}.{uuid.uuid4().hex[:6]}")
        draft.write_text(f"worker-{uuid.uuid4().hex[:12]}\n")
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    try:
        name = path.read_text().strip()
    except OSError as exc:
        raise ConfigError(f"FOLLOWUP_WORKER_ID: cannot read {path}: {exc.strerror}") from None
    if not name or len(name) > 90:
        raise ConfigError(f"FOLLOWUP_WORKER_ID: {path} holds no usable name")
    return name
