# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Ansible side shared by every module: options, client, plan/apply, results, failures.

Knows Ansible, nothing of a particular resource. A module reads the current
state, builds a plan (an ordered list of Calls), hands it to ``apply`` and ends
with ``finish``; check mode, diff and error reporting live here only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    JupyterHubClient,
    JupyterHubError,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import check_user_names

CONNECTION_ARGUMENT_SPEC = dict(
    api_url=dict(type="str", required=True, fallback=(env_fallback, ["JUPYTERHUB_API_URL"])),
    api_token=dict(type="str", no_log=True, fallback=(env_fallback, ["JUPYTERHUB_API_TOKEN"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30),
    retries=dict(type="int", default=3),
)


def name_list(names, limit=10):
    """'a, b, c' for a message; a long list is cut: 'a, b, ... and 31 more'."""
    names = list(names)
    if len(names) <= limit:
        return ", ".join(names)
    return "%s ... and %d more" % (", ".join(names[:limit]), len(names) - limit)


class Call:
    """One planned API call. Printed as 'METHOD path' only: a body may carry a secret.

    ``done_statuses``: error statuses that mean the change is already made, by a
    parallel run for instance (409 on a create, 404 on a delete); such a call
    does not count as a change. ``timeout``: for calls that take longer than most.
    ``error_hints``: {status: text} added to the failure message when the call
    fails with that status, for answers of the hub that say too little
    (a bare "500 Internal Server Error" for an unknown scope, for instance).
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

    def __repr__(self):
        return "Call(%r, %r)" % (self.method, self.path)

    def __eq__(self, other):
        return isinstance(other, Call) and (self.method, self.path, self.body) == (other.method, other.path, other.body)

    def __ne__(self, other):
        return not self == other

    __hash__ = None


class JupyterHubModule(AnsibleModule):
    """AnsibleModule with the connection options, a JupyterHubClient and plan/apply.

    ``token_required=False`` is for the few modules that can work without an
    api_token (reading the hub version, bootstrapping a token with a password).
    ``user_name_options``: the options that hold user names, checked by the one
    rule of module_utils/users.py before any call (check mode included).
    """

    def __init__(self, argument_spec=None, token_required=True, supports_check_mode=True, user_name_options=(), **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(argument_spec or {})
        super(JupyterHubModule, self).__init__(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        if not self.params["api_url"]:
            self.fail_json(msg="api_url is required: set it, or JUPYTERHUB_API_URL in the environment of the node running the module")
        if token_required and not self.params["api_token"]:
            self.fail_json(msg="api_token is required: set it, or JUPYTERHUB_API_TOKEN in the environment of the node running the module")
        self.changes_made = False
        self.user_name_options = user_name_options
        self.client = JupyterHubClient(
            api_url=self.params["api_url"],
            api_token=self.params["api_token"],
            validate_certs=self.params["validate_certs"],
            ca_path=self.params["ca_path"],
            timeout=self.params["timeout"],
            retries=self.params["retries"],
            check_mode=self.check_mode,
        )

    def run(self, body):
        """Call ``body(self)``; a JupyterHubError escaping it becomes a clean fail_json."""
        try:
            for option in self.user_name_options:
                check_user_names(self.params.get(option), option)
            body(self)
        except JupyterHubError as err:
            self.fail_from_error(err)
        except Exception as err:  # pylint: disable=broad-except
            # Not foreseeable, so a bug: still a message rather than a bare traceback.
            self.fail_json(msg="unexpected error: %s: %s" % (type(err).__name__, err), exception=traceback.format_exc())

    def missing_dependency(self, msg, **result):
        """Something the task needs does not exist on the hub (a group, a user...).

        A real run fails with ``msg`` before any change. Check mode only warns: in a
        checked play, the earlier task that would create it did not run for real.
        """
        if not self.check_mode:
            self.fail_json(msg=msg + " Nothing was changed.", **result)
        self.warn(msg + " Check mode goes on as if an earlier task created it.")

    def fail_from_error(self, err, hint=None, **result):
        msg = "%s (%s)" % (err, hint) if hint else str(err)
        self.fail_json(msg=msg, status=err.status, **result)

    def apply(self, plan, runner=None):
        """Send every call of ``plan`` in order, unless in check mode.

        ``runner`` is for plans sent another way (concurrently, then waited for):
        ``runner(plan)`` sends them and its outcome is returned; None in check mode.

        Returns the hub's answers, one per call (None for each in check mode).
        A failing call ends the module with what was done and what was not.
        """
        if self.check_mode:
            return None if runner else [None] * len(plan)
        if runner:
            return runner(plan)
        answers = []
        for index, call in enumerate(plan):
            try:
                answers.append(self.client.request(call.method, call.path, body=call.body, timeout=call.timeout))
                self.changes_made = True
            except JupyterHubError as err:
                if err.status in call.done_statuses:
                    answers.append(None)
                    continue
                self.fail_from_error(
                    err,
                    hint=call.error_hints.get(err.status),
                    changed=self.changes_made,
                    done=[str(c) for c in plan[:index]],
                    not_done=[str(c) for c in plan[index:]],
                )
        return answers

    def finish(self, plan, before=None, after=None, changed=None, **result):
        """Exit with changed, the plan as 'METHOD path' strings, the diff and the results.

        Unless told, a plan is a change in check mode, and in a real run if any
        of its calls changed something.
        """
        if changed is None:
            changed = bool(plan) if self.check_mode else self.changes_made
        result["changed"] = changed
        result["plan"] = [str(call) for call in plan]
        if self._diff:
            result["diff"] = dict(before=before if before is not None else {}, after=after if after is not None else {})
        self.exit_json(**result)
