# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plans: the API calls a module means to make, as plain data. Nothing of Ansible, nothing of HTTP.

A module reads the hub, builds a plan (an ordered list of Calls) with a pure
planner, and hands it to JupyterHubModule.apply, which sends it unless in
check mode. A Call prints as ``METHOD path`` only, so that a body, which may
carry a secret, never reaches a result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class Call:
    """One planned API call. Printed as 'METHOD path' only: a body may carry a secret.

    ``done_statuses``: error statuses that mean the change is already made, by a
    parallel run for instance (409 on a create, 404 on a delete); such a call
    does not count as a change. ``timeout``: for calls that take longer than most.
    ``error_hints``: {status: text} added to the failure message when the call
    fails with that status, for answers of the hub that say too little
    (a bare "500 Internal Server Error" for an unknown scope, for instance);
    {status: (words, text)} adds it only when the hub's message has those words,
    and {status: [(words, text), ...]} the first whose words it has.
    """

    def __init__(self, method, path, body=None, done_statuses=(), timeout=None, error_hints=None):
        self.method = method
        self.path = path
        self.body = body
        self.done_statuses = done_statuses
        self.timeout = timeout
        self.error_hints = error_hints or {}

    def __str__(self):
        return "%s %s" % (self.method, self.path)

    def hint_for(self, err):
        """The hint for the error ``err`` of this call, or None."""
        hint = self.error_hints.get(err.status)
        if isinstance(hint, tuple):
            hint = [hint]
        if isinstance(hint, list):
            return next((text for words, text in hint if words in (err.message or "")), None)
        return hint

    def __repr__(self):
        return "Call(%r, %r)" % (self.method, self.path)

    def __eq__(self, other):
        return isinstance(other, Call) and (self.method, self.path, self.body) == (other.method, other.path, other.body)

    def __ne__(self, other):
        return not self == other

    __hash__ = None


def call_strings(calls):
    """The calls as a result shows them: 'METHOD path' each."""
    return [str(call) for call in calls]
