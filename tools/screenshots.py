"""`python -m tools.screenshots`: the README tour's pictures (docs/*.png), taken in headless Chromium
from `hzkg serve` over build/hzkg.nq (run `hzkg build` first). Each page is shot at 1280 px wide,
at most 1500 px tall; the explorer views after their layout settles, with a zone's panel open.
Each page in both languages: Chinese into docs/, English (`?lang=en`) into docs/en/."""
from __future__ import annotations

import argparse
from pathlib import Path

from tools.servers import start_hzkg, stop

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOUR = (  # file, path, what to do once loaded
    ("home.png", "/", None),
    ("zone-profile.png", "/id/zone/linan-edz", None),
    ("industry.png", "/id/industry/automotive", None),
    ("citation.png", "/id/citation/4-2-7-20abc783", None),
    ("query-page.png", "/queries/zone-profile?zone=浙江临安经济开发区", None),
    ("editor.png", "/sparql", "editor"),
    ("explorer.png", "/explore?focus=zone/linan-edz", "panel"),
    ("shared-industries.png", "/explore?view=shared-industries&min_shared=4", "panel"),
    ("matrix.png", "/matrix", "matrix"),
    ("compare.png", "/compare?zone=杭州经济技术开发区&zone=浙江临安经济开发区", None),
    ("overlap.png", "/overlap", "overlap"),
    ("map.png", "/map", "drawn"),
    ("figures.png", "/figures", "drawn"),
)


def _settle(page) -> None:
    for _ in range(600):
        if page.evaluate("Boolean(window.hzkgExplorer && window.hzkgExplorer.stabilised)"):
            return
        page.wait_for_timeout(50)


LANGUAGES = (("zh", "zh-CN", ""), ("en", "en-GB", "en"))  # language, browser locale, folder under docs/


def shoot(base_url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for language, locale, folder in LANGUAGES:
            page = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900}).new_page()
            (out / folder).mkdir(parents=True, exist_ok=True)
            written += _tour(page, base_url, language, out / folder)
        browser.close()
    return written


def _tour(page, base_url: str, language: str, out: Path) -> list[Path]:
    written = []
    for name, path, action in TOUR:
        page.goto(base_url + path + ("&" if "?" in path else "?") + "lang=" + language)
        page.wait_for_load_state("networkidle")
        if action == "editor":
            page.wait_for_function("window.hzkgEditor !== undefined")
            page.evaluate("() => { window.hzkgEditor.query(); }")
            page.wait_for_selector(".yasr table tbody tr")
        elif action == "matrix":  # a cell's sentences open beside the table
            page.click("tr[data-zone$='zone/linan-edz'] td.cell[data-industry$='industry/advanced-equipment']")
        elif action == "drawn":  # the map's and the charts' scripts say when they are drawn
            page.wait_for_function("(window.hzkgMap && window.hzkgMap.ready) || (window.hzkgCharts && window.hzkgCharts.ready)")
            page.wait_for_timeout(500)
        elif action == "overlap":
            page.wait_for_timeout(500)  # ECharts draws on the next frames
        elif action == "panel":
            _settle(page)
            page.fill("#search-text", "临安")
            page.click("#search button")
            page.wait_for_selector("#panel-statements blockquote.plan")
        height = min(1500, page.evaluate("document.documentElement.scrollHeight"))
        target = out / name
        page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height})
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--artifact", default="build/hzkg.nq")
    parser.add_argument("--out", default="docs")
    args = parser.parse_args()
    server = start_hzkg(Path(args.artifact))
    try:
        for path in shoot(server.url, Path(args.out)):
            print(path)
    finally:
        stop(server.process)


if __name__ == "__main__":
    main()
