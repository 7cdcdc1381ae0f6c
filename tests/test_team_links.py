"""Links made by "Send to your CX lead", read by generator/team_links.py against the
shared cases in tests/cases/links/ (tests/js/team-links.test.mjs runs the same
cases through the browser's team-links.js)."""

from __future__ import annotations

import json

import pytest

from generator.team_links import encode_link, find_links, read_link

from conftest import ROOT

SUITE = json.loads((ROOT / "tests" / "cases" / "links" / "links.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", SUITE["cases"], ids=[c["name"] for c in SUITE["cases"]])
def test_link_case(case):
    read = read_link(case["name"], case["link"], SUITE["model"], SUITE["teamUrl"])
    e = case["expect"]
    if not e["ok"]:
        assert {"ok": read["ok"], "reason": read["reason"], "message": read["message"]} == e
    else:
        r = read["respondent"]
        assert read["ok"] and {k: r[k] for k in e["respondent"]} == e["respondent"]


def test_links_are_found_in_any_text_and_a_python_link_reads_back():
    good = [c["link"] for c in SUITE["cases"] if c["expect"]["ok"]]
    text = f"Hi,\n\nmine: {good[0]}.\n> ({good[1]})\n\"{good[2]}\", thanks\n<{good[3]}>"
    assert find_links(text) == good[:4]
    data = {"a": "team-case", "v": "2.0.0", "r": "r-py0000001", "t": "2026-03-01T10:00:00.000Z", "c": {"q1": "a2"}, "o": "2027-Q1"}
    read = read_link("py", encode_link(SUITE["teamUrl"], data), SUITE["model"], SUITE["teamUrl"])
    assert read["ok"] and read["respondent"]["answers"] == {"q1": "a2"} and read["respondent"]["round"] == "2027-Q1"
