"""The terminal chat as a subprocess: a piped script in, a transcript out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_shell(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'shell.db'}"
    env["LOG_LEVEL"] = "WARNING"
    return subprocess.run(
        [sys.executable, "-m", "bot", "shell", *args],
        input=script,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_piped_script_prints_welcome_and_help(tmp_path: Path) -> None:
    result = run_shell(tmp_path, "/start\n/help\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("> /start") < out.index("Microcred Advisor") < out.index("> /help")
    assert "[1] ❓ Ask a question" in out
    assert "/search" in out.split("> /help", 1)[1]
    assert "Traceback" not in out + result.stderr


def test_button_number_presses_latest_keyboard_and_edit_is_marked(tmp_path: Path) -> None:
    result = run_shell(tmp_path, "/start\n/help\n1\n", "--user-id", "77", "--name", "Zoë")
    assert result.returncode == 0, result.stderr
    assert "Hi Zoë!" in result.stdout
    after_press = result.stdout.split("> 1", 1)[1]
    assert "(edited)" in after_press
    assert "Pick a topic" in after_press


def test_shell_answers_faq_and_searches_with_buttons(tmp_path: Path) -> None:
    script = "whats a nanodegree\npyhton\n1\n3\n"
    result = run_shell(tmp_path, script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    faq_part = out.split("> whats a nanodegree", 1)[1].split("> pyhton", 1)[0]
    assert "nanodegree" in faq_part.lower() and "same" in faq_part.lower()
    search_part = out.split("> pyhton", 1)[1].split("> 1", 1)[0]
    assert "searching for: python" in search_part
    card = out.split("> 1\n", 1)[1].split("> 3", 1)[0]
    assert card.startswith("(edited) ") and "Workload:" in card and "Price:" in card
    back = out.split("> 3\n", 1)[1]
    assert back.startswith("(edited) 🔎 pyhton")


def test_run_without_token_opens_terminal_chat_and_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["LOG_LEVEL"] = "WARNING"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="/start\n",
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    hint = [line for line in result.stderr.splitlines() if "TELEGRAM_BOT_TOKEN" in line]
    assert len(hint) == 1 and "terminal chat" in hint[0]
    assert "Microcred Advisor" in result.stdout
    assert (tmp_path / "data" / "microcred.db").exists()


def test_every_subcommand_has_help(tmp_path: Path) -> None:
    for sub in ([], ["run"], ["shell"]):
        result = subprocess.run(
            [sys.executable, "-m", "bot", *sub, "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0
        assert "usage: python -m bot" in result.stdout


def test_shell_plans_study_and_tick_makes_a_reminder_arrive(tmp_path: Path) -> None:
    script = "\n".join(
        ["/search python for beginners", "1", "2", "1", "3", "5", "8", "19:00", "2", "1", "1", "1", "1",
         "/tick 3d", "1", "/progress", "/tick nonsense"]
    )  # fmt: skip
    result = run_shell(tmp_path, script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Your plan for" in out
    after_tick = out.split("> /tick 3d", 1)[1]
    assert "Time to study!" in after_tick and "comes late" not in after_tick  # stepped: each on time
    assert "Session noted" in after_tick.split("> /progress", 1)[0]  # Done records a study session
    assert "1 session" in after_tick.split("> /progress", 1)[1]
    assert "Usage: /tick" in out.split("> /tick nonsense", 1)[1]
