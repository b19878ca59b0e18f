# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deleting users: the Ansible side of users.py, which applies a user_removal_plan (their servers first).

UserRemovalRunner takes a client and knows nothing of Ansible: it stops and
deletes the servers with server_runner.ServerRunner, waits until they are gone,
then deletes the users. remove_users_and_servers applies it through a
JupyterHubModule, for jupyterhub_user (state=absent) and jupyterhub_roster
(removal and suspension).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.server_runner import FIRST_POLL_INTERVAL, Outcome, ServerRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import STOPPED, ServerCall, is_still_stopping, removed_servers

# How long removing users waits in all for their servers to stop (a removal has no wait_timeout option).
SERVER_REMOVAL_TIMEOUT = 300


class UserRemovalRunner(ServerRunner):
    """Apply a user_removal_plan (module_utils/servers.py); in check mode, the users are predicted gone."""

    def predict(self, plan):
        return Outcome(users=dict((name, None) for name in self.current), changed=bool(plan))

    def run(self, plan):
        """Apply a user_removal_plan: stop and delete the servers, wait until they are gone, then delete the users.

        A user whose servers did not all go is not deleted. A deletion the hub
        refuses because the default server is still stopping (it was started
        again meanwhile, or stops slowly) is sent again once it has stopped,
        until the deadline.
        """
        current = self.current
        server_calls = [call for call in plan if isinstance(call, ServerCall)]
        deletions = [call for call in plan if not isinstance(call, ServerCall)]
        outcome = self.run_plan(server_calls, dict((call.key, call.goal) for call in server_calls), current)
        failed_users = set(key[0] for key in outcome.failures)
        outcome.not_done.extend(str(call) for call in deletions if call.user in failed_users)
        deletions = [call for call in deletions if call.user not in failed_users]
        while deletions:
            still_stopping = []
            for call, (answer, err) in zip(deletions, self.send_all(deletions)):
                if err is None:
                    outcome.done.append(str(call))
                    outcome.changed = True
                elif err.status in call.done_statuses:
                    outcome.done.append(str(call))
                elif is_still_stopping(err) and self.clock() < self.deadline:
                    still_stopping.append(call)
                else:
                    outcome.not_done.append(str(call))
                    outcome.add_failure(call.key, str(err), err.status, err)
            if still_stopping:
                # a moment first, so that a hub repeating it cannot make this a busy loop
                self.sleep(min(FIRST_POLL_INTERVAL, max(self.deadline - self.clock(), 0)))
                self.wait_for(dict(((call.user, ""), STOPPED) for call in still_stopping), outcome, reason="before its user is deleted")
            outcome.not_done.extend(str(call) for call in still_stopping if (call.user, "") in outcome.failures)
            deletions = [call for call in still_stopping if (call.user, "") not in outcome.failures]
        return outcome


def remove_users_and_servers(module, plan, current, done_before=(), action="remove", servers_key="removed_servers", **result):
    """Apply a user_removal_plan (servers first, then users) through ``module``, and end the task if some did not go.

    ``module`` is a JupyterHubModule; ``done_before``: calls an earlier apply of the task sent. Returns the
    servers that went (in check mode, that would go), which a failure returns as ``servers_key``. A plan of
    server stops and token revocations (roster.plan_suspensions) goes the same way, with ``action`` "suspend"
    and ``servers_key`` "stopped_servers".
    """
    runner = UserRemovalRunner(module.client, deadline=time.monotonic() + SERVER_REMOVAL_TIMEOUT, current=current)
    outcome = module.apply(plan, runner=runner)
    gone = removed_servers(plan, outcome.failures)
    if outcome.failures:
        failed = list(dict.fromkeys(key[0] for key in outcome.failures))
        module.fail_outcome("failed to %s user(s) %s: %s" % (action, name_list(failed), outcome.details()), list(done_before) + plan,
                            outcome, done_before=done_before, **dict(result, **{servers_key: gone}))
    return gone
