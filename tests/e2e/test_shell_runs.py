"""The terminal chat across runs and learners: its own chat only, quiet logs, no flood limit, one clock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

PLAN = ["/search python for beginners", "1", "2", "1", "3", "5", "8", "19:00", "2", "1", "1", "1", "1"]
REMINDER_WORDS = ("Time to study!", "this reminder comes late")


def run_shell(
    tmp_path: Path, lines: list[str], *args: str, **env_vars: str
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "LOG_", "FLOOD_"))
    }
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'shell.db'}"
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "-m", "bot", "shell", *args],
        input="".join(f"{line}\n" for line in lines),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ticked_to(out: str) -> datetime:
    found = re.findall(r"⏩ \S+ later: \w+ (\d\d \w+ \d{4} \d\d:\d\d) UTC", out)
    assert found, out
    return datetime.strptime(found[-1], "%d %b %Y %H:%M")


def test_another_learners_reminders_are_not_printed(tmp_path: Path) -> None:
    first = run_shell(tmp_path, [*PLAN, "/tick 3d"], "--user-id", "4004", LOG_LEVEL="WARNING")
    assert first.returncode == 0, first.stderr
    assert any(word in first.stdout.split("> /tick 3d", 1)[1] for word in REMINDER_WORDS)
    second = run_shell(tmp_path, ["/tick 7d", "/tick 7d"], "--user-id", "4005", LOG_LEVEL="WARNING")
    assert second.returncode == 0, second.stderr
    assert not any(word in second.stdout for word in REMINDER_WORDS), second.stdout
    assert "Your plan" not in second.stdout and "session" not in second.stdout.lower()


def test_shell_logs_nothing_below_warning_unless_log_level_says(tmp_path: Path) -> None:
    quiet = run_shell(tmp_path, ["/start", "/tick 1h"])
    assert quiet.returncode == 0, quiet.stderr
    assert "Microcred Advisor" in quiet.stdout
    assert " INFO " not in quiet.stderr and "apscheduler" not in quiet.stderr, quiet.stderr
    chatty = run_shell(tmp_path, ["/start"], LOG_LEVEL="INFO")
    assert " INFO " in chatty.stderr  # an explicit LOG_LEVEL still wins


def test_piped_script_is_not_flood_limited(tmp_path: Path) -> None:
    result = run_shell(tmp_path, ["/help"] * 30, LOG_LEVEL="WARNING")
    assert result.returncode == 0, result.stderr
    answers = result.stdout.split("> /help\n")[1:]
    assert len(answers) == 30
    assert all("/search" in answer for answer in answers)
    assert "slow down" not in result.stdout.lower() and "lot of messages" not in result.stdout


def test_a_line_dropped_by_flood_control_makes_the_exit_status_non_zero(tmp_path: Path) -> None:
    result = run_shell(tmp_path, ["/help"] * 5, LOG_LEVEL="WARNING", FLOOD_MAX_UPDATES="3")
    assert result.returncode == 1
    assert "2 line(s) got no answer" in result.stderr
    assert result.stdout.count("How to use Microcred Advisor") == 3


def test_tick_time_carries_over_to_the_next_run(tmp_path: Path) -> None:
    first = run_shell(tmp_path, ["/tick 3d"], LOG_LEVEL="WARNING")
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "shell.db.shell-clock.json").exists()
    second = run_shell(tmp_path, ["/tick 1h"], LOG_LEVEL="WARNING")
    assert second.returncode == 0, second.stderr
    gap = ticked_to(second.stdout) - ticked_to(first.stdout)
    assert gap.total_seconds() >= 3600  # the second run starts where the first left off, plus 1 h
    assert gap.days < 1
