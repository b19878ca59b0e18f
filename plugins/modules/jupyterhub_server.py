#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_server
short_description: Start, stop, restart and remove JupyterHub single-user servers, for one user or a whole class
version_added: 0.1.0
description:
  - Starts, stops, restarts and removes the single-user servers of JupyterHub users, the default server or a named one.
  - O(name) takes one user name or a list of them, to start or stop the servers of a whole class in one task.
    The start calls are sent concurrently, so the hub spawns the servers at the same time, and the task then waits for
    all of them together.
  - By default the task waits until the servers are ready (or gone), and a spawn that fails ends the task with the
    hub's own message for it, naming the user and the server.
  - A server that is already in the requested state is left alone. A running server whose O(user_options) differ from
    the requested ones is reported with a warning and restarted only with O(state=restarted) or O(restart_on_change=true).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
options:
  name:
    description:
      - The user whose server this is, or a list of users.
      - With a list, every user gets the same O(server_name), O(state) and O(user_options).
      - The users must exist to start their servers (see M(jupyterhub.hub.jupyterhub_user)). Stopping or removing the
        server of a user that does not exist does nothing.
      - User names are checked before any call, in check mode too: a name with upper-case letters (the hub stores
        names in lower case) or with white space around it is refused, naming the form to use.
    type: list
    elements: str
    required: true
    aliases: [names, user, users]
  server_name:
    description:
      - The name of a named server. The default V("") is the user's default server.
      - Named servers must be allowed on the hub (C(c.JupyterHub.allow_named_servers = True)).
      - Since JupyterHub 6.0, new server names must be 1 to 30 lower-case letters, digits or C(-), starting with a
        letter. The hub refuses others with C(400 Bad Request), which the task reports.
    type: str
    default: ""
  state:
    description:
      - V(started) starts the servers that are not running. A server still starting is waited for, not started again.
      - V(stopped) stops the servers that are running or starting. A named server stays defined, with its
        C(user_options), and can be started again.
      - V(restarted) stops the servers that are running or starting, then starts every server. Always a change.
      - V(absent) stops a named server and deletes it. Not for the default server, which cannot be deleted; use
        V(stopped) for it.
      - V(present) (JupyterHub 6.0 or later, named servers only) makes sure the named server exists without starting
        it. A missing server is created stopped (C(PUT)), with O(user_options) and O(display_name). The
        O(display_name) of a stopped one is updated (C(PATCH)). Different O(user_options) of an existing server only
        give a warning, because they apply at its next start.
    type: str
    choices: [started, stopped, restarted, absent, present]
    default: started
  user_options:
    description:
      - The options the servers are started with, as the hub's spawner takes them, for example the C(profile) key that
        selects a profile of KubeSpawner. The spawner decides what they mean.
      - Unset, a start sends no options, and the hub starts the server with the options of its last start.
      - Used only when a server is started. A running server is not restarted when they differ, unless
        O(state=restarted) or O(restart_on_change=true), but the task warns about it.
    type: dict
  display_name:
    description:
      - The display name of a named server, shown on the hub's home page. JupyterHub 6.0 or later, named servers only.
      - Sent when the server is started. Unset, the hub uses the server name for a new server.
    type: str
  restart_on_change:
    description:
      - With O(state=started), restart a running server whose O(user_options) or O(display_name) differ from the
        requested ones, instead of only warning.
    type: bool
    default: false
  wait:
    description:
      - Wait until the started servers are ready and the stopped ones are stopped (or deleted).
      - With V(false), the task ends once the hub has answered the start and stop calls. A server may then still be
        starting, and a spawn that fails later is not reported.
      - A restart always waits for the server to stop before starting it again.
    type: bool
    default: true
  wait_timeout:
    description:
      - The most seconds the task takes to send its calls and wait, counted from its start.
      - A C(429 Too Many Requests) answer to a start, which the hub gives when more servers are starting than its
        C(concurrent_spawn_limit) allows, is retried after the delay the hub asks for, as long as this time allows.
      - A server not ready when the time is out fails the task. It is left as it is, and the hub keeps starting it until
        its own C(Spawner.start_timeout).
    type: int
    default: 300
notes:
  - The start and stop calls of a list of users are sent from up to 10 threads at once, each with a connection of its
    own, since the hub answers a start only once the server is ready or C(slow_spawn_timeout) (10 seconds) has passed.
    Waiting is then one loop for all servers, reading the users once a round (one call per user for up to 20 users, the
    paginated user list for more).
  - A spawn that fails ends the task with the message of the spawn's progress stream, which starts with
    C(Spawn failed). When some servers start and others fail, the task fails, lists the failures in
    RV(failed_servers) and the state of every server in RV(servers).
  - The token needs the C(servers) scope (part of C(admin:servers)) for the users. For more than 20 users, the users are
    read from the user list, which also needs C(list:users) (part of C(admin:users)).
seealso:
  - module: jupyterhub.hub.jupyterhub_user
  - module: jupyterhub.hub.jupyterhub_user_info
"""

EXAMPLES = r"""
- name: Start alice's default server and wait until it is ready
  jupyterhub.hub.jupyterhub_server:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    name: alice
  delegate_to: localhost

- name: Start the servers of the whole class before the lecture, all at once
  jupyterhub.hub.jupyterhub_server:
    name: "{{ roster | map(attribute='login') | list }}"
    wait_timeout: 600
  delegate_to: localhost
  register: class_servers

- name: A named server tied to a profile of the spawner
  jupyterhub.hub.jupyterhub_server:
    name: bob
    server_name: gpu
    display_name: GPU notebook
    user_options:
      profile: gpu
  delegate_to: localhost

- name: Switch the profile, restarting the server if it runs with another one
  jupyterhub.hub.jupyterhub_server:
    name: bob
    server_name: gpu
    user_options:
      profile: gpu-large
    restart_on_change: true
  delegate_to: localhost

- name: Stop every server of the class after the lecture
  jupyterhub.hub.jupyterhub_server:
    name: "{{ roster | map(attribute='login') | list }}"
    state: stopped
  delegate_to: localhost

- name: Delete the named server
  jupyterhub.hub.jupyterhub_server:
    name: bob
    server_name: gpu
    state: absent
  delegate_to: localhost

- name: Start without waiting for the spawn
  jupyterhub.hub.jupyterhub_server:
    name: carol
    wait: false
  delegate_to: localhost
"""

RETURN = r"""
servers:
  description:
    - The servers after the task, one per user of O(name) in its order, as the hub models them, with the user's name
      added under C(user) and without the spawner's internal C(state).
    - A server that does not exist (never started, or deleted) has only C(user), C(name), C(full_name) and
      C(ready), C(pending), C(stopped), C(url), C(started), C(user_options) set to their empty values.
    - In check mode, the predicted state. On failure, the state the hub reported last.
  returned: always
  type: list
  elements: dict
  contains:
    user:
      description: The user's name.
      type: str
    name:
      description: The server name, V("") for the default server.
      type: str
    ready:
      description: Whether the server is running and ready.
      type: bool
    pending:
      description: V(spawn) while starting, V(stop) while stopping, else null.
      type: str
    stopped:
      description: Whether the server is stopped.
      type: bool
    url:
      description: The server's path on the hub, for example C(/user/alice/gpu/).
      type: str
    user_options:
      description: The options of the server's last start.
      type: dict
    started:
      description: When the server was started (ISO 8601), null when stopped.
      type: str
  sample:
    - user: bob
      name: gpu
      full_name: bob/gpu
      display_name: GPU notebook
      ready: true
      pending: null
      stopped: false
      url: /user/bob/gpu/
      user_options: {profile: gpu}
      started: "2026-11-22T10:35:34.498951Z"
      last_activity: "2026-11-22T10:35:36.551193Z"
      progress_url: /hub/api/users/bob/servers/gpu/progress
server:
  description: The server after the task, when O(name) names exactly one user. As each item of RV(servers).
  returned: when O(name) has one element
  type: dict
  sample:
    user: alice
    name: ""
    ready: true
    pending: null
    url: /user/alice/
    user_options: {}
    started: "2026-11-22T10:35:34.498951Z"
status:
  description: On failure of a single server, the HTTP status of the hub's answer, if there was one.
  returned: when one server failed
  type: int
  sample: 400
failed_servers:
  description: On failure, each server that failed, with the user, the server name, the message and the HTTP status.
  returned: when some servers failed
  type: list
  elements: dict
  sample:
    - user: failhook1
      server: ""
      msg: "Spawn failed: spawn refused for failhook1 (POST /users/failhook1/server answered 500)"
      status: 500
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /users/alice/server", "POST /users/bob/server"]
done:
  description: On failure, the calls that took effect.
  returned: when some servers failed
  type: list
  elements: str
not_done:
  description: On failure, the calls that failed or were not sent.
  returned: when some servers failed
  type: list
  elements: str
diff:
  description:
    - With C(--diff), the state of each server before and after (V(started), V(starting), V(stopping), V(stopped) or
      V(absent)), by C(user/server), with its C(user_options) while it runs and its C(display_name).
  returned: when diff mode is on
  type: dict
  sample:
    before: {"alice/": {state: stopped}}
    after: {"alice/": {state: started, user_options: {}}}
"""

import time

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import (
    READY,
    REMOVED,
    STOPPED,
    ServerCall,
    ServerRunner,
    describe,
    server_status,
    servers_of,
    unreadable_servers,
)

VERBS = {"started": "start", "restarted": "restart", "stopped": "stop", "absent": "remove", "present": "create"}


def start_body(user_options, display_name, hub_major):
    """The body of a start call in the shape the hub's version takes (None: no body, the hub reuses the last options).

    6.x: ``{"user_options": ..., "display_name": ...}``; before 6.0 the options are the whole body.
    """
    if hub_major is not None and hub_major >= 6:
        body = {}
        if user_options is not None:
            body["user_options"] = user_options
        if display_name:
            body["display_name"] = display_name
        return body or None
    return user_options


def differences(model, user_options=None, display_name=None):
    """What of a server differs from the requested options, e.g. ['user_options (cpus, profile)', 'display_name']."""
    found = []
    if model is None:
        return found
    if user_options is not None:
        have = model.get("user_options") or {}
        keys = sorted(key for key in set(have) | set(user_options) if have.get(key) != user_options.get(key))
        if keys:
            found.append("user_options (%s)" % ", ".join(str(key) for key in keys))
    if display_name and model.get("display_name", display_name) != display_name:
        found.append("display_name")
    return found


def plan_servers(names, current, server_name, state, body=None, user_options=None, display_name=None, restart_on_change=False):
    """The calls that bring the servers of ``names`` to ``state``, and what to wait for.

    ``current``: {user name: user model (stopped servers included) or None}.
    Returns (plan, goals, after, warnings): the ServerCalls, {(user, server): goal},
    {(user, server): predicted server model or None} and warnings. Pure: no I/O.
    """
    plan, goals, after, warnings = [], {}, {}, []
    for name in names:
        key = (name, server_name)
        model = servers_of(current, key)
        status = server_status(model)
        running = status in ("started", "starting")
        if state == "absent":
            if model is not None:
                plan.append(ServerCall("DELETE", name, server_name, body={"remove": True}, goal=REMOVED))
            goals[key] = REMOVED
            after[key] = None
        elif state == "present":
            after[key] = _plan_present(plan, warnings, name, server_name, model, user_options, display_name, running)
        elif state == "stopped":
            if running:
                plan.append(ServerCall("DELETE", name, server_name))
            goals[key] = STOPPED
            after[key] = _stopped(model) if model is not None else None
        else:
            changes = differences(model, user_options, display_name) if running else []
            restart = running and (state == "restarted" or bool(changes and restart_on_change))
            if restart:
                plan.append(ServerCall("DELETE", name, server_name))
            if restart or not running:
                plan.append(ServerCall("POST", name, server_name, body, after_stop=restart or status == "stopping"))
                after[key] = _started(model or stub(name, server_name), user_options, display_name)
            else:
                after[key] = model
                if changes:
                    warnings.append(
                        "%s runs with other %s than requested; they apply at its next start. Use state=restarted or "
                        "restart_on_change=true to restart it now." % (_capitalized(describe(key)), " and ".join(changes))
                    )
            goals[key] = READY
    return plan, goals, after, warnings


def _plan_present(plan, warnings, name, server_name, model, user_options, display_name, running):
    """state=present: create the named server stopped (PUT), or rename a stopped one's display name (PATCH); 6.0+.

    The options of an existing server are not PATCHed: JupyterHub 6.1 stores them but keeps
    showing (and reporting) the old ones until the server restarts, so a task could never
    see them settle. They are given at the server's next start instead.
    """
    if model is None:
        wanted = {}
        if user_options is not None:
            wanted["user_options"] = user_options
        if display_name:
            wanted["display_name"] = display_name
        plan.append(ServerCall("PUT", name, server_name, body=wanted, goal=STOPPED))
        return dict(_stopped(stub(name, server_name)), **wanted)
    if differences(model, user_options=user_options):
        warnings.append(
            "%s exists with other user_options than requested: give them when it starts (state=started or restarted "
            "with user_options)." % _capitalized(describe((name, server_name)))
        )
    if not display_name or model.get("display_name") == display_name:
        return model
    if running:
        # the hub refuses to change an active server
        warnings.append("%s runs: stop it first to change its display_name." % _capitalized(describe((name, server_name))))
        return model
    plan.append(ServerCall("PATCH", name, server_name, body={"display_name": display_name}, goal=STOPPED))
    return dict(model, display_name=display_name)


def _capitalized(text):
    return text[:1].upper() + text[1:]


def stub(user, server):
    """The model of a server that does not exist."""
    return {
        "name": server,
        "full_name": "%s/%s" % (user, server),
        "ready": False,
        "pending": None,
        "stopped": True,
        "url": None,
        "started": None,
        "user_options": None,
    }


def _started(model, user_options, display_name):
    predicted = dict(model, ready=True, pending=None, stopped=False)
    if user_options is not None:
        predicted["user_options"] = user_options
    if display_name:
        predicted["display_name"] = display_name
    return predicted


def _stopped(model):
    return dict(model, ready=False, pending=None, stopped=True)


def summarize(servers):
    """What the diff shows of each server, by 'user/server': its state and user_options."""
    summary = {}
    for (user, server), model in servers.items():
        status = server_status(model)
        if status == "absent" and not server:
            status = "stopped"  # the default server always exists, stopped or not
        entry = {"state": status}
        if status in ("started", "starting"):
            # what a stopped server shows of its options differs between hub versions and restarts
            entry["user_options"] = model.get("user_options")
        if model and model.get("display_name"):
            entry["display_name"] = model["display_name"]
        summary["%s/%s" % (user, server)] = entry
    return summary


def result_model(key, model):
    """A server as the task returns it: the hub's model with the user's name, without the spawner's state."""
    model = dict(model if model is not None else stub(*key))
    model.pop("state", None)
    model["user"] = key[0]
    return model


def manage_servers(module, clock=time.monotonic):
    params = module.params
    started_at = clock()
    names = list(dict.fromkeys(params["name"]))
    server_name = params["server_name"] or ""
    state = params["state"]
    _check_params(module, names, server_name)
    client = module.client

    current = client.get_named("users", names, params={"include_stopped_servers": "true"})
    _check_users(module, names, current, state)

    hub_major = None
    if params["user_options"] is not None or params["display_name"]:
        hub_major = client.version_info[0]
        if params["display_name"] and hub_major < 6:
            module.fail_json(msg="display_name needs JupyterHub 6.0 or later; this hub is %s. Nothing was changed." % client.version)
    if state == "present" and client.version_info[0] < 6:
        module.fail_json(
            msg="state=present (a named server created without starting it) needs JupyterHub 6.0 or later; "
            "this hub is %s. Nothing was changed." % client.version
        )
    body = start_body(params["user_options"], params["display_name"], hub_major)

    plan, goals, after, warnings = plan_servers(
        names,
        current,
        server_name,
        state,
        body=body,
        user_options=params["user_options"],
        display_name=params["display_name"],
        restart_on_change=params["restart_on_change"],
    )
    for warning in warnings:
        module.warn(warning)
    keys = [(name, server_name) for name in names]
    before = dict((key, servers_of(current, key)) for key in keys if current.get(key[0]) is not None)

    runner = ServerRunner(client, deadline=started_at + params["wait_timeout"])
    # state=present has nothing to wait for: the runner reads the servers back right away
    wait = params["wait"] and state != "present"
    outcome = module.apply(plan, runner=lambda calls: runner.run(calls, goals, current, wait=wait))
    changed = None
    if outcome is not None:  # None in check mode, where the prediction stands
        after = dict((key, servers_of(outcome.users, key)) for key in keys)
        changed = outcome.changed

    servers = [result_model(key, after.get(key)) for key in keys]
    result = dict(servers=servers)
    if len(servers) == 1:
        result["server"] = servers[0]
    after_summary = dict((key, after.get(key)) for key in keys if current.get(key[0]) is not None)
    if outcome is not None and outcome.failures:
        _fail(module, state, keys, outcome, plan, result)
    module.finish(plan, before=summarize(before), after=summarize(after_summary), changed=changed, **result)


def _check_params(module, names, server_name):
    params = module.params
    if params["state"] == "absent" and not server_name:
        module.fail_json(msg="state=absent deletes a named server: set server_name. The default server cannot be deleted; use state=stopped.")
    if params["state"] == "present" and not server_name:
        module.fail_json(msg="state=present creates a named server without starting it: set server_name")
    if params["display_name"] and not server_name:
        module.fail_json(msg="display_name is for named servers only: set server_name")
    if params["wait_timeout"] < 0:
        module.fail_json(msg="wait_timeout cannot be negative")


def _check_users(module, names, current, state):
    missing = [name for name in names if current.get(name) is None]
    if missing and state in ("started", "restarted", "present"):
        module.missing_dependency("unknown user(s): %s. Create them first with jupyterhub.hub.jupyterhub_user." % name_list(missing))
    blind = unreadable_servers(current)
    if blind:
        module.fail_json(
            msg="the token cannot read the servers of %s (scope read:servers): give it the servers or admin:servers scope. "
            "Nothing was changed." % ", ".join(blind)
        )


def _fail(module, state, keys, outcome, plan, result):
    failed = [key for key in keys if key in outcome.failures]
    details = outcome.details(keys)
    if len(keys) == 1:
        msg = "failed to %s %s" % (VERBS[state], details)
    else:
        msg = "%d of %d servers failed to %s (servers has the state of each): %s" % (len(failed), len(keys), VERBS[state], details)
    failed_servers = [
        dict(user=key[0], server=key[1], msg=outcome.failures[key][0], status=outcome.failures[key][1]) for key in failed
    ]
    if len(failed) == 1:
        result["status"] = outcome.failures[failed[0]][1]
    module.fail_json(
        msg=msg,
        failed_servers=failed_servers,
        changed=outcome.changed,
        plan=[str(call) for call in plan],
        done=outcome.done,
        not_done=outcome.not_done,
        **result
    )


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name=dict(type="list", elements="str", required=True, aliases=["names", "user", "users"]),
            server_name=dict(type="str", default=""),
            state=dict(type="str", choices=["started", "stopped", "restarted", "absent", "present"], default="started"),
            user_options=dict(type="dict"),
            display_name=dict(type="str"),
            restart_on_change=dict(type="bool", default=False),
            wait=dict(type="bool", default=True),
            wait_timeout=dict(type="int", default=300),
        ),
        user_name_options=("name",),
    )
    module.run(manage_servers)


if __name__ == "__main__":
    main()
