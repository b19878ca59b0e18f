# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Ansible side shared by every module: options, client, sign-in, plan/apply, results, failures.

Knows Ansible, nothing of a particular resource. A module reads the current
state, builds a plan (an ordered list of Calls, module_utils/plan.py), hands it
to ``apply`` and ends with ``finish``. Check mode, the API token, diff and
error reporting live here only: no module tests check mode or touches the token.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, JupyterHubClient
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, SecretFileError
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import check_user_names, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import call_strings
from ansible_collections.jupyterhub.hub.plugins.module_utils.secret_files import check_target, holds, write_secret
from ansible_collections.jupyterhub.hub.plugins.module_utils.signin import PasswordSignIn
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import parse_duration
from ansible_collections.jupyterhub.hub.plugins.module_utils.signin import ARGUMENT_SPEC as SIGN_IN_ARGUMENT_SPEC

CONNECTION_ARGUMENT_SPEC = dict(
    api_url=dict(type="str", required=True, fallback=(env_fallback, ["JUPYTERHUB_API_URL"])),
    api_token=dict(type="str", no_log=True, fallback=(env_fallback, ["JUPYTERHUB_API_TOKEN"])),
    validate_certs=dict(type="bool", default=True),
    ca_path=dict(type="path"),
    timeout=dict(type="float", default=30),
    retries=dict(type="int", default=3),
)

# What ``failure`` holds when no call failed (a bad option, a check before any call).
NO_CALL_FAILURE = dict(method=None, path=None, status=None, message=None)


class JupyterHubModule(AnsibleModule):
    """AnsibleModule with the connection options, a JupyterHubClient and plan/apply.

    ``token_required=False`` is for modules that can read without an api_token
    (the hub version). ``user_name_options``: the options that hold user names,
    checked by the one rule of module_utils/users.py before any call (check
    mode included). ``option_checks``: functions of the params that raise a
    JupyterHubError for a wrong option, run before any call too. ``sign_in_scopes(params)``: the module may run with
    auth_username and auth_password instead of an api_token; the base then
    signs in for a temporary token with those scopes and signs out at the end.
    """

    def __init__(self, argument_spec=None, token_required=True, supports_check_mode=True, user_name_options=(), option_checks=(),
                 sign_in_scopes=None, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        if sign_in_scopes:
            spec.update(SIGN_IN_ARGUMENT_SPEC)
            kwargs.setdefault("required_together", []).append(("auth_username", "auth_password"))
        spec.update(argument_spec or {})
        self._signed_in = None  # before AnsibleModule, whose checks of the options may fail_json
        super(JupyterHubModule, self).__init__(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self._sign_in_scopes = sign_in_scopes
        self.user_name_options = user_name_options
        self.option_checks = option_checks
        self.changes_made = False
        # the user a password sign-in is for (also in check mode, where it does not happen)
        self.password_user = None
        # False only in check mode with a password: without the sign-in there is no token to read with
        self.can_read = True
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))
        if not self.params["api_url"]:
            self.fail_json(msg="api_url is required: set it, or JUPYTERHUB_API_URL in the environment of the node running the module")
        if token_required and not self.params["api_token"] and not (sign_in_scopes and self.params["auth_username"]):
            msg = "api_token is required: set it, or JUPYTERHUB_API_TOKEN in the environment of the node running the module"
            if sign_in_scopes:
                msg += ", or auth_username and auth_password to sign in with a password"
            self.fail_json(msg=msg)
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
        """Check the user names and options, sign in if asked, call ``body(self)``; any JupyterHubError becomes a clean fail_json."""
        try:
            for option in self.user_name_options:
                check_user_names(self.params.get(option), option)
            for check in self.option_checks:
                check(self.params)
            self._sign_in()
            body(self)
        except JupyterHubError as err:
            self.fail_from_error(err)
        except Exception as err:  # pylint: disable=broad-except
            # Not foreseeable, so a bug: still a message rather than a bare traceback.
            self.fail_json(msg="unexpected error: %s: %s" % (type(err).__name__, err), exception=traceback.format_exc())

    # -- password sign-in ------------------------------------------------------

    def _sign_in(self):
        if not self._sign_in_scopes or self.params["api_token"] or not self.params["auth_username"]:
            return
        sign_in = PasswordSignIn(self.params)
        sign_in.validate()
        self.password_user = sign_in.username
        if self.check_mode:
            # signing in creates a token, and check mode creates nothing
            self.can_read = False
            self.warn(
                "check mode cannot sign in with auth_username and auth_password (signing in creates a temporary token), "
                "so it cannot read what the hub has for %s: it predicts as if there were nothing. Give an api_token for "
                "an exact prediction." % sign_in.username
            )
            return
        self.client = sign_in.sign_in(self.client, self._sign_in_scopes(self.params))
        self._signed_in = sign_in

    def _sign_out(self):
        if self._signed_in is not None:
            warning = self._signed_in.sign_out(self.client)
            self._signed_in = None
            if warning:
                self.warn(warning)

    # -- ending ------------------------------------------------------------------

    def exit_json(self, **result):
        self._sign_out()
        super(JupyterHubModule, self).exit_json(**result)

    def fail_json(self, msg, **result):
        """Every failure has ``failure``: {method, path, status, message}, all null when no call failed."""
        self._sign_out()
        result.setdefault("failure", dict(NO_CALL_FAILURE))
        super(JupyterHubModule, self).fail_json(msg=msg, **result)

    def fail_from_error(self, err, hint=None, **result):
        msg = "%s (%s)" % (err, hint) if hint else str(err)
        self.fail_json(msg=msg, status=err.status, failure=err.to_failure(), **dict(err.result, **result))

    def missing_dependency(self, msg, **result):
        """Something the task needs does not exist on the hub (a group, a user...).

        A real run fails with ``msg`` before any change. Check mode only warns: in a
        checked play, the earlier task that would create it did not run for real.
        """
        if not self.check_mode:
            self.fail_json(msg=msg + " Nothing was changed.", **result)
        self.warn(msg + " Check mode goes on as if an earlier task created it.")

    def require_existing(self, collection, names, remedy, found=None):
        """The names of ``names`` that are not in ``collection`` ('users', 'groups'), as a missing dependency.

        ``found``: {name: model or None} already read; without it they are read now.
        ``remedy`` ends the message ("Create them first with jupyterhub.hub.jupyterhub_group.").
        Returns the missing names (check mode goes on as if they existed).
        """
        names = list(dict.fromkeys(names))
        if found is None:
            found = self.client.get_named(collection, names) if names else {}
        missing = [name for name in names if found.get(name) is None]
        if missing:
            # unknown_users / unknown_groups: for a playbook that rescues the failure
            self.missing_dependency("unknown %s: %s. %s" % (collection[:-1] + "(s)", name_list(missing), remedy), **{"unknown_" + collection: missing})
        return missing

    # -- plan and apply ----------------------------------------------------------

    def apply(self, plan, runner=None, later=(), keep=None, on_answer=None):
        """Send every call of ``plan`` in order, unless in check mode.

        Returns the hub's answers, one per call (None for each in check mode).
        ``runner`` sends plans another way (concurrently, then waited for): its
        ``run(plan)`` outcome is returned, and in check mode its ``predict(plan)``.
        A failing call ends the module with what was done and what was not
        (``later``: calls the task would have sent after this plan). ``keep(answers)``
        gives what such a failure must still return of the answers so far, such as
        the secrets of the tokens created before it.

        ``on_answer(index, answer)`` (not with ``runner``) is called after each call
        the hub answered, before the next one is sent, for what must follow a call
        at once on this node (a new token's secret written to its file before the
        old token is revoked). In check mode it is called for each call with the
        answer None, so that it can say what it would do. It returns None, or a
        message: the task then fails with it, the calls after as not done.
        """
        if runner is not None:
            if self.check_mode:
                return runner.predict(plan)
            outcome = runner.run(plan)
            self.changes_made = self.changes_made or outcome.changed
            return outcome
        if self.check_mode:
            if on_answer is not None:
                for index in range(len(plan)):
                    on_answer(index, None)
            return [None] * len(plan)
        answers = []
        for index, call in enumerate(plan):
            try:
                answers.append(self.client.request(call.method, call.path, body=call.body, timeout=call.timeout))
                self.changes_made = True
            except JupyterHubError as err:
                if err.status in call.done_statuses:
                    answers.append(None)
                    continue
                result = keep(answers + [None] * (len(plan) - len(answers))) if keep else {}
                self.fail_from_error(
                    err,
                    hint=call.hint_for(err),
                    changed=self.changes_made,
                    done=call_strings(plan[:index]),
                    not_done=call_strings(list(plan[index:]) + list(later)),
                    **result
                )
            problem = on_answer(index, answers[-1]) if on_answer else None
            if problem:
                result = keep(answers + [None] * (len(plan) - len(answers))) if keep else {}
                self.fail_json(
                    msg=problem,
                    changed=self.changes_made,
                    done=call_strings(plan[: index + 1]),
                    not_done=call_strings(list(plan[index + 1:]) + list(later)),
                    **result
                )
        return answers

    def fail_outcome(self, msg, plan, outcome, done_before=(), **result):
        """End a runner's plan (see apply) that failed part-way: what was done, what was not, and the first failure.

        ``done_before``: calls an earlier apply of the same task sent.
        """
        failure = outcome.first_failure()
        self.fail_json(
            msg=msg,
            changed=self.changes_made,
            plan=call_strings(plan),
            done=call_strings(done_before) + outcome.done,
            not_done=outcome.not_done,
            status=failure["status"],
            failure=failure,
            **result
        )

    def write_file(self, path, text, option):
        """Make the file ``path`` (option ``option``) hold ``text``, mode 0600, written atomically; not in check mode.

        Returns (whether the file changes, what it held before or None). A path that cannot take a file fails
        the task before anything is written, in check mode too.
        """
        problem = check_target(path, option)
        if problem:
            self.fail_json(msg="%s. Nothing was written." % problem)
        before = None
        if os.path.exists(path):
            with open(path) as handle:
                before = handle.read()
        if holds(path, text):
            return False, before
        if not self.check_mode:
            try:
                write_secret(path, text, option)
            except SecretFileError as err:
                self.fail_json(msg=str(err))
        return True, before

    def duration_option(self, option):
        """The duration in option ``option`` ("90d", "12h", "3600") in seconds, None if unset; a bad one fails the task."""
        if self.params[option] is None:
            return None
        try:
            return parse_duration(self.params[option])
        except ValueError as err:
            self.fail_json(msg="%s: %s" % (option, err))

    @property
    def must_predict(self):
        """Whether the task must know the hub's state before it changes it: check mode, or --diff.

        Otherwise a task may let an idempotent call find out for it (a bulk creation skips existing users).
        """
        return self.check_mode or self._diff

    def refuse_real_run(self, err, warning):
        """Raise ``err`` (a JupyterHubError, before any change) in a real run; in check mode warn with ``warning``
        instead, so that check mode shows the whole plan of what a real run would refuse."""
        if not self.check_mode:
            raise err
        self.warn(warning)

    @property
    def authenticated(self):
        """Whether the module has a token to send (an api_token, or one of a password sign-in)."""
        return bool(self.client.api_token)

    def read_back(self, read):
        """The hub's state after ``apply``, from ``read()``; None in check mode, where the prediction stands."""
        return None if self.check_mode else read()

    def finish(self, plan, before=None, after=None, changed=None, **result):
        """Exit with changed, the plan as 'METHOD path' strings, the diff and the results.

        Unless told, a plan is a change in check mode, and in a real run if any
        of its calls changed something.
        """
        if changed is None:
            changed = bool(plan) if self.check_mode else self.changes_made
        result["changed"] = changed
        result["plan"] = call_strings(plan)
        if self._diff:
            result["diff"] = dict(before=before if before is not None else {}, after=after if after is not None else {})
        self.exit_json(**result)
