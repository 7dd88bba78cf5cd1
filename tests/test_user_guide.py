"""The user guide holds together: every link and picture is there, every page is listed,
and every role has its page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plo_tracker.domain.vocabulary import Role

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "user-guide"
IMAGES = GUIDE / "images"
PAGES = sorted(GUIDE.glob("*.md"))
DOCUMENTS = [*PAGES, ROOT / "README.md"]
ROLE_PAGES = {
    Role.SOCIAL_WORKER: "for-social-workers.md",
    Role.TEAM_MANAGER: "for-team-managers.md",
    Role.PANEL_MEMBER: "for-panel-members.md",
    Role.ADMINISTRATOR: "for-administrators.md",
    Role.READ_ONLY: "for-auditors.md",
}

_FENCE = re.compile(r"^(?:```|~~~).*?^(?:```|~~~)", re.MULTILINE | re.DOTALL)
_INDENTED = re.compile(r"(?:^(?: {4}|\t).*\n?)+", re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)


def _prose(text: str) -> str:
    """The text without code, where a bracket is not a link (fences, indented blocks,
    `spans`). An indented block right after a list item is a continuation in Markdown, but
    this guide indents only code by four spaces."""
    text = _FENCE.sub("", text)
    text = _INDENTED.sub("", text)
    return _CODE_SPAN.sub("", text)


def links(path: Path) -> list[tuple[bool, str]]:
    """(is a picture, target) for every Markdown link and picture in the file."""
    return [(bang == "!", target) for bang, target in _LINK.findall(_prose(path.read_text()))]


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings: lower case, punctuation dropped,
    spaces as hyphens; a repeated heading gets -1, -2…"""
    found: set[str] = set()
    for heading in _HEADING.findall(_FENCE.sub("", path.read_text())):
        words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its words
        slug = re.sub(r"[^\w\- ]", "", words.lower()).replace(" ", "-")
        candidate, number = slug, 0
        while candidate in found:
            number += 1
            candidate = f"{slug}-{number}"
        found.add(candidate)
    return found


def _local(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)


def test_the_anchor_rule_matches_github_on_headings_of_this_guide():
    page = GUIDE / "letters-admin.md"
    assert {"limits-on-templates", "letterhead-and-solicitors"} <= anchors(page)
    assert "2-the-database-and-its-roles" in anchors(GUIDE / "team-server.md")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_local_link_and_anchor_resolves(document: Path):
    broken = []
    for _picture, target in links(document):
        if not _local(target):
            continue
        file_part, _hash, anchor = target.partition("#")
        destination = (document.parent / file_part).resolve() if file_part else document
        if not destination.exists():
            broken.append(f"{target}: no such file")
            continue
        if anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{target}: no heading gives #{anchor}")
    assert broken == [], f"{document.name} has broken links"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_picture_referenced_exists(document: Path):
    pictures = [target for picture, target in links(document) if picture]
    missing = [target for target in pictures if not (document.parent / target).is_file()]
    assert missing == []


def test_every_page_of_the_guide_is_listed_in_its_readme():
    listed = {target.partition("#")[0] for _picture, target in links(GUIDE / "README.md")}
    unlisted = [page.name for page in PAGES if page.name != "README.md"
                and page.name not in listed]
    assert unlisted == []


def test_every_role_has_its_page_with_a_picture_and_is_found_under_find_your_role():
    assert set(ROLE_PAGES) == set(Role), "a role was added: give it a page in ROLE_PAGES"
    readme = (GUIDE / "README.md").read_text()
    find_your_role = readme.split("## Find your role", 1)[1].split("\n## ", 1)[0]
    for role, name in ROLE_PAGES.items():
        page = GUIDE / name
        assert page.is_file(), f"{role.label} has no page {name}"
        assert f"({name})" in find_your_role, f"{name} is not under Find your role"
        assert any(picture for picture, _target in links(page)), f"{name} has no picture"
    assert "(installing.md)" in find_your_role


def test_every_picture_in_the_guide_is_taken_by_make_screenshots_and_used_by_a_page():
    """The lead takes every picture again with make_screenshots.py, so one it does not
    take would go stale; one no page shows is dead weight."""
    script = (ROOT / "docs" / "make_screenshots.py").read_text()
    taken = set(re.findall(r"save\([^,]+,\s*\"([\w-]+)\"\)", script))
    used = {Path(target).name for page in PAGES for picture, target in links(page) if picture}
    files = {path.name for path in IMAGES.glob("*.png")}
    assert sorted(files - {f"{name}.png" for name in taken}) == []
    assert sorted(files - used) == []
