"""The browser side of issue 18 (class 6): a full localStorage, item ids that are names of
Object.prototype, long values in the import status line, and URL parameters the finder does
not own. All in real Chromium; the ``page`` fixture fails a test on any uncaught error."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

from reader_site import QUIET_DEAL, THIRD_CALL

PREFIX = "playbook:v1:checklist:"

FILL = """() => {
  let size = 1 << 20, n = 0;
  while (size >= 16) {
    try { localStorage.setItem("filler-" + n++, "x".repeat(size)); }
    catch (error) { size = size >> 1; }
  }
}"""


def test_an_item_named_like_an_object_method_is_not_flagged_reworded(page, reader_base):
    def rename(route):
        html = (
            route.fetch().text().replace('data-pb-item="apologise"', 'data-pb-item="constructor"')
        )
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(f"**/scenarios/{THIRD_CALL}/", rename)
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    box = page.locator('input[data-pb-item="constructor"]')
    assert box.count() == 1 and not box.is_checked()
    assert "reworded" not in page.locator("[data-pb-checklist]").inner_text()
    box.check()
    page.reload()
    assert page.locator('input[data-pb-item="constructor"]').is_checked()


def progress_file(tmp_path: Path, page, scenarios: list[str]) -> Path:
    hashes = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("input[data-pb-item]")]
             .map((b) => [b.getAttribute("data-pb-item"), b.getAttribute("data-pb-hash")]))"""
    )
    data = {
        "format": "playbook-checklists",
        "version": 1,
        "checklists": {s: hashes for s in scenarios},
    }
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(data))
    return path


def test_an_import_into_full_storage_changes_nothing_and_says_so(page, reader_base, tmp_path):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    many = [f"scenario-{n}" for n in range(200)] + [THIRD_CALL, QUIET_DEAL]
    path = progress_file(tmp_path, page, many)
    page.evaluate(FILL)
    page.locator("[data-pb-import-file]").set_input_files(str(path))
    status = page.locator("[data-pb-checklist-status]")
    status.filter(has_text="Nothing imported").wait_for()
    assert "storage for this site is full" in status.inner_text()
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith(PREFIX)], "half an import was kept"


def test_the_import_status_line_stays_short(page, reader_base, tmp_path):
    page.goto(reader_base + f"scenarios/{THIRD_CALL}/")
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"format": "playbook-checklists", "version": "9" * 500_000}))
    page.locator("[data-pb-import-file]").set_input_files(str(path))
    status = page.locator("[data-pb-checklist-status]")
    status.filter(has_text="Nothing imported").wait_for()
    assert len(status.inner_text()) < 200


def test_the_finder_keeps_parameters_it_does_not_own(page, reader_base):
    page.goto(reader_base + "scenarios/?utm_source=mail&lang=fr&roles=salesperson")
    page.locator('input[name="tags"][value="phone"]').check()
    query = parse_qs(page.evaluate("location.search.slice(1)"))
    assert query["utm_source"] == ["mail"] and query["lang"] == ["fr"]
    assert query["roles"] == ["salesperson"] and query["tags"] == ["phone"]
    page.locator('input[name="roles"][value="salesperson"]').uncheck()
    query = parse_qs(page.evaluate("location.search.slice(1)"))
    assert "roles" not in query and query["utm_source"] == ["mail"]
