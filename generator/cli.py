"""``cx-playbook``: check, schema, export and build from the command line.

Imports nothing of the site builder: ``build`` runs ProperDocs (the maintained
MkDocs fork) in a child process, so this module stays usable (and fast) where
only the core is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
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

    args = parser.parse_args(argv)
    paths = ContentPaths.from_root(args.root, args.content, args.assessments)
    handler = {"check": _run_check, "schema": _run_schema, "export": _run_export, "build": _run_build}[args.command]
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


if __name__ == "__main__":
    sys.exit(main())
