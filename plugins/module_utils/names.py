# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names: the rule a user name must keep, names given twice, and lists of names in a message. Pure.

The rule is the hub's (it lower-cases names and refuses some): checked before
any call, so that a typo in a roster fails the task instead of making a user no
one asked for.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import InvalidUserName


def name_list(names, limit=10):
    """'a, b, c' for a message; a long list is cut: 'a, b, ... and 31 more'."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return "%s ... and %d more" % (", ".join(names[:limit]), len(names) - limit)


def duplicates(names):
    """The names that ``names`` has more than once, in the order they repeat."""
    seen, repeated = set(), []
    for name in names:
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


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
