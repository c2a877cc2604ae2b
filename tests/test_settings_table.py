"""The README's settings table lists every environment variable the code reads: the
settings, the apps, gunicorn.conf.py and the cluster runner (not the benchmarks' own)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["backlog", "stretches", "practice", "accounts", "builder", "plans", "deploy"]
READ = re.compile(
    r"""(?:environ\.get|environ\[|getenv|envbool|envlist)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)


# Libraries that read a variable for us, as the code calls them.
READ_BY_LIBRARIES = {"dj_database_url.config(": "DATABASE_URL"}


def variables_read(paths):
    found = {}
    for path in paths:
        text = path.read_text()
        names = READ.findall(text)
        names += [name for call, name in READ_BY_LIBRARIES.items() if call in text]
        for name in names:
            found.setdefault(name, path.relative_to(ROOT).as_posix())
    return found


def code_files():
    files = [ROOT / "gunicorn.conf.py", ROOT / "manage.py"]
    for folder in SCANNED:
        files += [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]
    return files


def settings_table():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split("|")[1])}


def test_the_scan_sees_every_spelling_of_a_read():
    probe = ROOT / "backlog" / "settings.py"
    text = 'os.environ.get("A_ONE")\nos.environ["A_TWO"]\nenvbool("A_THREE", "x")\n'
    text += 'os.getenv(\'A_FOUR\')\nenvlist(\n    "A_FIVE", "")\n'
    assert set(READ.findall(text)) == {"A_ONE", "A_TWO", "A_THREE", "A_FOUR", "A_FIVE"}
    assert {"SECRET_KEY", "DATABASE_URL"} <= set(variables_read([probe]))


def test_every_variable_the_code_reads_is_in_the_readme_table():
    read = variables_read(code_files())
    assert len(read) > 30  # the scan found the settings
    missing = {name: where for name, where in read.items() if name not in settings_table()}
    assert not missing, f"add these to the README's settings table: {missing}"


def test_the_table_names_nothing_the_code_does_not_read():
    read = set(variables_read(code_files()))
    stale = settings_table() - read
    assert not stale, f"the README lists variables nothing reads: {sorted(stale)}"
