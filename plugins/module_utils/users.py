# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""User names: the one rule every module (and the roster filter) checks them by, before any call.

JupyterHub's authenticators store a name normalized (lower case by default),
and the hub lower-cases names when it changes group membership, but not when a
user is read by name: "Ada" would be created as "ada" and then never found
again, and a membership of "Ada" would flip on every run. A name with white
space around it passes a check-mode run and fails only at the real call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import JupyterHubError


class InvalidUserName(JupyterHubError):
    """A user name the hub would refuse or store under another name; raised before any call."""


def user_name_problem(name):
    """Why the hub would not store ``name`` as it is given (a sentence), or None when it would."""
    if not isinstance(name, str) or not name.strip():
        return "is empty"
    if name != name.strip():
        return "has white space before or after it: use %r" % name.strip()
    if name != name.lower():
        return "has upper-case letters: JupyterHub stores names in lower case, so use %r" % name.lower()
    return None


def check_user_names(names, option="name"):
    """Raise InvalidUserName for the first name of ``names`` (a name or a list) that breaks the rule."""
    if names is None:
        return
    for name in [names] if isinstance(names, str) else names:
        problem = user_name_problem(name)
        if problem:
            raise InvalidUserName("%s: user name %r %s" % (option, name, problem))
