"""The README documents every setting of service/settings.py, with its default and help,
as Datasette's docs test does: adding a setting without a README row fails here."""
from __future__ import annotations

import re

from hzkg.service.settings import SETTINGS
from checkout import CHECKOUT

README = CHECKOUT / "README.md"
_ROW = re.compile(r"^\| `([a-z_]+)` \| (.*?) \| (.*?) \|$")


def documented_settings() -> dict[str, tuple[str, str]]:
    """name -> (default, help) from the rows of the README's settings table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Settings", 1)[1].split("\n#", 1)[0]
    rows = (_ROW.match(line) for line in section.splitlines())
    return {row[1]: (row[2], row[3]) for row in rows if row}


def shown_default(value) -> str:
    """A default as the README shows it: paths inside the project relative to it."""
    text = str(value)
    root = str(CHECKOUT) + "/"
    if text.startswith(root):
        text = text[len(root):]
    return f"`{text}`" if text else "(none)"


def test_every_setting_is_in_the_readme_with_its_default_and_help():
    documented = documented_settings()
    assert list(documented) == [setting.name for setting in SETTINGS]
    for setting in SETTINGS:
        # A default made from the machine (its memory) is shown as how it is made.
        default = setting.derived or shown_default(setting.default)
        assert documented[setting.name] == (default, setting.help), setting.name


def test_the_readme_shows_how_to_change_a_setting_and_load_a_remote_store():
    text = README.read_text(encoding="utf-8")
    assert "--setting NAME VALUE" in text
    assert "`hzkg load --endpoint URL" in text  # the command behind --engine remote
