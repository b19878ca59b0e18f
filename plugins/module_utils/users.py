# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users: the one rule every module (and the roster filter) checks user names by, and the secrets of user models.

JupyterHub's authenticators store a name normalized (lower case by default),
and the hub lower-cases names when it changes group membership, but not when a
user is read by name: "Ada" would be created as "ada" and then never found
again, and a membership of "Ada" would flip on every run. A name with white
space around it passes a check-mode run and fails only at the real call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call

# What a result shows instead of a secret the hub returned (an authenticator's auth_state, a spawner's state).
HIDDEN = "********"
# Bulk creation takes about 16 ms a user on a small hub: give big rosters the time they need.
SECONDS_PER_CREATED_USER = 0.05
# A user model with its stopped servers too (a named server exists while it is stopped).
WITH_STOPPED_SERVERS = {"include_stopped_servers": "true"}


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


def hide_secrets(answer):
    """The answer with the secrets the hub may return replaced by HIDDEN, wherever they are.

    ``auth_state`` (an authenticator's upstream OAuth tokens) comes decrypted in
    a user model read by name with ``admin:auth_state``; a server's ``state``
    (the spawner's, with ``admin:server_state``) can hold credentials too.
    Null stays null, so a result still tells whether one is set.
    """
    if isinstance(answer, list):
        return [hide_secrets(item) for item in answer]
    if not isinstance(answer, dict):
        return answer
    hidden = {}
    for key, value in answer.items():
        if key == "auth_state" and value is not None:
            value = HIDDEN
        elif key == "servers" and isinstance(value, dict):
            value = dict((name, _hide_server_state(server)) for name, server in value.items())
        hidden[key] = hide_secrets(value)
    return hidden


def _hide_server_state(server):
    if isinstance(server, dict) and server.get("state") is not None:
        return dict(server, state=HIDDEN)
    return server


def create_users_call(names, admin=None):
    """One POST /users for any number of new users; the hub skips those that exist (409 only if all do)."""
    body = {"usernames": list(names)}
    if admin:
        body["admin"] = True
    timeout = None if len(body["usernames"]) < 200 else 30 + len(body["usernames"]) * SECONDS_PER_CREATED_USER
    return Call("POST", "/users", body, done_statuses=(409,), timeout=timeout)
