"""The apps depend one way, in Python and in templates, and no app imports another app's
views (shared helpers live in modules both can reach).

From the bottom up: pictures (the pose drawings), stretches (the content), player,
builder, practice, plans, clinic, accounts.
An app may use its own and lower apps' code, URL names and tag libraries. A lower app's
page shows a higher app's part through that app's public tag library, named after it
(`{% load practice %}{% start_button routine %}`), as django.contrib apps extend pages they
do not own; it never names the higher app's URLs or loads its other libraries.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# From the bottom up (pictures and offline import no other app).
LAYERS = [
    "pictures",
    "offline",
    "stretches",
    "player",
    "builder",
    "practice",
    "plans",
    "clinic",
    "accounts",
]
APPS = LAYERS


def reachable_from(app):
    """The apps `app` may depend on: itself and every app below it."""
    return set(LAYERS[: LAYERS.index(app) + 1])


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


def modules_of(app, root=ROOT):
    return sorted(p for p in (root / app).rglob("*.py") if "migrations" not in p.parts)


def import_problems(path, root=ROOT):
    """The imports of `path` that reach an app above its own."""
    own_app = path.relative_to(root).parts[0]
    allowed = reachable_from(own_app)
    found = imported_modules(path, root)
    return sorted(m for m in found if m.split(".")[0] in LAYERS and m.split(".")[0] not in allowed)


URL_TAG = re.compile(r"{%\s*url\s+['\"]([^'\"]+)['\"]")
LOAD_TAG = re.compile(r"{%\s*load\s+(.+?)\s*%}")
INCLUDE_TAG = re.compile(r"{%\s*(?:include|extends)\s+['\"]([^'\"]+)['\"]")


def tag_libraries(root=ROOT):
    """{library name: the app that defines it} for the project's own apps."""
    return {
        path.stem: app
        for app in LAYERS
        for path in (root / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def templates_of(app, root=ROOT):
    return sorted((root / "templates" / app).rglob("*.html"))


def template_problems(path, libraries, root=ROOT):
    """What the template `path` (under templates/<app>/) reaches above its app: a URL name
    of a higher app, a tag library of a higher app other than its public one, or a
    higher app's template included or extended (its public tags render those)."""
    own_app = path.relative_to(root / "templates").parts[0]
    allowed = reachable_from(own_app)
    text = path.read_text()
    problems = []
    for name in URL_TAG.findall(text):
        namespace = name.split(":")[0] if ":" in name else None
        if namespace in LAYERS and namespace not in allowed:
            problems.append(f"{{% url '{name}' %}}")
    for loaded in LOAD_TAG.findall(text):
        words = loaded.split()
        names = [words[-1]] if "from" in words else words
        for library in names:
            owner = libraries.get(library)
            if owner is not None and owner not in allowed and library != owner:
                problems.append(f"{{% load {library} %}}")
    for included in INCLUDE_TAG.findall(text):
        owner = included.split("/")[0]
        if owner in LAYERS and owner not in allowed:
            problems.append(f'{{% include "{included}" %}}')
    return problems


def test_the_walker_sees_imports_it_must_refuse(tmp_path):
    # The check itself can fail: both spellings of an import are seen.
    (tmp_path / "stretches").mkdir()
    probe = tmp_path / "stretches" / "views.py"
    probe.write_text(
        "from practice.models import Favourite\nimport accounts.views\nfrom player import carried\n"
        "from .models import Routine\n"
    )
    found = imported_modules(probe, root=tmp_path)
    assert {"practice.models", "accounts.views", "player.carried", "stretches.models"} <= found
    assert import_problems(probe, root=tmp_path) == [
        "accounts.views",
        "player",
        "player.carried",
        "practice.models",
        "practice.models.Favourite",
    ]


def test_the_template_check_sees_what_it_must_refuse(tmp_path):
    # The check itself can fail: a content template naming the player's and practice's URLs,
    # loading a library of the player's that is not its public one, or including a plans
    # template, is caught.
    (tmp_path / "player" / "templatetags").mkdir(parents=True)
    (tmp_path / "player" / "templatetags" / "checkfirst.py").write_text("")
    (tmp_path / "player" / "templatetags" / "player.py").write_text("")
    (tmp_path / "templates" / "stretches").mkdir(parents=True)
    probe = tmp_path / "templates" / "stretches" / "page.html"
    probe.write_text(
        "{% load static player %}{% load checkfirst %}"
        "<a href=\"{% url 'player:play-step' routine.slug 1 %}\">Start</a>"
        "<a href=\"{% url 'stretches:routine-list' %}\">All</a>"
        "<form action=\"{% url 'practice:session-start' routine.slug %}\"></form>"
        "<a href=\"{% url 'login' %}\">Sign in</a>"
        '{% include "plans/includes/rung_lines.html" %}{% include "stretches/includes/x.html" %}'
        '{% include "includes/form_fields.html" %}'
    )
    libraries = tag_libraries(root=tmp_path)
    assert template_problems(probe, libraries, root=tmp_path) == [
        "{% url 'player:play-step' %}",
        "{% url 'practice:session-start' %}",
        "{% load checkfirst %}",
        '{% include "plans/includes/rung_lines.html" %}',
    ]


@pytest.mark.parametrize("path", [p for app in LAYERS for p in modules_of(app)], ids=str)
def test_no_app_imports_an_app_above_it(path):
    wrong = import_problems(path)
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


@pytest.mark.parametrize("path", [p for app in LAYERS for p in templates_of(app)], ids=str)
def test_no_template_reaches_an_app_above_its_own(path):
    wrong = template_problems(path, tag_libraries())
    assert not wrong, f"{path.relative_to(ROOT)} uses {wrong}"


def test_the_apps_in_the_layers_are_the_installed_ones(settings):
    # A new app must take its place in LAYERS, or the checks above would not see it.
    own = {app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()}
    assert own == set(LAYERS)


@pytest.mark.parametrize("path", [p for app in APPS for p in modules_of(app)], ids=str)
def test_no_app_imports_another_apps_views(path):
    own_app = path.relative_to(ROOT).parts[0]
    wrong = {
        m
        for m in imported_modules(path)
        if m.split(".")[0] in APPS and m.split(".")[0] != own_app and ".views" in f".{m}"
    }
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize("path", modules_of("pictures"), ids=str)
def test_pictures_imports_nothing_from_any_other_app(path):
    # The lowest app: content (stretches) stores a drawing's key and imports pictures.
    others = {
        "stretches",
        "player",
        "practice",
        "accounts",
        "builder",
        "plans",
        "clinic",
        "backlog",
    }
    wrong = {m for m in imported_modules(path) if m.split(".")[0] in others}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


@pytest.mark.parametrize(
    "path",
    [p for app in APPS if app != "clinic" and (ROOT / app).exists() for p in modules_of(app)],
    ids=str,
)
def test_nothing_imports_the_clinic(path):
    # The clinic sits on top: other apps reach its parts through its template tags only.
    wrong = {m for m in imported_modules(path) if m.split(".")[0] == "clinic"}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
