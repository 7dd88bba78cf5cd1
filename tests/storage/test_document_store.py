"""The document store: files kept by SHA-256, written whole, private, stored once."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from plo_tracker.storage.document_store import DocumentStore


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_is_kept_under_its_sha256(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.7 a statement")
    store = DocumentStore(tmp_path / "store")
    sha256 = store.put(source)
    assert sha256 == hashlib.sha256(b"%PDF-1.7 a statement").hexdigest()
    assert store.path(sha256).read_bytes() == b"%PDF-1.7 a statement"
    assert store.verify(sha256) is None


def test_identical_bytes_are_stored_once(tmp_path):
    store = DocumentStore(tmp_path / "store")
    for name in ("one.pdf", "two.pdf"):
        (tmp_path / name).write_bytes(b"the same bytes")
    assert store.put(tmp_path / "one.pdf") == store.put(tmp_path / "two.pdf") \
        == store.put_bytes(b"the same bytes")
    kept = [p for p in (tmp_path / "store").rglob("*") if p.is_file()]
    assert len(kept) == 1


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_files_are_the_owners_alone(tmp_path):
    store = DocumentStore(tmp_path / "store")
    old = os.umask(0o022)  # even when the process would let others read
    try:
        sha256 = store.put_bytes(b"evidence about a child")
    finally:
        os.umask(old)
    assert _mode(store.path(sha256)) == 0o600
    assert _mode(store.root) == 0o700
    assert _mode(store.path(sha256).parent) == 0o700


def test_no_temporary_file_is_left_when_writing_fails(tmp_path, monkeypatch):
    store = DocumentStore(tmp_path / "store")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        store.put_bytes(b"half a file")
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_verify_names_a_missing_and_an_altered_file(tmp_path):
    store = DocumentStore(tmp_path / "store")
    missing = store.put_bytes(b"gone later")
    altered = store.put_bytes(b"changed later")
    store.path(missing).unlink()
    store.path(altered).write_bytes(b"changed by someone")
    assert store.verify(missing) == "its file is missing from the documents folder"
    assert store.verify(altered) == "its file was changed after it was stored"


def test_delete_removes_a_file_and_tolerates_one_already_gone(tmp_path):
    store = DocumentStore(tmp_path / "store")
    sha256 = store.put_bytes(b"to be removed")
    store.delete(sha256)
    store.delete(sha256)
    assert not store.path(sha256).exists()


def test_a_name_that_is_not_a_sha256_is_refused(tmp_path):
    with pytest.raises(ValueError):
        DocumentStore(tmp_path).path("../../etc/passwd")
