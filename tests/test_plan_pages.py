"""The pages a GM reads first: "At a glance" (one screen, one printed page) and
"Start here" as a schedule (owner by owner, week by week, and a checklist),
built for real and read in Chromium. Printed pages are counted in the PDF
Chromium writes."""

from __future__ import annotations

import re

import pytest

from conftest import run_axe
from generator.plan_schedule import by_owner, weeks_of

PAPER = {"Letter": {"format": "Letter"}, "A4": {"format": "A4"}}


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium wrote: its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_home_page_links_to_at_a_glance_first(page, site_url):
    page.goto(site_url)
    first = page.locator("article a[href]:not(.headerlink)").first
    assert first.inner_text().strip().lower() == "the playbook at a glance"
    first.click()
    page.wait_for_url(re.compile(r"/at-a-glance/$"))


@pytest.mark.parametrize("paper", PAPER)
def test_at_a_glance_prints_on_one_page(page, site_url, paper):
    page.goto(site_url + "at-a-glance/")
    pdf = page.pdf(**PAPER[paper], print_background=True)
    assert pdf_pages(pdf) == 1


def test_at_a_glance_fits_one_laptop_screen_and_links_each_minimum_play(page, site_url, corpus):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "at-a-glance/")
    rows = page.locator("xpath=//h2[@id='minimum']/following::table[1]/tbody/tr")
    assert rows.count() == len(corpus.moments) == 7
    for i, entry in enumerate(corpus.plan.minimum):
        assert rows.nth(i).locator(f'a[href$="#{entry.play}"]').count() == 1
        assert rows.nth(i).locator(f'a[href$="#metric-{entry.measure}"]').count() == 1
    # The article's content, without the site's header and footer, fits one screen.
    height = page.evaluate("() => document.querySelector('article').getBoundingClientRect().height")
    assert height <= 900 * 1.6, f"the page is {height:.0f} px tall"
    assert run_axe(page) == []


def test_start_here_shows_the_schedule_owner_by_owner(page, site_url, corpus):
    page.goto(site_url + "start-here/")
    table = page.locator("xpath=//h2[@id='schedule']/following::table[1]")
    head = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    assert head == ["Owner", "Play", *map(str, range(1, weeks_of(corpus) + 1))]
    rows = table.locator("tbody tr")
    expected = [(corpus.department(owner).name, slot) for owner, slots in by_owner(corpus) for slot in slots]
    assert rows.count() == len(expected)
    for i, (owner, slot) in enumerate(expected):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert cells[0] == owner
        marks = cells[2:]
        assert marks[slot.start - 1] == "▶"
        assert [w + 1 for w, x in enumerate(marks) if x == "■"] == list(range(slot.start + 1, slot.end))
    # The checklist: each play starts on a line with a box to tick, under its week.
    checklist = page.locator("#checklist ~ ul li").all_inner_texts()
    for _, slots in by_owner(corpus):
        for slot in slots:
            title = corpus.plays[slot.play].play.title
            assert any(line.startswith("☐ Start ") and title in line for line in checklist), title
    assert run_axe(page) == []


@pytest.fixture(scope="module")
def corpus():
    from conftest import ROOT
    from generator.files import ContentPaths
    from generator.load import load_corpus

    return load_corpus(ContentPaths.from_root(ROOT))
