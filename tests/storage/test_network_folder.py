"""A SQLite file in a network folder is refused before anything is written to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from plo_tracker.storage import network_folder
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.errors import DatabaseProblem
from plo_tracker.storage.network_folder import network_file_system
from plo_tracker.storage.schema import prepare_database

# Lines as Linux writes them: id, parent, device, root, mount point, options - type source.
MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:40 / /srv/shares/casework rw,relatime shared:20 - cifs //files01/casework rw,vers=3.1.1
41 40 0:41 / /srv/shares/casework/local rw,relatime shared:21 - ext4 /dev/sdb1 rw
42 22 0:42 / /mnt/team\\040drive rw,relatime shared:22 - nfs4 files02:/team rw
43 22 0:43 / /home/alex/remote rw,nosuid shared:23 - fuse.sshfs alex@files03:/data rw
44 22 0:44 / /srv/shares/casework2 rw,relatime shared:24 - ext4 /dev/sdc1 rw
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/srv/shares/casework/plo.sqlite3", "cifs"),
    ("/srv/shares/casework/team/deeper/plo.sqlite3", "cifs"),
    ("/mnt/team drive/plo.sqlite3", "nfs4"),  # a space, written \040 in mountinfo
    ("/home/alex/remote/plo.sqlite3", "fuse.sshfs"),
    ("/srv/shares/casework/local/plo.sqlite3", None),  # a local disk mounted inside a share
    ("/srv/shares/casework2/plo.sqlite3", None),  # a name that only begins like a share
    ("/home/alex/plo.sqlite3", None),
])
def test_linux_network_mounts_are_recognised_from_mountinfo(path, kind):
    assert network_file_system(Path(path), mountinfo=MOUNTINFO) == kind


@pytest.mark.parametrize(("path", "drive_type", "kind"), [
    (r"\\files01\casework\plo.sqlite3", 3, "a network share"),
    ("//files01/casework/plo.sqlite3", 3, "a network share"),
    (r"\\?\UNC\files01\casework\plo.sqlite3", 3, "a network share"),
    (r"H:\PLO\plo.sqlite3", 4, r"the network drive H:"),  # 4: DRIVE_REMOTE
    (r"C:\Users\alex\plo.sqlite3", 3, None),  # 3: DRIVE_FIXED
])
def test_windows_shares_and_mapped_drives_are_recognised(path, drive_type, kind):
    asked = []

    def get_drive_type(root: str) -> int:
        asked.append(root)
        return drive_type

    assert network_file_system(Path(path), drive_type=get_drive_type) == kind
    if kind is None or "drive" in kind:
        assert asked == [path[:2] + "\\"]


def test_the_folders_of_this_computer_are_not_network_folders(tmp_path):
    assert network_file_system(tmp_path / "new.sqlite3") is None


@pytest.mark.sqlite_only
def test_a_database_in_a_network_folder_is_refused_and_nothing_is_written(tmp_path,
                                                                           monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    mountinfo = (f"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                 f"40 22 0:40 / {share} rw - cifs //files01/casework rw\n")
    real = network_folder.network_file_system
    monkeypatch.setattr("plo_tracker.storage.schema.network_file_system",
                        lambda path: real(path, mountinfo=mountinfo))
    with pytest.raises(DatabaseProblem) as refused:
        prepare_database(sqlite_url(share / "plo.sqlite3"), tmp_path / "backups")
    assert refused.value.message.startswith(
        "The database plo.sqlite3 is in a network folder (cifs). A database file cannot be "
        "shared safely over a network")
    assert "team server" in refused.value.message and "Nothing was changed" in refused.value.message
    assert list(share.iterdir()) == [] and not (tmp_path / "backups").exists()
