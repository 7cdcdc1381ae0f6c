"""The team view's camera scanner, in real Chromium against the built site, with
Chromium's fake camera playing a video file: the video is written here, frame by
frame (Y4M, 4:2:0), from QR codes drawn by segno. It shows in turn a respondent's
link, a link to another site, a link to another assessment's team view and a QR
code that is no link at all. The scanner merges the respondent like a pasted
link, refuses the other three by name, loses nothing merged before, stops the
camera's tracks, and the page's CSP reports no violation (the decoder is
zxing-wasm: Chromium on Linux has no BarcodeDetector)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import segno
from playwright.sync_api import expect

from conftest import CHROMIUM, CHROMIUM_ARGS, CLEAN, Browser, axe_in_both_palettes, run_axe, wait_for_widgets
from generator.team_links import encode_link
from test_assessment_support import ASSESSMENT, choices, model_of, questions, ready_for_instant_navigation

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("scan")]

TEAM = f"assessments/{ASSESSMENT}/team/"
WIDTH, HEIGHT, FPS = 640, 480, 10
FRAMES_PER_CODE = 12
BLACK, WHITE = 16, 235  # video range luma
VIOLATIONS = """document.addEventListener('securitypolicyviolation', (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
}, true);"""


def qr_frame(text: str) -> bytes:
    """One 4:2:0 frame: the QR code of `text`, black on white, centred, with its quiet zone."""
    matrix = segno.make(text, error="m", micro=False).matrix
    size = len(matrix) + 8
    scale = min(WIDTH, HEIGHT) * 9 // 10 // size
    left, top = (WIDTH - size * scale) // 2, (HEIGHT - size * scale) // 2
    luma = bytearray([WHITE]) * (WIDTH * HEIGHT)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if not dark:
                continue
            for dy in range(scale):
                start = (top + (y + 4) * scale + dy) * WIDTH + left + (x + 4) * scale
                luma[start:start + scale] = bytes([BLACK]) * scale
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    return b"FRAME\n" + bytes(luma) + chroma + chroma


def write_video(path: Path, texts: list[str]) -> Path:
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{FPS}:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for text in texts:
            frame = qr_frame(text)
            for _ in range(FRAMES_PER_CODE):
                out.write(frame)
    return path


def respondent_link(team_url: str, model: dict, respondent: str, department: str, location: str, lean: int) -> str:
    picks = {}
    for i, q in enumerate(questions(model)):
        ordered = sorted(choices(model, q), key=lambda c: c["score"])
        picks[q["id"]] = ordered[(lean + i) % len(ordered)]["id"]
    data = {"a": model["id"], "v": model["version"], "r": respondent,
            "t": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "d": department, "l": location, "c": picks}
    return encode_link(team_url, data)


@pytest.fixture(scope="module")
def team_model(browser, site_url) -> dict:
    page = browser.new_page()
    try:
        page.goto(f"{site_url}assessments/{ASSESSMENT}/")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        return model_of(page)
    finally:
        page.close()


@pytest.fixture(scope="module")
def codes(site_url, team_model) -> dict[str, str]:
    team_url = site_url + TEAM
    return {
        "scanned": respondent_link(team_url, team_model, "r-scan0000000000000001", "service", "Riverside", 2),
        "pasted": respondent_link(team_url, team_model, "r-paste000000000000001", "sales", "Northside", 1),
        "foreign": respondent_link(f"https://cx.example.com/{TEAM}", team_model, "r-foreign0000000000001", "sales", "Elsewhere", 0),
        "other-view": respondent_link(f"{site_url}assessments/some-other-assessment/team/", team_model, "r-other00000000000001", "sales", "Riverside", 0),
        "text": "WIFI:S:Showroom;T:WPA;P:not-a-link;;",
        "invitation": f"{site_url}assessments/{ASSESSMENT}/?round=2027-Q1&location=Riverside",
    }


@pytest.fixture(scope="module")
def camera(browser, codes, tmp_path_factory):
    """A Chromium whose only camera plays the video of the codes (looping), allowed without a prompt."""
    video = write_video(tmp_path_factory.mktemp("camera") / "codes.y4m",
                        [codes["scanned"], codes["foreign"], codes["other-view"], codes["text"], codes["invitation"]])
    instance = browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    yield Browser(instance)
    instance.close()


def test_scanned_codes_merge_like_pasted_links_and_wrong_codes_are_refused_by_name(camera, site_url, codes):
    context = camera.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(VIOLATIONS)
    context.grant_permissions(["camera"])
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + TEAM)
        page.wait_for_selector("[data-cx-drop]")
        ready_for_instant_navigation(page)
        # One respondent merged before, by pasting: the camera must not lose them.
        page.locator("textarea[data-cx-paste]").fill(f"Mine: {codes['pasted']}")
        page.locator("[data-cx-action=merge-pasted]").click()
        expect(page.locator("[data-cx-team-status]")).to_contain_text("The team now has 1 respondent.")
        page.evaluate("""() => { window.__scan = [];
          document.addEventListener('cx:team-scan', (e) => window.__scan.push(e.detail)); }""")

        page.get_by_role("button", name="Scan QR codes").click()
        status = page.locator("[data-cx-scan-status]")
        # The video loops through the five codes: wait until each was read once.
        page.wait_for_function("() => window.__scan.filter((d) => d.state === 'read').length >= 5", timeout=60000)
        reads = page.evaluate("() => window.__scan.filter((d) => d.state === 'read')")
        by_text = {r["text"]: r for r in reads}
        assert set(by_text) == set(codes.values()) - {codes["pasted"]}, \
            "each code is read once while it stays in view, however many frames show it"
        assert by_text[codes["scanned"]]["added"] == 1 and by_text[codes["scanned"]]["refused"] is None
        assert by_text[codes["foreign"]]["refused"] == "link-foreign"
        assert by_text[codes["other-view"]]["refused"] == "link-foreign"
        assert by_text[codes["text"]]["refused"] == "link-invalid"
        assert by_text[codes["invitation"]]["refused"] == "link-invalid"

        refused = page.locator("[data-cx-scan-refused] li")
        expect(refused).to_have_count(4)
        expect(refused.filter(has_text="cx.example.com")).to_contain_text("(from another site): The link leads to https://cx.example.com/")
        expect(refused.filter(has_text="some-other-assessment")).to_contain_text("not to this team view")
        expect(refused.filter(has_text="WIFI:")).to_contain_text("(not a valid link): This is not a link to a team view.")
        # The break-room poster scanned by mistake: said so, not "another site".
        expect(refused.filter(has_text="invitation")).to_contain_text("(not a valid link): This is an invitation to answer, "
                                                                      "not a respondent's answers")
        expect(status).to_contain_text("So far: 5 codes read, 1 added, 4 refused.")
        # Merged exactly like a pasted link: the respondent is in the team, the pasted one still there.
        expect(status).to_contain_text("The team has 2 respondents.")
        kept = page.evaluate("""() => Object.keys(localStorage).filter((k) => k.endsWith(':team'))
            .map((k) => localStorage.getItem(k)).join('\\n')""")
        assert "r-scan0000000000000001" in kept and "r-paste000000000000001" in kept

        # The scanning UI is accessible while the camera is on.
        assert run_axe(page) == []

        # Stop: every track of the stream ends, the status says what was done.
        page.evaluate("""() => { const v = document.querySelector('[data-cx-scan-video]');
          window.__tracks = v.srcObject.getTracks(); }""")
        page.get_by_role("button", name="Stop the camera").click()
        expect(status).to_have_text("Camera off. So far: 5 codes read, 1 added, 4 refused.")
        assert page.evaluate("() => window.__tracks.length > 0 && window.__tracks.every((t) => t.readyState === 'ended')")
        expect(page.locator("[data-cx-scan-video]")).to_be_hidden()

        # Scanning again, the same respondent's code is settled as a duplicate, not a second respondent.
        page.get_by_role("button", name="Scan QR codes").click()
        page.wait_for_function(f"() => window.__scan.filter((d) => d.state === 'read' && d.text === {json.dumps(codes['scanned'])}).length === 2",
                               timeout=60000)
        expect(status).to_contain_text("The team has 2 respondents.")
        # Leaving the page (instant navigation destroys the view) stops the camera too.
        page.evaluate("""() => { window.__tracks = document.querySelector('[data-cx-scan-video]').srcObject.getTracks(); }""")
        page.locator("a.md-logo").first.click()
        page.wait_for_function("() => window.__tracks.every((t) => t.readyState === 'ended')", timeout=15000)
        assert [e for e in errors if "CSP" in e or "Content Security Policy" in e] == []
        assert [e for e in errors if not e.startswith("Failed to load resource")] == [], errors
    finally:
        context.close()


def test_axe_finds_nothing_on_the_share_panel_the_scanner_and_the_invitations(camera, site_url):
    """The parts that send and receive links, each open and filled, in both palettes."""
    context = camera.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["camera"])
    try:
        page = context.new_page()
        page.goto(f"{site_url}assessments/{ASSESSMENT}/?round=2027-Q1&location=Riverside&department=service")
        page.wait_for_selector("[data-cx-toolbar]:not([hidden])")
        page.get_by_role("button", name="Send to your CX lead").click()
        expect(page.locator("[data-cx-share-qr]")).to_be_visible()
        assert axe_in_both_palettes(page) == CLEAN

        page.goto(site_url + TEAM)
        wait_for_widgets(page)  # the invitation form is in the page before the team view listens to it
        page.get_by_label("Round name").fill("2027-Q1")
        page.get_by_label("Stores, one per line").fill("Northside\nRiverside")
        page.locator("[data-cx-invite-department=service]").check()
        page.get_by_role("button", name="Make the invitations").click()
        expect(page.locator("[data-cx-invite]")).to_have_count(2)
        page.get_by_label("Round name").fill("")
        page.get_by_role("button", name="Make the invitations").click()
        expect(page.locator("[data-cx-invite-status]")).to_contain_text("No invitations were made.")
        page.get_by_role("button", name="Scan QR codes").click()
        page.wait_for_function("() => document.querySelectorAll('[data-cx-scan-refused] li').length >= 1", timeout=60000)
        assert axe_in_both_palettes(page) == CLEAN
        page.get_by_role("button", name="Stop the camera").click()
    finally:
        context.close()
