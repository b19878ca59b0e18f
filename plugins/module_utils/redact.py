# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the hub answers: the secrets it may put in an answer, hidden before anything reads them.

Pure: nothing of Ansible. The client passes every answer through ``hide_secrets``, so no result or diff can show one. (What a creation
answers once on purpose, a new token's secret or a share code, is the module's to return, and only then.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# What a result shows instead of a secret the hub returned (an authenticator's auth_state, a spawner's state).
HIDDEN = "********"


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
