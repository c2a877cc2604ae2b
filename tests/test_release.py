"""The release id in every cache key: a deploy that changes any template or any of the
project's Python files (template tags and included templates too) never serves panels
rendered by the previous release."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from stretches import caching


@pytest.fixture
def deployed(tmp_path):
    """A copy of what is deployed: templates/ and the project's own packages."""
    base = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ["templates", *caching._own_packages()]:
        shutil.copytree(base / name, tmp_path / name, ignore=ignore)
    return tmp_path


class TestTheReleaseId:
    def test_the_same_files_give_the_same_id(self, deployed):
        assert caching.release(deployed, environ={}) == caching.release(environ={})
        assert caching.release(environ={}) == caching.RELEASE

    def test_changing_an_included_template_changes_it(self, deployed):
        before = caching.release(deployed, environ={})
        outcome = deployed / "templates" / "stretches" / "includes" / "changes.html"
        outcome.write_text(outcome.read_text() + "<p>Changed.</p>\n")
        assert caching.release(deployed, environ={}) != before

    @pytest.mark.parametrize(
        "path",
        ["pictures/templatetags/pictures.py", "stretches/cautions.py", "practice/models.py"],
    )
    def test_changing_a_python_file_the_panels_use_changes_it(self, deployed, path):
        before = caching.release(deployed, environ={})
        changed = deployed / path
        changed.write_text(changed.read_text() + "\n# changed\n")
        assert caching.release(deployed, environ={}) != before

    def test_a_new_template_changes_it(self, deployed):
        before = caching.release(deployed, environ={})
        (deployed / "templates" / "stretches" / "includes" / "new.html").write_text("New.")
        assert caching.release(deployed, environ={}) != before

    def test_a_deploy_id_from_the_environment_is_used_when_set(self, deployed):
        first = caching.release(deployed, environ={"RELEASE_ID": "2026-12-06.1"})
        second = caching.release(deployed, environ={"RELEASE_ID": "2026-12-06.2"})
        assert first != second
        assert first != caching.release(deployed, environ={})
        changed = deployed / "templates" / "player" / "player.html"
        changed.write_text(changed.read_text() + "\n")
        assert caching.release(deployed, environ={"RELEASE_ID": "2026-12-06.1"}) == first
