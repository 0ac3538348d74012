"""align() and check() on strings: results equal to the command line's JSON,
errors as ValueError, options, and the GIL released during the work."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import clausealign
import pytest

from conftest import EXAMPLES, cli_check_json, run_cli

ZH = "我们将在15个工作日内删除您的个人信息。"
EN = "We will delete your personal information within 30 working days."


def without_files(result: dict) -> dict:
    # The command line names the file it read; the strings are named
    # <text>, <zh> and <en>. Everything else must be equal.
    return {k: v for k, v in result.items() if k != "files"}


def test_version_is_the_crates():
    assert clausealign.__version__ == "0.1.0"


def test_check_two_texts():
    result = clausealign.check(ZH, EN)
    assert result["version"] == 1
    assert result["shape"] == "two-files"
    assert result["files"] == {"zh": "<zh>", "en": "<en>"}
    [finding] = result["findings"]
    assert finding["kind"] == "number"
    assert finding["severity"] == "error"
    assert finding["zh_value"] == "15个工作日内"
    assert finding["en_value"] == "30 working days"
    assert finding["zh"] == [0] and finding["en"] == [0]
    assert result["clauses"]["en"][0]["text"] == EN


def test_align_reports_no_findings():
    result = clausealign.align(ZH, EN)
    assert result["findings"] == []
    assert len(result["pairs"]) == 1
    assert result["pairs"][0]["zh"] == [0]


@pytest.mark.parametrize("name", ["demo-drift.txt", "mhz-privacy.txt"])
@pytest.mark.parametrize(
    "options,flags",
    [
        ({}, []),
        ({"min_confidence": 0.0}, ["--all"]),
        ({"pairs": "clauses"}, ["--pairs", "clauses"]),
        ({"segment": "lines"}, ["--segment", "lines"]),
    ],
)
def test_check_equals_the_command_line(name, options, flags):
    path = EXAMPLES / name
    expected = cli_check_json(path, *flags)
    result = clausealign.check(path.read_text(encoding="utf-8"), **options)
    assert without_files(result) == without_files(expected)


def test_two_texts_equal_the_command_lines_two_files(tmp_path, fixtures):
    for name, zh, en in fixtures:
        (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
        (tmp_path / "en.txt").write_text(en, encoding="utf-8")
        done = run_cli("check", "-f", "json", "--zh", str(tmp_path / "zh.txt"), "--en", str(tmp_path / "en.txt"))
        assert done.returncode in (0, 1), (name, done.stderr)
        expected = json.loads(done.stdout)
        assert without_files(clausealign.check(zh, en)) == without_files(expected), name


@pytest.mark.parametrize(
    "name", ["miaozhen-privacy-zh.txt", "website-privacy-zh.txt", "weiqun-privacy-zh.txt"]
)
def test_a_one_language_seed_is_a_value_error_as_on_the_command_line(name):
    path = EXAMPLES / name
    done = run_cli("check", "-f", "json", str(path))
    assert done.returncode == 2
    assert "no English text found" in done.stderr
    with pytest.raises(ValueError, match=r"^no English text found in <text> \(only \d+ English words\)$"):
        clausealign.check(path.read_text(encoding="utf-8"))


def test_an_english_only_seed_is_a_value_error():
    text = (EXAMPLES / "zhuiyi-privacy-en.txt").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="no Chinese text found in <text>"):
        clausealign.align(text)


@pytest.mark.parametrize(
    "zh,en,message",
    [
        ("", None, "<text>: the file is empty (no text to align)"),
        (" \n\u200b\n", None, "<text>: the file is empty (no text to align)"),
        (ZH, "", "<en>: the file is empty (no text to align)"),
        (EN, ZH, "no Chinese text found in <zh>; it was given as the Chinese version"),
        ("\x00\x01\x02", None, "<text>: looks like a binary file (NUL bytes), not text"),
        ("%PDF-1.7\n\x00\x00", None, "no Chinese text found in <text> (only 0 Chinese characters)"),
    ],
)
def test_bad_input_raises_value_error_with_the_librarys_message(zh, en, message):
    with pytest.raises(ValueError) as raised:
        clausealign.check(zh, en)
    assert str(raised.value).startswith(message)


def test_bad_options_are_value_errors():
    with pytest.raises(ValueError, match='segment must be "auto" or "lines", not "words"'):
        clausealign.check(ZH, EN, segment="words")
    with pytest.raises(ValueError, match='pairs must be "lines" or "clauses"'):
        clausealign.align(ZH, EN, pairs="pages")
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1, not 1.5"):
        clausealign.check(ZH, EN, min_confidence=1.5)
    with pytest.raises(ValueError, match="min_confidence must be between 0 and 1"):
        clausealign.check(ZH, EN, min_confidence=float("nan"))


def test_options_are_keyword_only_and_named():
    with pytest.raises(TypeError):
        clausealign.check(ZH, EN, "auto")  # type: ignore[misc]
    with pytest.raises(TypeError):
        clausealign.check(ZH, EN, colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        clausealign.check(ZH.encode())  # type: ignore[arg-type]


def test_min_confidence_filters_findings():
    text = (EXAMPLES / "demo-drift.txt").read_text(encoding="utf-8")
    every = clausealign.check(text, min_confidence=0.0)["findings"]
    sure = clausealign.check(text, min_confidence=0.9)["findings"]
    assert len(sure) < len(every)
    assert all(f["confidence"] >= 0.9 for f in sure)


def test_the_gil_is_released_during_a_long_call(fixtures):
    # Another Python thread notes the time as it runs. A call that held the
    # GIL would stop it from the call's start to its end: it could run only
    # in a switch interval (5 ms) just before or just after the call. With
    # the GIL released it keeps running, in the middle of the call too, even
    # on a loaded machine.
    zh = "\n\n".join(z for _, z, _ in fixtures)
    en = "\n\n".join(e for _, _, e in fixtures)
    clausealign.check(zh, en)  # the first call also loads the lexicon
    started = time.perf_counter()
    clausealign.check(zh, en)
    repeats = 1 + int(0.6 / max(time.perf_counter() - started, 1e-3))
    zh, en = "\n\n".join([zh] * repeats), "\n\n".join([en] * repeats)

    seen = []
    stop = threading.Event()

    def note_the_time():
        while not stop.is_set():
            seen.append(time.perf_counter())
            for _ in range(1000):
                pass

    other = threading.Thread(target=note_the_time)
    other.start()
    try:
        time.sleep(0.05)
        started = time.perf_counter()
        clausealign.check(zh, en)
        ended = time.perf_counter()
    finally:
        stop.set()
        other.join()
    elapsed = ended - started
    assert elapsed > 0.2, elapsed
    middle = [t for t in seen if started + elapsed / 4 < t < started + 3 * elapsed / 4]
    assert len(middle) >= 10, (len(middle), elapsed)


def test_strings_need_no_pyarrow_and_arrow_says_what_it_needs():
    # A Python where `import pyarrow` fails: align and check work, SCHEMA and
    # check_arrow say they need pyarrow.
    script = """
import sys
sys.modules["pyarrow"] = None
import clausealign
assert clausealign.check(%r, %r)["findings"][0]["kind"] == "number"
for use in (lambda: clausealign.SCHEMA, lambda: clausealign.check_arrow(None)):
    try:
        use()
    except ImportError as e:
        print(e)
""" % (ZH, EN)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "clausealign.SCHEMA needs pyarrow: pip install pyarrow",
        "clausealign.check_arrow needs pyarrow: pip install pyarrow",
    ]
