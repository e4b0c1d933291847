"""A wall-clock sampling profiler for a worker of ``followup bench scale`` (where py-spy
cannot attach): ``python -m bench.sampler OUT.json [followup arguments...]`` runs
``followup`` with a thread that looks at every thread's stack every few milliseconds and
writes the counts to OUT.json once a second (cumulative, so a caller diffs two snapshots to
see one cycle). Counted per function (``file:line function``): ``self`` where a thread was,
``inclusive`` anywhere on its stack; idle threads (waiting for work) are left out. It costs
the worker CPU of its own (a stack walk of every thread 200 times a second): compare time
figures only between runs without it."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType

INTERVAL_SECONDS = 0.005
WRITE_EVERY_SECONDS = 1.0
# a thread whose innermost frame is one of these is waiting for work, not doing any
_IDLE = {("threading.py", "wait"), ("queue.py", "get"), ("thread.py", "_worker"),
         ("selectors.py", "select"), ("threading.py", "_wait_for_tstate_lock")}


def _where(frame: FrameType) -> str:
    code = frame.f_code
    return f"{Path(code.co_filename).name}:{code.co_firstlineno} {code.co_name}"


class Sampler:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.self_counts: Counter[str] = Counter()
        self.inclusive: Counter[str] = Counter()
        self.samples = 0

    def sample(self) -> None:
        me = threading.get_ident()
        for ident, frame in sys._current_frames().items():
            if ident == me:
                continue
            inner = frame.f_code
            if (Path(inner.co_filename).name, inner.co_name) in _IDLE:
                continue
            self.self_counts[_where(frame)] += 1
            seen: set[str] = set()
            current: FrameType | None = frame
            while current is not None:
                seen.add(_where(current))
                current = current.f_back
            self.inclusive.update(seen)
        self.samples += 1

    def write(self) -> None:
        document = {"interval_seconds": INTERVAL_SECONDS, "samples": self.samples,
                    "self": dict(self.self_counts), "inclusive": dict(self.inclusive)}
        partial = self.out.with_suffix(".part")
        partial.write_text(json.dumps(document))
        os.replace(partial, self.out)

    def run(self) -> None:
        written = time.monotonic()
        while True:
            time.sleep(INTERVAL_SECONDS)
            self.sample()
            if time.monotonic() - written >= WRITE_EVERY_SECONDS:
                self.write()
                written = time.monotonic()


def main(argv: list[str]) -> int:
    from service.cli import main as followup

    sampler = Sampler(Path(argv[0]))
    threading.Thread(target=sampler.run, daemon=True, name="sampler").start()
    return followup(argv[1:])


def top(before: dict[str, Counter[str]], after: dict[str, Counter[str]], kind: str,
        count: int = 40) -> list[tuple[str, int]]:
    """The functions with the most samples between two snapshots."""
    return (Counter(after[kind]) - Counter(before[kind])).most_common(count)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
