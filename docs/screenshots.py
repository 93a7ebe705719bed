"""
Take the README's screenshots of a running portal with demo data.

    make demo && .venv/bin/python manage.py runserver 127.0.0.1:8000 &
    .venv/bin/python docs/screenshots.py [--base-url http://127.0.0.1:8000]

Public pages are taken as a visitor; the staff pages after signing in as the
demo staff member (``make demo`` creates the account). Chromium is Debian's
(``apt-get install chromium``), launched headless.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
STAFF = ("staff@example.org", "urc-staff-demo")

# (file name, path, signed in as staff, element that says the page is drawn,
#  element scrolled to the top of the picture or None)
PAGES = [
    ("home.png", "/", False, "main", None),
    ("directory.png", "/directory/", False, "main table", None),
    ("map.png", "/map/", False, ".ties-map[data-ready=true]", ".ties-map"),
    ("statistics.png", "/statistics/", False, "canvas", None),
    ("outreach.png", "/outreach/", True, "main", None),
    ("roadmap.png", "/roadmap/", True, ".vis-timeline", "#timeline-heading"),
    ("knowledge.png", "/knowledge/", True, "main", None),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        visitor = browser.new_context(viewport={"width": 1280, "height": 860})
        staff = browser.new_context(viewport={"width": 1280, "height": 860})
        page = staff.new_page()
        page.goto(args.base_url + "/accounts/login/")
        page.fill("input[name=login]", STAFF[0])
        page.fill("input[name=password]", STAFF[1])
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.close()

        for name, path, as_staff, ready, top in PAGES:
            page = (staff if as_staff else visitor).new_page()
            page.goto(args.base_url + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_selector(ready)
            if top:
                page.locator(top).first.evaluate("element => element.scrollIntoView()")
            page.wait_for_timeout(700)  # charts and the map animate in
            page.screenshot(path=str(HERE / name))
            print(f"{name}: {path}")
            page.close()
        import_screenshots(staff.new_page(), args.base_url)
        browser.close()


WIKIPEDIA = HERE.parent / "tests" / "data" / "imports" / "twin_cities_russia_wikipedia.csv"


def import_screenshots(page, base_url):
    """The import of the Wikipedia-derived list: its preview, and the rows set aside."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(base_url + "/admin/partnerships/partnership/import/")
    page.set_input_files("input[name=file]", str(WIKIPEDIA))
    page.fill("input[name=source]", "Wikipedia")
    page.click("form input[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/columns/" in page.url:
        page.click("form input[type=submit]")
        page.wait_for_load_state("networkidle")
    page.screenshot(path=str(HERE / "import-preview.png"))
    print("import-preview.png:", page.url)
    page.goto(page.url.replace("/preview/", "/set-aside/"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # the candidates' maps
    group = page.locator("section.set-aside-group", has=page.locator(".candidate-map"))
    group.first.evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(HERE / "import-set-aside.png"))
    print("import-set-aside.png:", page.url)
    page.close()


if __name__ == "__main__":
    main()
