"""`followup demo --fast`: the sample story in virtual time, a summary, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_fast_demo_runs_the_story_and_exits_0(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env["FOLLOWUP_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "service.cli", "demo", "--fast"], env=env,
                            capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Interviews detected: 3" in out
    assert "Drafts written into the Drafts folder: 6" in out
    assert "[check_in]" in out  # the approved check-in became a draft
    assert "Messages sent by the service: 0" in out
    assert "Hi Jane," in out
