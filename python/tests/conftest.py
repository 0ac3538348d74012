"""Shared helpers of the Python package's tests.

The tests compare the package with the command line, so they need the
`clausealign` binary: `CLAUSEALIGN_BIN`, or the repository's
target/release/clausealign (`cargo build --release`), or target/debug.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "data" / "examples"
FIXTURES = REPO / "tests" / "fixtures"


def cli_binary() -> Path:
    """The command line to compare with; a missing binary fails the test
    that needs it, saying how to build it."""
    if os.environ.get("CLAUSEALIGN_BIN"):
        return Path(os.environ["CLAUSEALIGN_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    for profile in ("release", "debug"):
        candidate = target / profile / "clausealign"
        if candidate.exists():
            return candidate
    pytest.fail(
        f"no clausealign binary under {target}: run `cargo build --release` "
        "or set CLAUSEALIGN_BIN"
    )


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(cli_binary()), *args], capture_output=True, text=True, check=False
    )


def cli_check_json(path: Path, *options: str) -> dict:
    """`clausealign check -f json FILE` as a dict."""
    done = run_cli("check", "-f", "json", *options, str(path))
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def fixture_pairs() -> list[tuple[str, str, str]]:
    """Every zh/en fixture pair of the check's rules: (name, zh, en)."""
    pairs = []
    for zh in sorted(FIXTURES.glob("*/*.zh.txt")):
        en = zh.with_name(zh.name[: -len(".zh.txt")] + ".en.txt")
        if en.exists():
            name = f"{zh.parent.name}/{zh.name[: -len('.zh.txt')]}"
            pairs.append((name, zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")))
    return pairs


@pytest.fixture(scope="session")
def fixtures() -> list[tuple[str, str, str]]:
    found = fixture_pairs()
    assert len(found) > 20, "the rule fixtures of tests/fixtures were not found"
    return found
