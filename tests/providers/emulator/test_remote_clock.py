"""RemoteClock: a worker's pool threads share one read of the emulator's clock."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from providers.emulator.remote_clock import RemoteClock

MOMENT = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


class SlowClockServer(ThreadingHTTPServer):
    """Answers ``GET /clock`` once ``released`` is set, counting the requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ClockHandler)
        self.released = threading.Event()
        self.requests = 0
        self.count_lock = threading.Lock()


class _ClockHandler(BaseHTTPRequestHandler):
    server: SlowClockServer

    def do_GET(self) -> None:  # http.server calls it by this name
        with self.server.count_lock:
            self.server.requests += 1
        self.server.released.wait(30)
        body = json.dumps({"now": MOMENT.isoformat(), "virtual": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[SlowClockServer]:
    server = SlowClockServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()


def _poll(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_one_thread_reads_while_the_others_take_the_last_value(
        server: SlowClockServer) -> None:
    server.released.set()
    clock = RemoteClock(f"http://127.0.0.1:{server.server_port}", refresh_seconds=0.0)
    assert server.requests == 1 and clock.now() == MOMENT
    server.released.clear()
    server.requests = 0
    reader = threading.Thread(target=clock.now)
    reader.start()
    _poll(lambda: server.requests == 1)  # the read is under way, held by the server
    answers: list[datetime] = []
    others = [threading.Thread(target=lambda: answers.append(clock.now())) for _ in range(8)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join(10)
    # none of them waited for the held answer, nor sent a request of its own
    assert answers == [MOMENT] * 8 and server.requests == 1
    server.released.set()
    reader.join(10)
    assert not reader.is_alive()
    clock.close()
