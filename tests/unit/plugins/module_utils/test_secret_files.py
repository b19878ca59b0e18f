# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/secret_files.py: a secret written to a file, mode 0600, atomically, and only when it changes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils import secret_files
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import SecretFileError
from ansible_collections.jupyterhub.hub.plugins.module_utils.secret_files import SHOWN_ABSENT, SHOWN_PRESENT, check_target, shown, write_secret
from ansible_collections.jupyterhub.hub.tests.unit.helpers import file_mode, file_text

SECRET = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def open_umask():
    """A umask that would leave a file readable by all: the writer must not depend on the caller's."""
    previous = os.umask(0)
    yield
    os.umask(previous)


# -- writing -----------------------------------------------------------------------------------------------------


def test_a_new_file_holds_the_secret_alone_with_mode_0600(tmp_path, open_umask):
    path = str(tmp_path / "grader.token")

    assert write_secret(path, SECRET) is True

    assert file_text(path) == SECRET  # no newline: the file is the secret
    assert file_mode(path) == 0o600
    assert sorted(os.listdir(str(tmp_path))) == ["grader.token"]  # no temporary file left


def test_a_file_with_other_permissions_is_replaced_with_mode_0600(tmp_path):
    path = tmp_path / "grader.token"
    path.write_text("old-secret")
    os.chmod(str(path), 0o644)

    assert write_secret(str(path), SECRET) is True
    assert file_text(str(path)) == SECRET and file_mode(str(path)) == 0o600


def test_the_same_secret_again_writes_nothing(tmp_path):
    path = str(tmp_path / "grader.token")
    write_secret(path, SECRET)
    os.utime(path, (1000000000, 1000000000))
    before = os.stat(path)

    assert write_secret(path, SECRET) is False

    after = os.stat(path)
    assert (after.st_mtime, after.st_ino) == (before.st_mtime, before.st_ino)


def test_the_same_secret_with_a_looser_mode_is_written_again(tmp_path):
    path = str(tmp_path / "grader.token")
    write_secret(path, SECRET)
    os.chmod(path, 0o640)
    assert write_secret(path, SECRET) is True
    assert file_mode(path) == 0o600


def test_a_new_secret_replaces_the_file_atomically_from_a_temporary_file_in_the_same_directory(tmp_path, monkeypatch):
    path = str(tmp_path / "grader.token")
    write_secret(path, "old-secret")
    old_inode = os.stat(path).st_ino
    replaced, synced = [], []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(source, target):
        # at the moment of the rename: the temporary file is complete, synced, 0600, beside the target; the target is whole
        replaced.append((os.path.dirname(source), os.path.basename(source), file_text(source), file_mode(source), file_text(target), len(synced)))
        real_replace(source, target)

    def fsync(descriptor):
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(secret_files.os, "replace", replace)
    monkeypatch.setattr(secret_files.os, "fsync", fsync)

    assert write_secret(path, SECRET) is True

    [(directory, name, content, mode, target_then, syncs_before)] = replaced
    assert directory == str(tmp_path)
    assert name.startswith(".grader.token.") and name.endswith(".tmp")
    assert (content, mode, target_then) == (SECRET, 0o600, "old-secret")
    assert syncs_before >= 1  # the data was on disk before the rename
    assert file_text(path) == SECRET
    assert os.stat(path).st_ino != old_inode  # a new file took the name: no reader sees a half-written one
    assert sorted(os.listdir(str(tmp_path))) == ["grader.token"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = str(tmp_path / "grader.token")
    write_secret(path, "old-secret")

    def fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(secret_files.os, "fsync", fsync)

    with pytest.raises(SecretFileError) as caught:
        write_secret(path, SECRET)

    assert str(caught.value) == "cannot write secret_file %s: No space left on device" % path
    assert file_text(path) == "old-secret"
    assert sorted(os.listdir(str(tmp_path))) == ["grader.token"]


def test_a_missing_directory_is_a_clear_error(tmp_path):
    path = str(tmp_path / "missing" / "grader.token")
    with pytest.raises(SecretFileError) as caught:
        write_secret(path, SECRET)
    assert str(caught.value) == "cannot write secret_file %s: No such file or directory" % path
    assert not os.path.exists(str(tmp_path / "missing"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path):
    path = str(tmp_path / "grader.token")
    write_secret(path, "old-secret")
    os.chown(path, 65534, 65534)

    write_secret(path, SECRET)

    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (65534, 65534)
    assert file_text(path) == SECRET and file_mode(path) == 0o600


# -- checking before any change ------------------------------------------------------------------------------------


def test_a_file_in_an_existing_directory_can_take_a_secret(tmp_path):
    assert check_target(str(tmp_path / "grader.token")) is None
    (tmp_path / "grader.token").write_text("x")
    assert check_target(str(tmp_path / "grader.token")) is None


def test_a_missing_directory_is_named_with_how_to_make_it(tmp_path):
    path = str(tmp_path / "secrets" / "grader.token")
    assert check_target(path) == (
        "the directory of secret_file %s does not exist: create %s first (for example with ansible.builtin.file, "
        "state=directory, mode=0700)" % (path, tmp_path / "secrets")
    )


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: "", "secret_file is empty"),
        (lambda tmp: "grader.token", "secret_file grader.token is not an absolute path"),
        (str, "is a directory: give the path of a file in it"),
    ],
    ids=["empty", "relative", "directory"],
)
def test_paths_that_cannot_take_a_secret(tmp_path, make, message):
    assert message in check_target(make(tmp_path))


def test_a_directory_that_is_a_file(tmp_path):
    (tmp_path / "plain").write_text("x")
    assert check_target(str(tmp_path / "plain" / "grader.token")).endswith("is not a directory")


def test_a_directory_this_process_may_not_write_to(tmp_path, monkeypatch):
    monkeypatch.setattr(secret_files.os, "access", lambda path, mode: False)  # root may write anywhere: pretend
    assert check_target(str(tmp_path / "grader.token")) == (
        "secret_file %s cannot be written: this process may not create files in %s" % (tmp_path / "grader.token", tmp_path)
    )


def test_a_diff_shows_whether_the_file_is_there_never_what_it_holds(tmp_path):
    path = tmp_path / "grader.token"
    assert shown(str(path)) == SHOWN_ABSENT
    path.write_text(SECRET)
    assert shown(str(path)) == SHOWN_PRESENT
    assert SECRET not in SHOWN_PRESENT
