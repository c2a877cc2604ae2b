"""Lighthouse 13 (mobile emulation) on the home page, a routine page and a player step,
against a throwaway copy of the site with production settings.

    npm install --prefix .bench lighthouse@13     # once; .bench/ is git-ignored
    uv run python -m benchmarks.lighthouse

Each row is one category's score (0-100) for one page; the target is 100.
"""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from benchmarks.server import ROOT, throwaway_site

LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/",
    "routine page": "/routines/first-day-gentle/",
    "player step": "/routines/first-day-gentle/play/2/?c=0",
}
TARGET = 100


def audit(url, tries=2):
    """Lighthouse's scores for `url`; Chromium sometimes fails to start, so it tries twice."""
    for attempt in range(tries):
        try:
            return _audit(url)
        except RuntimeError:
            if attempt == tries - 1:
                raise


def _audit(url):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=" + ",".join(CATEGORIES),
            ],
            env=os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            capture_output=True,
            text=True,
        )
        if result.returncode:
            said = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"Lighthouse failed on {url}: {' / '.join(said)}")
        data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = [
        audit["title"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit["scoreDisplayMode"] in {"binary", "numeric", "metricSavings"}
    ]
    cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores, cls, failing


def rows():
    """(name, value, baseline, target) rows for `make bench`."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: npm install --prefix .bench lighthouse@13")
    result = []
    with throwaway_site() as site:
        for page, path in PAGES.items():
            scores, cls, failing = audit(site.url(path))
            for category in CATEGORIES:
                result.append((f"lighthouse {page}: {category}", scores[category], None, TARGET))
            result.append((f"lighthouse {page}: CLS", round(cls, 3), None, 0.1))
            for title in failing:
                print(f"  {page}: {title}")
    return result


def main():
    for name, value, _, target in rows():
        print(f"{name:<45} {value:>6} (target {target})")


if __name__ == "__main__":
    main()
