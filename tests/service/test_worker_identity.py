"""A worker's name is stable across restarts (a restarted worker takes its own leases
back at once) and unique among the processes sharing a data directory."""

from __future__ import annotations

from pathlib import Path

from service.config import load_settings
from service.worker_identity import worker_identity


def test_the_name_survives_a_restart_and_is_not_host_and_pid(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    first = worker_identity(settings)
    name = first.name
    first.release()  # the process ends
    again = worker_identity(settings)
    assert again.name == name
    assert str(__import__("os").getpid()) not in name
    again.release()


def test_two_live_workers_on_one_data_directory_get_two_names(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    one, two = worker_identity(settings), worker_identity(settings)
    assert one.name != two.name and two.name.startswith(one.name)
    one.release()
    three = worker_identity(settings)  # a restart takes the free slot: the first name
    assert three.name == one.name
    two.release()
    three.release()


def test_the_setting_names_the_worker(tmp_path: Path) -> None:
    assert worker_identity(load_settings(data_dir=tmp_path, worker_id="eu-1")).name == "eu-1"
    assert not (tmp_path / "worker.id").exists()
