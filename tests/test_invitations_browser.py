"""Invitation links per store and round, in real Chromium against the built site:
the CX lead makes them on the team view; each invitation's QR code, read by a
real decoder (zxing-cpp) from a screenshot, is its link, also on the printed
sheet; opening it fills in the round, location and department (still editable,
and not filled in again over the respondent's change); the answer link the
respondent then sends carries that round and location (read back by the CLI's
reader, generator/team_links.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from conftest import wait_for_widgets
from generator.team_links import read_link
from test_assessment_support import ASSESSMENT, answer, choices, model_of, questions

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("team")]

TEAM = f"assessments/{ASSESSMENT}/team/"


def decode(locator) -> str:
    image = Image.open(io.BytesIO(locator.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, "exactly one QR code is read"
    return found[0].text


def make(page, round_name: str, stores: str, departments: tuple[str, ...] = ()):
    page.get_by_label("Round name").fill(round_name)
    page.get_by_label("Stores, one per line").fill(stores)
    for box in page.locator("[data-cx-invite-department]").all():
        box.set_checked(box.get_attribute("value") in departments)
    page.get_by_role("button", name="Make the invitations").click()


VIOLATIONS = """document.addEventListener('securitypolicyviolation', (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
}, true);"""


def test_an_invitation_fills_in_round_and_store_and_comes_back_with_them(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(VIOLATIONS)
    errors: list[str] = []
    try:
        lead = context.new_page()
        lead.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        lead.goto(site_url + TEAM)
        wait_for_widgets(lead)  # the invitation form is in the page before the team view listens to it
        status = lead.locator("[data-cx-invite-status]")

        # A round is needed, and a store: each problem named, nothing made.
        make(lead, "", "Northside")
        expect(status).to_have_text("No invitations were made. Name the round (for example 2027-Q1): "
                                    "the answers are compared round by round.")
        expect(lead.locator("[data-cx-invite]")).to_have_count(0)

        # Blank lines, spaces and a repeated store are tidied away: one invitation per store.
        make(lead, " 2027-Q1 ", "Northside\n\n   Riverside  \nnorthside\n")
        expect(status).to_have_text("Made 2 invitations for round “2027-Q1”: 2 stores. "
                                    "Print them, one per page, or copy each link into a message.")
        invites = lead.locator("[data-cx-invite]")
        expect(invites).to_have_count(2)
        riverside = invites.filter(has_text="Riverside")
        link = riverside.locator("[data-cx-invite-link]").input_value()
        assert urlsplit(link).path.endswith(f"/assessments/{ASSESSMENT}/")
        assert parse_qs(urlsplit(link).query) == {"round": ["2027-Q1"], "location": ["Riverside"]}
        assert decode(riverside.locator("[data-cx-invite-qr]")) == link, "the QR code holds exactly the link"

        # With departments ticked: one per store and department, the department in the link.
        make(lead, "2027-Q1", "Northside\nRiverside", ("sales", "service"))
        expect(invites).to_have_count(4)
        service = invites.filter(has_text="Riverside, Service")
        link = service.locator("[data-cx-invite-link]").input_value()
        assert parse_qs(urlsplit(link).query) == {"round": ["2027-Q1"], "location": ["Riverside"], "department": ["service"]}

        # The printed sheet: only the invitations, one per page, each QR code still its link.
        # A headless browser has no print dialog to stay open while the sheet
        # prints (the headless shell prints at once, afterprint inside print()):
        # the dialog is stood in for, open until afterprint is sent below.
        lead.evaluate("() => { window.print = () => { window.__printCalls = (window.__printCalls || 0) + 1; }; }")
        lead.get_by_role("button", name="Print the invitations").click()
        assert lead.evaluate("() => window.__printCalls") == 1
        assert lead.evaluate("() => document.documentElement.classList.contains('cx-printing-invitations')")
        lead.emulate_media(media="print")
        expect(lead.locator(".md-header")).to_be_hidden()
        expect(lead.locator("[data-cx-team-add]").or_(lead.locator(".cx-team-add"))).to_be_hidden()
        expect(service.locator("[data-cx-invite-qr]")).to_be_visible()
        expect(service.locator(".cx-invite__url")).to_have_text(link)
        assert lead.evaluate("""() => [...document.querySelectorAll('[data-cx-invite]')]
            .every((el) => getComputedStyle(el).breakAfter === 'page')""")
        assert decode(service.locator("[data-cx-invite-qr]")) == link
        lead.evaluate("() => dispatchEvent(new Event('afterprint'))")
        lead.emulate_media(media="screen")
        assert not lead.evaluate("() => document.documentElement.classList.contains('cx-printing-invitations')")
        assert [e for e in errors if "CSP" in e or "Content Security Policy" in e] == []
    finally:
        context.close()

    # The respondent, on their own phone, opens the invitation.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(link)
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        model = model_of(page)
        expect(page.get_by_label("Location")).to_have_value("Riverside")
        expect(page.get_by_label("Department or role")).to_have_value("service")
        expect(page.get_by_label("Round", exact=True)).to_have_value("2027-Q1")
        expect(page.locator("[data-cx-message]")).to_contain_text("You opened an invitation for Riverside, round “2027-Q1”")
        for q in questions(model)[:3]:
            answer(page, q["id"], choices(model, q)[0]["label"])

        # Still editable, and the same invitation opened again does not undo the change.
        page.get_by_label("Location").fill("Riverside East")
        page.reload()
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        expect(page.get_by_label("Location")).to_have_value("Riverside East")
        expect(page.get_by_label("Round", exact=True)).to_have_value("2027-Q1")

        page.get_by_role("button", name="Send to your CX lead").click()
        page.wait_for_function("() => (document.querySelector('[data-cx-share-link]')?.value || '').includes('#cx1:')")
        sent = page.locator("[data-cx-share-link]").input_value()
        read = read_link("sent", sent, model, site_url + TEAM)
        assert read["ok"], read
        who = read["respondent"]
        assert (who["round"], who["location"], who["department"]) == ("2027-Q1", "Riverside East", "service")

        # A corrected round travels too.
        page.get_by_label("Round", exact=True).fill("2027-Q2")
        page.wait_for_function(f"() => document.querySelector('[data-cx-share-link]').value !== {sent!r}")
        read = read_link("sent", page.locator("[data-cx-share-link]").input_value(), model, site_url + TEAM)
        assert read["respondent"]["round"] == "2027-Q2"
        # The exported file carries it as well.
        with page.expect_download() as info:
            page.get_by_role("button", name="Export JSON").click()
        exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert (exported["round"], exported["profile"]["location"]) == ("2027-Q2", "Riverside East")
    finally:
        context.close()
