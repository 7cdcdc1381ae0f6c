"""``cx-playbook``: check, schema, export, build and diff from the command line.

Imports nothing of the site builder: ``build`` runs ProperDocs (the maintained
MkDocs fork) in a child process, so this module stays usable (and fast) where
only the core is installed. Only ``diff`` runs git (for a BASE given as a ref),
also in a child process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.files import ContentPaths
from generator.issues import ContentError
from generator.load import load_corpus
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

    args = parser.parse_args(argv)
    paths = ContentPaths.from_root(args.root, args.content, args.assessments)
    handler = {"check": _run_check, "schema": _run_schema, "export": _run_export, "build": _run_build,
               "diff": _run_diff}[args.command]
    return handler(args, paths)


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def _run_check(args, paths: ContentPaths) -> int:
    try:
        corpus = load_corpus(paths)
    except ContentError as error:
        if args.format == "github":
            print("\n".join(issue.format_github() for issue in error.issues))
            print(f"Found {len(error.issues)} error{'s' if len(error.issues) != 1 else ''} in the content.", file=sys.stderr)
        else:
            print(str(error), file=sys.stderr)
        return 1
    plays = len(corpus.plays)
    questions = sum(len(s.questions) for a in corpus.assessments for s in a.sections)
    print(f"Content is valid: {len(corpus.moments)} moments, {plays} plays, "
          f"{len(corpus.assessments)} assessments, {questions} questions, {len(corpus.sources)} sources.")
    return 0


def _run_schema(args, paths: ContentPaths) -> int:
    from generator.schema import write_schemas

    folder = args.out or (paths.display_root / "schemas")
    written = write_schemas(folder)
    print(f"Schemas are up to date in {folder}" if not written else
          "Wrote " + ", ".join(p.name for p in written))
    return 0


def _run_export(args, paths: ContentPaths) -> int:
    from generator.export import export_tree

    try:
        corpus = load_corpus(paths)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return 1
    pages = export_tree(corpus, paths.display_root, args.target)
    print(f"Exported {len(pages)} pages to {args.target}")
    return 0


def _run_build(args, paths: ContentPaths) -> int:
    """Build beside the site, then swap: a failed build leaves the old site/ as it was.
    With editions.yml, each edition is built into its own folder of the site."""
    from generator.editions import load_editions

    root = paths.display_root
    site = (root / args.site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    try:
        editions = load_editions(root)
    except ContentError as error:
        print(str(error).replace(" in the content.", " in editions.yml."), file=sys.stderr)
        return 1
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        if editions is None:
            code = _build_site(root, staging, {})
        else:
            code = _build_editions(editions, paths, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {args.site_dir} was left as it was.", file=sys.stderr)
        return code
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(staging, site)
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in site.rglob("*.html"))
    what = f" ({len(editions.editions)} editions: {', '.join(e.name for e in editions.editions)})" if editions else ""
    print(f"Built {pages} pages into {args.site_dir}{what}")
    return 0


def _build_site(project: Path, site_dir: Path, env: dict[str, str]) -> int:
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml",
               "--site-dir", str(site_dir)]
    # Material's end-of-life banner would bury the content messages; the README covers the plan.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1"), **env}
    return subprocess.run(command, cwd=project, env=env).returncode


def _build_editions(editions, paths: ContentPaths, staging: Path) -> int:
    """Each edition from its source, with today's generator and theme, then the
    versions.json Material's selector reads and a root page that leads to the
    default edition."""
    from generator.render import render_editions_index

    root = paths.display_root
    base_url = os.environ.get("CX_SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"
    for edition in editions.editions:
        print(f"Building edition {edition.name} from {edition.source}…", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix=f"cx-edition-{edition.name}-") as scratch:
            try:
                project = root if edition.source == "." else _edition_project(edition.source, paths, Path(scratch))
            except RevisionNotFound as error:
                print(f"editions.yml: edition '{edition.name}': {error}", file=sys.stderr)
                return 1
            code = _build_site(project, staging / edition.name, {
                "CX_SITE_URL": f"{base_url}{edition.name}/", "CX_EDITION": edition.name,
                "CX_EDITION_DEFAULT": editions.default})
        if code != 0:
            print(f"Edition '{edition.name}' ({edition.source}) does not build.", file=sys.stderr)
            return code
    (staging / "versions.json").write_text(json.dumps(editions.versions_json(), indent=2) + "\n", encoding="utf-8")
    (staging / "index.html").write_text(render_editions_index(editions), encoding="utf-8")
    return 0


def _edition_project(source: str, paths: ContentPaths, scratch: Path) -> Path:
    """A project to build one edition: today's mkdocs.yml, theme and docs, and
    the content at ``source``."""
    root = paths.display_root
    content = content_at(source, paths, scratch / "source")
    project = scratch / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "theme", "docs"):
        if (root / name).is_dir():
            shutil.copytree(root / name, project / name)
        elif (root / name).is_file():
            shutil.copy(root / name, project / name)
    for folder, target in ((content.content_dir, paths.content_dir), (content.assessments_dir, paths.assessments_dir)):
        if folder.is_dir():
            shutil.copytree(folder, project / os.path.relpath(target, root))
    return project


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
            head = load_corpus(paths)
        except ContentError as error:
            _invalid(f"{head_name} does not pass cx-playbook check", "", error, markdown)
            return 1
        try:
            base = load_corpus(base_paths)
        except ContentError as error:
            # The head passed check: that is every guard that can run on one side.
            _invalid(f"The base ({args.base}) does not pass cx-playbook check",
                     f"nothing can be compared with it ({head_name[0].lower() + head_name[1:]} passes)", error, markdown)
            return 1
    comparison = compare_corpora(base, head, args.base, head_label)
    print(render_markdown(comparison, args.max_length) if markdown else render_text(comparison), end="")
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


if __name__ == "__main__":
    sys.exit(main())
