"""``cx-playbook``: check, schema, export, build and diff from the command line.

Imports nothing of the site builder: ``build`` runs ProperDocs (the maintained
MkDocs fork) in a child process, so this module stays usable (and fast) where
only the core is installed. Only ``diff`` runs git (for a BASE given as a ref),
also in a child process.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from generator.files import ContentPaths
from generator.issues import ContentError
from generator.load import load_corpus


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
    """Build beside the site, then swap: a failed build leaves the old site/ as it was."""
    site = (paths.display_root / args.site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml",
               "--site-dir", str(staging)]
    # Material's end-of-life banner would bury the content messages; the README covers the plan.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1")}
    result = subprocess.run(command, cwd=paths.display_root, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {args.site_dir} was left as it was.", file=sys.stderr)
        return result.returncode
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(staging, site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {sum(1 for _ in site.rglob('*.html'))} pages into {args.site_dir}")
    return 0


def _run_diff(args, paths: ContentPaths) -> int:
    """Exit 0: compared, no errors (warnings allowed); 1: a guard stopped it or a
    side does not pass check; 2: BASE is neither a folder nor a git ref."""
    from generator.diff import compare_corpora, render_markdown, render_text

    markdown = args.format == "markdown"
    head_label = "the working tree" if args.root == Path(".") else str(args.root)
    with tempfile.TemporaryDirectory(prefix="cx-diff-base-") as scratch:
        try:
            base_paths = _base_paths(args, paths, Path(scratch))
        except _BaseNotFound as error:
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


class _BaseNotFound(Exception):
    pass


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


def _base_paths(args, paths: ContentPaths, scratch: Path) -> ContentPaths:
    """BASE as content paths: a folder as it is, a git ref written out into ``scratch``."""
    folder = Path(args.base)
    if folder.is_dir():
        return ContentPaths.from_root(folder, args.content, args.assessments)
    if args.base.startswith("-"):
        raise _BaseNotFound(f"'{args.base}' is not a folder or a git ref (expected a name such as origin/main or HEAD)")
    top = _git(paths.display_root, "rev-parse", "--show-toplevel")
    if top is None:
        raise _BaseNotFound(f"'{args.base}' is not a folder, and {paths.display_root} is not in a git repository "
                            "(expected a folder holding content/ and assessments/, or a git ref such as origin/main)")
    if _git(paths.display_root, "rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}") is None:
        raise _BaseNotFound(f"'{args.base}' is neither a folder nor a git ref in {top} (expected a branch, tag or "
                            "commit such as origin/main or HEAD; in GitHub Actions, check out with fetch-depth: 0)")
    root = Path(top)
    wanted = [os.path.relpath(p, root) for p in (paths.content_dir, paths.assessments_dir)]
    for part in wanted:
        # One archive per folder: a folder missing in BASE is then reported by load_corpus, in its words.
        archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", args.base, "--", part],
                                 capture_output=True)
        if archive.returncode != 0:
            continue
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(scratch, filter="data")  # no path leaves scratch, no device or link outside it
        except (tarfile.TarError, OSError) as error:
            raise _BaseNotFound(f"could not read {part}/ from '{args.base}': {error}") from None
    display = scratch / os.path.relpath(paths.display_root, root)
    return ContentPaths(scratch / wanted[0], scratch / wanted[1], display)


def _git(cwd: Path, *command: str):
    """stdout of a git command, or None when git is missing or the command fails."""
    try:
        result = subprocess.run(["git", "-C", str(cwd), *command], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


if __name__ == "__main__":
    sys.exit(main())
