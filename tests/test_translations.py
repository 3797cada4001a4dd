"""Every string of the interface has a Chinese translation: the catalogue, the admin and the API's
messages read in Chinese as they do in English."""

import shutil
import subprocess
import sys

from django.conf import settings

SKIPPED = (
    ".venv",
    ".git",
    "media",
    "staticfiles",
    "__pycache__",
    "tests",
    "tests_replica",
    "bench",
)


def messages(po, *flags) -> list[str]:
    out = subprocess.run(  # noqa: S603
        ["msgattrib", *flags, "--no-obsolete", str(po)],  # noqa: S607
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line for line in out.splitlines() if line.startswith("msgid ")][1:]  # not the header


def test_every_interface_string_is_translated_into_chinese(tmp_path):
    # makemessages writes into the locale directory of the tree it reads: a copy of the project,
    # so that strings are extracted afresh from the code and templates and a new one counts at once.
    tree = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, tree, ignore=shutil.ignore_patterns(*SKIPPED))
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "-v0",
         "--ignore=static", "--ignore=fixtures"],
        cwd=tree, check=True, env={"DJANGO_SECRET_KEY": "translations-only", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    po = tree / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    assert not (untranslated := messages(po, "--untranslated")), untranslated[:20]
    assert not (guessed := messages(po, "--only-fuzzy")), f"fuzzy (guessed): {guessed[:20]}"
