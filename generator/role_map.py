"""The role map: who does each department's jobs in a single store.

A store that sells 60 cars a month has no customer care manager, no
operations department and no delivery team; their jobs fall to a handful of
real titles. ``departments.yml`` says, per department, which title takes its
jobs there and which department it is counted with (``single_store``). The
plan and the at-a-glance page name that title next to the department, and the
team view's "single store" option merges departments the same way, so it shows
no empty departments.
"""

from __future__ import annotations

from typing import Optional

from generator.corpus import Corpus
from generator.files import DocKey, DocKind
from generator.issues import Issue, format_path

DEPARTMENTS = DocKey(DocKind.DEPARTMENTS)


def merged(corpus: Corpus) -> Optional[dict[str, str]]:
    """department id → the department it is counted with in a single store;
    None when the playbook has no role map."""
    if not any(d.single_store for d in corpus.departments):
        return None
    return {d.id: d.single_store.merged_into if d.single_store else d.id for d in corpus.departments}


def check_role_map(corpus: Corpus) -> list[Issue]:
    """A role map covers every department, and each merges into a department
    that stays one of its own (one step, so no department disappears twice)."""
    departments = corpus.departments
    if not any(d.single_store for d in departments):
        return []
    doc = corpus.documents[DEPARTMENTS]
    known = {d.id: d for d in departments}
    issues = []
    for i, department in enumerate(departments):
        role = department.single_store
        if role is None:
            path = ("departments", i, "id")
            issues.append(Issue(doc.locate(path), format_path(path),
                                f"department '{department.id}' has no single_store role, but others do (expected every department in the role map: its title and the department it merges into)"))
            continue
        path = ("departments", i, "single_store", "merged_into")
        target = known.get(role.merged_into)
        if target is None:
            shown = ", ".join(known)
            issues.append(Issue(doc.locate(path), format_path(path), f"unknown department '{role.merged_into}' (known: {shown})"))
        elif target.single_store is not None and target.single_store.merged_into != target.id:
            issues.append(Issue(doc.locate(path), format_path(path),
                                f"'{role.merged_into}' itself merges into '{target.single_store.merged_into}' in a single store "
                                f"(expected '{target.single_store.merged_into}', a department that stays)"))
    return issues
