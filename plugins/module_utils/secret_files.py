# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets written to a file on the node that runs the module (O(secret_file)). Plain Python, nothing of Ansible.

A secret the hub shows once (a new token's) goes to its file at once, so that no
result has to hold it and the task needs no ``no_log``. The file holds the secret
alone (no newline), mode 0600, and is replaced atomically: a temporary file in the
same directory, written and fsynced, then ``os.replace``, so a reader sees the old
secret or the new one, never a part. ``check_target`` says before any change why a
path cannot take a secret.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat
import tempfile

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import SecretFileError

MODE = 0o600
# What a diff shows of a secret file: never its content.
SHOWN_PRESENT = "(a secret, not shown)"
SHOWN_ABSENT = "(no file)"
SHOWN_NEW = "(a new secret, not shown)"


def check_target(path, option="secret_file"):
    """Why ``path`` cannot take a secret (a sentence naming it), or None. Reads only: nothing is made.

    The path must be absolute, must not be a directory, and its directory must exist and let this
    process create files in it. ``option``: the option that names the file, for the message.
    """
    if not path:
        return "%s is empty: give the path of the file to write to, or leave it unset" % option
    if not os.path.isabs(path):
        return "%s %s is not an absolute path: the module runs in a temporary directory of its own" % (option, path)
    if os.path.isdir(path):
        return "%s %s is a directory: give the path of a file in it" % (option, path)
    directory = os.path.dirname(path)
    if not os.path.exists(directory):
        return (
            "the directory of %s %s does not exist: create %s first (for example with ansible.builtin.file, "
            "state=directory, mode=0700)" % (option, path, directory)
        )
    if not os.path.isdir(directory):
        return "the directory of %s %s, %s, is not a directory" % (option, path, directory)
    if not os.access(directory, os.W_OK | os.X_OK):
        return "%s %s cannot be written: this process may not create files in %s" % (option, path, directory)
    return None


def exists(path):
    return os.path.exists(path)


def shown(path):
    """What a diff shows of the file at ``path`` before a run: whether it is there, not what it holds."""
    return SHOWN_PRESENT if os.path.exists(path) else SHOWN_ABSENT


def holds(path, secret):
    """Whether the file at ``path`` holds exactly ``secret``, with mode 0600."""
    try:
        with open(path) as handle:
            content = handle.read()
        return content == secret and stat.S_IMODE(os.stat(path).st_mode) == MODE
    except (IOError, OSError):
        return False


def write_secret(path, secret, option="secret_file"):
    """Write ``secret`` to ``path`` atomically, mode 0600. True if written; False if the file held it already.

    A file replaced keeps its owner and group when this process may set them (root may). Raises
    SecretFileError, and leaves no temporary file behind.
    """
    if holds(path, secret):
        return False
    directory = os.path.dirname(path) or "."
    previous = None
    try:
        previous = os.stat(path)
    except OSError:
        pass
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".%s." % os.path.basename(path), suffix=".tmp")
    except OSError as err:
        raise SecretFileError("cannot write %s %s: %s" % (option, path, _reason(err)))
    try:
        try:
            os.fchmod(descriptor, MODE)
            if previous is not None:
                _keep_owner(descriptor, previous)
            handle = os.fdopen(descriptor, "w")
        except Exception:
            os.close(descriptor)
            raise
        with handle:
            handle.write(secret)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as err:
        _remove(temporary)
        raise SecretFileError("cannot write %s %s: %s" % (option, path, _reason(err)))
    except BaseException:
        _remove(temporary)
        raise
    _sync_directory(directory)
    return True


def _keep_owner(descriptor, previous):
    try:
        os.fchown(descriptor, previous.st_uid, previous.st_gid)
    except OSError:
        pass  # not root: the new file is this process's own


def _sync_directory(directory):
    """The rename made durable too; a file system that cannot sync a directory is left as it is."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove(temporary):
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _reason(err):
    return err.strerror or str(err)
