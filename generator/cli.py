"""``cx-playbook``: check, schema, export, build, diff and team from the command line.

Each command is a few lines over the module that does its work
(``build``: generator/build.py). Imports nothing of the site builder: builds
run ProperDocs in a child process, so this module stays usable (and fast)
where only the core is installed. Only ``diff`` runs git (for a BASE given as
a ref), also in a child process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from generator.files import ContentPaths
from generator.i18n import load_translations, translation_diff
from generator.i18n import stubs as i18n_stubs
from generator.issues import ContentError, format_warnings
from generator.load import load_corpus
from generator.models import DEPARTMENT_LIST
from generator.multilingual import interface_of, interface_words, load_interface, question_wordings
from generator.revisions import RevisionNotFound, content_at


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cx-playbook", description="Dealership CX Playbook: content tools.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current)")
    parser.add_argument("--content", default="content", help="content folder, relative to --root")
    parser.add_argument("--assessments", default="assessments", help="assessments folder, relative to --root")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate all content; one line per problem")
    check.add_argument("--format", choices=("text", "github"), default="text")
    schema = commands.add_parser("schema", help="write JSON Schemas for editors and exports")
    schema.add_argument("--out", type=Path, default=None, help="folder (default: ROOT/schemas)")
    export = commands.add_parser("export", help="write the site as a plain Markdown tree")
    export.add_argument("target", type=Path)
    build = commands.add_parser("build", help="properdocs build --strict into a temp folder, then swap it in")
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    diff = commands.add_parser("diff", help="what the content changes compared with BASE, and what happens to saved answers")
    diff.add_argument("base", metavar="BASE",
                      help="a git ref (origin/main, HEAD, a commit) or a folder holding another copy of the project")
    diff.add_argument("--format", choices=("text", "markdown"), default="text",
                      help="markdown: for a pull request comment or the GitHub job summary")
    diff.add_argument("--max-length", type=int, default=None, metavar="N",
                      help="markdown at most N characters (a pull request comment holds 65536)")
    team = commands.add_parser(
        "team", help="merge a team's answer files: alignment by department, location and leadership",
        description="Read answer files (exports of one assessment; folders are read recursively for *.json), "
                    "merge them and report the team's figures, as the team view in the browser does. Refused files "
                    "are named on stderr with the reason; the exit status is 1 when any file was refused.")
    team.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help="answer files or folders of them, or text files holding links from “Send to your CX lead” "
                           "(any number per line, other text ignored)")
    team.add_argument("--site-url", default=None, metavar="URL",
                      help="the site's address: links to any other site are refused (default: any site's team view "
                           "of the assessment is read)")
    team.add_argument("--format", choices=("text", "markdown", "summary", "csv", "json"), default="text",
                      help="text (default), markdown, summary (the one-page leadership summary, Markdown), csv (one row per respondent and question) or json (summary)")
    team.add_argument("--output", type=Path, default=None, metavar="FILE", help="write here instead of stdout")
    team.add_argument("--assessment", default=None, metavar="ID",
                      help="the assessment the files answer (default: the one the first readable file names)")
    team.add_argument("--hide-below", type=int, default=None, metavar="K",
                      help="hide groups (departments, locations, location × department, leadership) with fewer than K "
                           "respondents, and the notes of departments that small (default 5; 0 shows every group)")
    team.add_argument("--single-store", action="store_true",
                      help="count each department with the one that does its jobs in a single store (the role map)")
    team.add_argument("--show-notes", action="store_true",
                      help="show every note, also from departments smaller than K (without their department)")
    team.add_argument("--exclude", action="append", default=[], metavar="RESPONDENT",
                      help="leave a respondent out (their respondent id, or id@round within a round); may be repeated")
    team.add_argument("--round", default=None, metavar="NAME",
                      help="the round reported (for example 2027-Q2); answers that name no round belong to it "
                           "(default: the newest round among the files)")
    team.add_argument("--baseline", type=Path, default=None, metavar="FILE|DIR",
                      help="an earlier round to compare with: its answer files, a folder of them, a text file of its "
                           "links, or its team JSON summary (--format json or the team view's download)")
    team.add_argument("--headcount", type=Path, default=None, metavar="CSV",
                      help="the expected headcount per store and department (store,department,headcount): the report "
                           "gives the response rate and who has not answered")

    translate = commands.add_parser(
        "translate", help="print what a translation still needs: each missing or out-of-date text, ready to fill in",
        description="For each English file, the entries its translation into LANGUAGE lacks or has out of date, as "
                    "YAML to paste into the translation file: the key, the hash of today's English (source) and the "
                    "text to write, with the English above it as a comment.")
    translate.add_argument("language", metavar="LANGUAGE", help="a language code listed in content/playbook.yml, e.g. es")

    args = parser.parse_args(argv)
    paths = ContentPaths.from_root(args.root, args.content, args.assessments)
    handler = {"check": _run_check, "schema": _run_schema, "export": _run_export, "build": _run_build,
               "diff": _run_diff, "team": _run_team, "translate": _run_translate}[args.command]
    return handler(args, paths)


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _run_check(args, paths: ContentPaths) -> int:
    try:
        corpus = load_corpus(paths, link_policy=True)
    except ContentError as error:
        if args.format == "github":
            print("\n".join(issue.format_github() for issue in error.issues))
            print(f"Found {len(error.issues)} error{'s' if len(error.issues) != 1 else ''} in the content.", file=sys.stderr)
        else:
            print(str(error), file=sys.stderr)
        return 1
    try:
        translations = load_translations(paths, corpus)
        interface_of(paths, translations)
    except ContentError as error:
        if args.format == "github":
            print("\n".join(issue.format_github() for issue in error.issues))
        print(str(error), file=sys.stderr)
        return 1
    from generator.schema import stale_lists

    warnings = corpus.warnings + stale_lists(paths, {DEPARTMENT_LIST: [d.id for d in corpus.departments]})
    if warnings:
        if args.format == "github":
            print("\n".join(issue.format_github("warning") for issue in warnings))
        else:
            print(format_warnings(warnings), file=sys.stderr)
    plays = len(corpus.plays)
    questions = sum(len(s.questions) for a in corpus.assessments for s in a.sections)
    print(f"Content is valid: {len(corpus.moments)} moments, {plays} plays, "
          f"{len(corpus.assessments)} assessments, {questions} questions, {len(corpus.sources)} sources.")
    print("Next: `cx-playbook diff origin/main` says what your change does to the site and to saved answers.")
    # Translations out of date or missing never fail the check: the site shows
    # the stale wording or the English until a translator catches up.
    for translation in translations:
        report = translation.report
        _, _, interface_missing = load_interface(paths, translation.language.code)
        report.missing.extend(interface_missing)
        report.missing_count += len(interface_missing)
        report.total += len(interface_words())
        report.current += len(interface_words()) - len(interface_missing)
        print("\n".join(report.lines()))
        if args.format == "github":
            for issue in report.stale + report.missing:
                print(issue.format_github("warning"))
    return 0


def _run_translate(args, paths: ContentPaths) -> int:
    """Write what a language still needs (missing or out of date) as YAML entries to fill in."""
    try:
        corpus = load_corpus(paths)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return 1
    codes = [lang.code for lang in corpus.playbook.languages[1:]]
    if args.language not in codes:
        print(f"content/playbook.yml: languages: no language '{args.language}' (known: {', '.join(codes) or 'none'}; "
              f"add it under languages first)", file=sys.stderr)
        return 1
    for file, text in i18n_stubs(paths, corpus, args.language).items():
        print(f"# ---- {paths.display(file)}")
        print(text)
    return 0


def _run_schema(args, paths: ContentPaths) -> int:
    from generator.schema import closed_lists, write_schemas

    folder = args.out or (paths.display_root / "schemas")
    written = write_schemas(folder, closed_lists(paths), None if args.out else paths.display_root)
    print(f"Schemas are up to date in {folder}" if not written else
          "Wrote " + ", ".join(p.name for p in written))
    return 0


def _run_export(args, paths: ContentPaths) -> int:
    from generator.export import export_tree

    try:
        corpus = load_corpus(paths)
        translations = load_translations(paths, corpus)
        interface = interface_of(paths, translations)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return 1
    pages = export_tree(corpus, paths.display_root, args.target, translations=translations, interface=interface)
    print(f"Exported {len(pages)} pages to {args.target}")
    return 0


def _run_build(args, paths: ContentPaths) -> int:
    """Built aside, then swapped in: a failed build leaves the old site/ as it was."""
    from generator.build import BuildFailed, build

    try:
        built = build(paths, args.site_dir)
    except BuildFailed as failure:
        if str(failure):
            print(failure, file=sys.stderr)
        print(f"Build failed; {args.site_dir} was left as it was.", file=sys.stderr)
        return failure.code
    editions = built.editions
    what = f" ({len(editions.editions)} editions: {', '.join(e.name for e in editions.editions)})" if editions else ""
    print(f"Built {built.pages} pages into {args.site_dir}{what}")
    return 0


def _run_diff(args, paths: ContentPaths) -> int:
    """Exit 0: compared, no errors (warnings allowed); 1: a guard stopped it or a
    side does not pass check; 2: BASE is neither a folder nor a git ref."""
    from generator.diff import compare_corpora, render_markdown, render_text

    markdown = args.format == "markdown"
    head_label = "the working tree" if args.root == Path(".") else str(args.root)
    with tempfile.TemporaryDirectory(prefix="cx-diff-base-") as scratch:
        try:
            base_paths = content_at(args.base, paths, Path(scratch))
        except RevisionNotFound as error:
            print(f"cx-playbook diff: {error}", file=sys.stderr)
            return 2
        head_name = "The working tree" if args.root == Path(".") else f"The content in {args.root}"
        try:
            # What scores mean is check's to judge (content/CI run it first);
            # diff compares, so a base published under older rules still compares.
            head = load_corpus(paths, meaning=False)
        except ContentError as error:
            _invalid(f"{head_name} does not pass cx-playbook check", "", error, markdown)
            return 1
        try:
            base = load_corpus(base_paths, meaning=False)
        except ContentError as error:
            # The head passed check: that is every guard that can run on one side.
            _invalid(f"The base ({args.base}) does not pass cx-playbook check",
                     f"nothing can be compared with it ({head_name[0].lower() + head_name[1:]} passes)", error, markdown)
            return 1
        translated = translation_diff(base_paths, base, paths, head)
    comparison = compare_corpora(base, head, args.base, head_label)
    print(render_markdown(comparison, args.max_length) if markdown else render_text(comparison), end="")
    if translated:
        # Translations never stop a change: out-of-date texts are shown until a translator catches up.
        if markdown:
            print("\n### Translations\n\n```\n" + "\n".join(translated) + "\n```")
        else:
            print("\nTranslations\n" + "\n".join(f"  {line}" for line in translated))
    if markdown and (comparison.errors or comparison.warnings):
        # The job log shows the problems too, in check's words.
        print("\n".join(i.format() for i in [*comparison.errors, *comparison.warnings]), file=sys.stderr)
    return 1 if comparison.errors else 0


def _invalid(what: str, consequence: str, error: ContentError, markdown: bool) -> None:
    """A side that does not pass check: its problems as check prints them (and as Markdown)."""
    if markdown:
        from generator.diff.markdown import escape, problems

        print(f"### {escape(what)}\n")
        if consequence:
            print(f"{escape(consequence[0].upper() + consequence[1:])}.\n")
        print("\n".join(problems(error.issues, [])), end="")
    print(f"{what}, so {consequence}:" if consequence else f"{what}:", file=sys.stderr)
    print(str(error), file=sys.stderr)


def _run_team(args, paths: ContentPaths) -> int:
    """Merge answer files as the team view does; refused files on stderr, exit 1 if any."""
    from generator import team, team_files, team_report
    from generator.answer_file import FILE_MAX_BYTES
    from generator.browser_model import build_browser_model
    from generator.contract import K_MAX, K_MIN
    from generator.pages import team_path
    from generator.team_links import LINK_REASONS

    try:
        corpus = load_corpus(paths)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return 1
    known = {a.id: a for a in corpus.assessments}
    if args.assessment is not None and args.assessment not in known:
        print(f"cx-playbook team: unknown assessment {args.assessment!r} (known: {', '.join(known)})", file=sys.stderr)
        return 2
    if args.hide_below is not None and args.hide_below != 0 and not K_MIN <= args.hide_below <= K_MAX:
        print(f"cx-playbook team: --hide-below needs a K from {K_MIN} to {K_MAX}, or 0 to show every group "
              f"(got {args.hide_below})", file=sys.stderr)
        return 2
    files = team_files.find(args.files)
    chosen = known.get(args.assessment) or team_files.named_assessment(files, known, FILE_MAX_BYTES) or corpus.assessments[0]
    try:  # answers given in another language of the playbook are answers to the same questions
        wordings = question_wordings(corpus, load_translations(paths, corpus)).get(chosen.id)
    except ContentError:
        wordings = None
    model = build_browser_model(corpus, chosen, team_path(chosen.id), wordings=wordings).model_dump(mode="json")

    choice, problem = _round_inputs(args, model)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    json_files, link_reads = team_files.link_files(files, model, chosen.id, args.site_url)
    reads = team_files.read_all(json_files, model) + link_reads
    merged = team.merge_team(team.empty_team(), [r for r in reads if r["ok"]], args.round)
    if args.round is None:
        from generator.team_rounds import rounds_of

        found = rounds_of(merged["team"]["respondents"])
        if found:
            choice["current"] = found[-1]["round"]
    if choice.pop("baseline_files", None):
        # The earlier round's answers join the team as a round of their own ("earlier round" when they name none).
        b_json, b_links = team_files.link_files(team_files.find([args.baseline]), model, chosen.id, args.site_url)
        b_reads = team_files.read_all(b_json, model) + b_links
        b_ok = [r for r in b_reads if r["ok"]]
        from generator.team_rounds import rounds_of

        b_rounds = rounds_of(team.merge_team(team.empty_team(), b_ok, BASELINE_ROUND)["team"]["respondents"])
        if b_rounds:
            choice["baseline"] = b_rounds[-1]["round"]
        before = team.merge_team(merged["team"], b_ok, BASELINE_ROUND)
        merged = {**before, "superseded": merged["superseded"] + before["superseded"]}
        reads = reads + b_reads
    refused = [r for r in reads if not r["ok"]]
    for r in refused:
        detail = f" ({r['detail']})" if r.get("detail") else ""
        reason = {**team.REASONS, **LINK_REASONS}[r["reason"]]
        print(f"{_line(r['file'])}: {reason}: {_line(r['message'])}{detail}", file=sys.stderr)
    for entry in merged["superseded"]:
        for dropped in entry["dropped"]:
            print(f"{_line(dropped['file'])}: superseded by {_line(entry['kept']['file'])} "
                  f"(the same respondent, {entry['id']}; the newest export is kept)", file=sys.stderr)
    carried = sum(1 for r in reads if r["ok"] and r["carried"])
    if carried:
        print(f"{carried} file{'s were' if carried != 1 else ' was'} answered to an older version of the questionnaire "
              f"and carried over to version {model['version']}.", file=sys.stderr)
    v1 = sum(1 for r in merged["team"]["respondents"] if r["id"] is None)
    if v1:
        print(f"{v1} file{'s' if v1 != 1 else ''} in format 1 carry no respondent id: each counts as its own respondent "
              "(duplicates cannot be detected for them).", file=sys.stderr)

    respondents = merged["team"]["respondents"]
    # Private by default: groups smaller than k are hidden unless --hide-below 0 says otherwise.
    options = {"excluded": args.exclude, "hideSmall": args.hide_below != 0, "k": args.hide_below or team.DEFAULT_K,
               "showNotes": args.show_notes, "singleStore": args.single_store}
    if args.format == "csv":
        output = team_report.to_csv(model, respondents, options)
    else:
        from generator.team_rounds import round_stats

        stats = round_stats(model, respondents, options, **choice)
        from generator.leadership_summary import to_summary

        writer = {"json": team_report.to_json, "text": team_report.to_text, "markdown": team_report.to_markdown,
                  "summary": to_summary}
        output = team_report.safe_text(writer[args.format](model, stats))
    print(f"Merged {len(respondents)} respondent{'s' if len(respondents) != 1 else ''} from "
          f"{len(reads) - len(refused)} file{'s' if len(reads) - len(refused) != 1 else ''} "
          f"({chosen.id} {model['version']}); refused {len(refused)}.", file=sys.stderr)
    if args.output is not None:
        try:
            args.output.write_text(output, encoding="utf-8", newline="")
        except OSError as error:
            print(f"cx-playbook team: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 1
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="")
        sys.stdout.write(output)
        sys.stdout.flush()
    return 1 if refused else 0


BASELINE_ROUND = "earlier round"


def _round_inputs(args, model: dict) -> tuple[dict, str | None]:
    """round_stats' choices from --round, --baseline and --headcount: (choice, None) or ({}, the refusal)."""
    import json

    from generator import team_files
    from generator.answer_file import FILE_MAX_BYTES
    from generator.contract import SUMMARY_FORMAT
    from generator.team import round_name
    from generator.team_headcount import read_headcounts
    from generator.team_rounds import read_summary

    choice: dict = {}
    if args.round is not None:
        if round_name(args.round) is None:
            return {}, "cx-playbook team: --round needs a name, for example 2027-Q2"
        choice["current"] = round_name(args.round)
    if args.baseline is not None:
        if not args.baseline.exists():
            return {}, f"cx-playbook team: --baseline {args.baseline}: no such file or folder"
        text = None
        if args.baseline.is_file():
            text, problem = team_files.read_text(args.baseline, FILE_MAX_BYTES * 40)
            if problem is not None:
                return {}, f"cx-playbook team: --baseline {args.baseline}: {problem}"
        try:
            data = json.loads(text) if text is not None and text.lstrip().startswith("{") else None
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and data.get("format") == SUMMARY_FORMAT:
            read = read_summary(text, model)
            if not read["ok"]:
                return {}, f"cx-playbook team: --baseline {args.baseline}: {read['message']}"
            choice["baseline_summary"] = read["summary"]
        else:
            choice["baseline_files"] = True
    if args.headcount is not None:
        text, problem = team_files.read_text(args.headcount, FILE_MAX_BYTES)
        if problem is not None:
            return {}, f"cx-playbook team: --headcount {args.headcount}: {problem}"
        read = read_headcounts(text, model)
        if not read["ok"]:
            return {}, "\n".join(f"{_line(str(args.headcount))}: {_line(p)}" for p in read["problems"])
        choice["headcounts"] = read["headcounts"]
    return choice, None


def _line(text: str) -> str:
    """A file name or message on one line of a terminal: control characters shown as
    spaces, bytes that are not UTF-8 (lone surrogates) as U+FFFD."""
    return "".join(" " if ord(c) < 32 or ord(c) == 127 else "\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c
                   for c in text)


if __name__ == "__main__":
    sys.exit(main())
