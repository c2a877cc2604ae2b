"""The apps depend one way: practice (and accounts, builder) on stretches, never back; and
no app imports another app's views (shared helpers live in modules both can reach)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["stretches", "practice", "accounts", "builder", "plans"]


def imported_modules(path, root=ROOT):
    """Every module `path` imports, absolute (relative imports resolved against its app)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules_of(app):
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def test_the_walker_sees_imports_it_must_refuse(tmp_path):
    # The check itself can fail: both spellings of an import are seen.
    (tmp_path / "stretches").mkdir()
    probe = tmp_path / "stretches" / "views.py"
    probe.write_text(
        "from practice.models import Favourite\nimport accounts.views\nfrom .player import Swaps\n"
    )
    found = imported_modules(probe, root=tmp_path)
    assert {"practice.models", "accounts.views", "stretches.player"} <= found


@pytest.mark.parametrize("path", modules_of("stretches"), ids=str)
def test_stretches_imports_nothing_from_the_apps_above_it(path):
    above = {"practice", "accounts", "builder", "plans"}
    wrong = {m for m in imported_modules(path) if m.split(".")[0] in above}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize(
    "path", [p for app in APPS if (ROOT / app).exists() for p in modules_of(app)], ids=str
)
def test_no_app_imports_another_apps_views(path):
    own_app = path.relative_to(ROOT).parts[0]
    wrong = {
        m
        for m in imported_modules(path)
        if m.split(".")[0] in APPS and m.split(".")[0] != own_app and ".views" in f".{m}"
    }
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize("path", modules_of("practice"), ids=str)
def test_practice_imports_nothing_from_plans(path):
    wrong = {m for m in imported_modules(path) if m.split(".")[0] == "plans"}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
