"""Synthetic content at N× the default size, valid per the models (for bench/run.py).

Moments are copied (ids suffixed ``-sK``) up to the model's limit of 99 unique
``order`` values; beyond that, each moment gets more plays, so plays and
questions keep growing N×. Assessments are copied N× with their sections
pointing at the copied moments and plays.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_ORDER = 99


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the loader refuses aliases
        return True


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")


def _suffix(play: dict, tag: str) -> dict:
    play = dict(play)
    play["id"] = f"{play['id']}-{tag}"
    play["title"] = f"{play['title']} ({tag})"
    return play


def generate(scale: int, target: Path, source: Path = ROOT) -> dict[str, int]:
    """Write ``target/content`` and ``target/assessments`` at ``scale``× the default."""
    for folder in ("content", "assessments"):
        if (target / folder).exists():
            shutil.rmtree(target / folder)
    shutil.copytree(source / "content", target / "content")
    (target / "assessments").mkdir(parents=True)
    moments = {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((source / "content" / "moments").glob("*.yml"))}
    copies = max(1, min(scale, MAX_ORDER // len(moments)))
    plays_factor = math.ceil(scale / copies)
    play_map: dict[int, dict[str, str]] = {}  # copy -> original play id -> id in that copy
    # Metric ids are unique across the playbook: each copy of a moment gets its
    # own, and its plays' measured_by follows them.
    moment_metrics = {m["id"] for moment in moments.values() for m in moment.get("metrics", [])}
    for k in range(copies):
        play_map[k] = {}
        tag = f"s{k}"
        metric_id = (lambda old: old) if k == 0 else (lambda old, tag=tag: f"{old}-{tag}" if old in moment_metrics else old)
        for moment_id, moment in moments.items():
            data = dict(moment)
            if k:
                data["id"] = f"{moment_id}-{tag}"
                data["title"] = f"{moment['title']} ({tag})"
                data["order"] = k * len(moments) + moment["order"]
                data["prefix"] = f"{moment['prefix']}{k}"  # prefixes are unique per moment
                data["metrics"] = [{**m, "id": metric_id(m["id"])} for m in moment.get("metrics", [])]
            plays = []
            for copy in range(plays_factor):
                for play in moment["plays"]:
                    new = play if (k == 0 and copy == 0) else _suffix(play, f"{tag}-p{copy}")
                    if new.get("measured_by") is not None:
                        new = {**new, "measured_by": metric_id(new["measured_by"])}
                    if copy:  # only the first copy's plays are recommended by a question
                        new = {**new, "not_assessed": "A synthetic copy for the benchmark."}
                    plays.append(new)
                    if copy == 0:
                        play_map[k][play["id"]] = new["id"]
            data["plays"] = plays
            _dump(target / "content" / "moments" / f"{data['id']}.yml", data)
    questions = 0
    for file in sorted((source / "assessments").glob("*.yml")):
        base = yaml.safe_load(file.read_text(encoding="utf-8"))
        for k in range(scale):
            data = dict(base)
            m = k % copies
            if k:
                data["id"] = f"{base['id']}-s{k}"
                data["title"] = f"{base['title']} ({k})"
            sections = []
            for section in base["sections"]:
                section = dict(section)
                if section.get("moment") and m:
                    section["moment"] = f"{section['moment']}-s{m}"
                section["questions"] = [
                    {**q, "plays": [play_map[m].get(p, p) for p in q.get("plays", [])]} for q in section["questions"]
                ]
                questions += len(section["questions"])
                sections.append(section)
            data["sections"] = sections
            _dump(target / "assessments" / f"{data['id']}.yml", data)
    return {"moments": copies * len(moments), "plays_per_moment_factor": plays_factor,
            "assessments": scale * len(list((source / "assessments").glob("*.yml"))), "questions": questions}


if __name__ == "__main__":
    import sys
    import tempfile

    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="cx-synthetic-"))
    print(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10, out), out)
