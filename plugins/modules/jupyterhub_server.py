#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_server
short_description: Start, stop, restart and remove JupyterHub single-user servers, for one user or a whole class
version_added: 1.0.0
description:
  - Starts, stops, restarts and removes the single-user servers of JupyterHub users, the default server or a named one.
  - O(name) takes one user name or a list of them, and O(group) the groups whose members' servers the task acts on, to
    start or stop the servers of a whole class in one task. The start calls are sent concurrently, so the hub spawns
    the servers at the same time, and the task then waits for all of them together.
  - O(server_name=*) with O(state=stopped) or O(state=absent) acts on every server of the users, the default one and
    each named one, which the hub's own "Stop All" button misses.
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
  - jupyterhub.hub.storage
  - jupyterhub.hub.user_names
options:
  name:
    description:
      - The user whose server this is, or a list of users.
      - With a list, every user gets the same O(server_name), O(state) and O(user_options).
      - The users must exist to start their servers (see M(jupyterhub.hub.jupyterhub_user)). Stopping or removing the
        server of a user that does not exist does nothing.
      - One of O(name) and O(group) is required.
    type: list
    elements: str
    aliases: [names, user, users]
  group:
    description:
      - A group, or a list of groups, whose members' servers the task acts on, instead of naming the users in O(name).
        A user in several of the groups counts once.
      - The members are read from the hub when the task runs, so the task acts on the class as the hub has it then. A
        group that does not exist fails the task before any change (in check mode, a warning, as if an earlier task
        created it). An empty group is no change.
      - The token needs the C(read:groups) scope (part of C(groups) and C(admin:groups)) to read the members.
    type: list
    elements: str
    version_added: 1.1.0
  server_name:
    description:
      - The name of a named server. The default V("") is the user's default server.
      - V(*) with O(state=stopped) stops every server of the users, the default one and every named one. With
        O(state=absent) it deletes every named server and stops the default one. The servers are those the hub has when
        the task runs, stopped named servers included. Not for the other states. V(*) since version 1.1.0.
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
        V(stopped) for it, or O(server_name=*), which stops it.
      - Deleting a named server makes the hub call its spawner's C(delete_forever). On a hub whose spawner deletes
        storage with it (KubeSpawner, when its C(pvc_name_template) has C({servername}) or C({user_server})), or one
        the task cannot tell, V(absent) fails before any change unless O(delete_storage=true). V(stopped) keeps the
        server and its storage.
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
    read from the user list, which also needs C(list:users) (part of C(admin:users)). With O(group), it needs
    C(read:groups) as well.
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

- name: Start the default servers of the group physics-101 before the exam
  jupyterhub.hub.jupyterhub_server:
    group: physics-101
    wait_timeout: 900
  delegate_to: localhost
  register: exam_servers

- name: After the exam, stop every server of the class, named servers included
  jupyterhub.hub.jupyterhub_server:
    group: [physics-101, physics-101-tutors]
    server_name: "*"
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
    - The servers after the task, as the hub models them, with the user's name added under C(user) and without the
      spawner's internal C(state). One per user, in the order of O(name) (or of the groups' members); with
      O(server_name=*), each user's default server and then its named servers.
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
  returned: when O(name) has one element and O(server_name) is not V(*)
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
removal:
  description:
    - With O(state=absent), the named servers the task deletes (in check mode, would delete) with their
      C(last_activity), and what the hub's spawner does with their storage. Also returned by a failure of the storage
      check, before any change.
    - C(spawner) is the class C(GET /info) names (null when the token cannot read it); C(storage) is V(deletes),
      V(keeps) or V(unknown); C(rule) the entry of the known list or of O(spawner_storage) that decided;
      C(delete_storage) the option; C(users) is empty here.
  returned: when O(state=absent) deletes a named server
  type: dict
  version_added: 1.2.0
  sample:
    spawner: jupyterhub.spawner.SimpleLocalProcessSpawner
    storage: keeps
    rule: jupyterhub.spawner
    delete_storage: false
    users: []
    servers: [{user: alice, server: gpu, last_activity: "2026-12-18T16:02:11Z"}]
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

from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import members_of
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.server_runner import ServerRunner
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import (
    ALL_SERVERS,
    WITH_STOPPED_SERVERS,
    plan_servers,
    result_model,
    server_keys,
    server_model,
    start_body,
    summarize_servers,
    require_readable_servers,
    with_servers,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_options as check_storage_options
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_storage
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import ARGUMENT_SPEC as STORAGE_ARGUMENT_SPEC

VERBS = {"started": "start", "restarted": "restart", "stopped": "stop", "absent": "remove", "present": "create"}


def run(module, clock=time.monotonic):
    params = module.params
    started_at = clock()
    server_name = params["server_name"] or ""
    state = params["state"]
    _check_params(module, server_name)
    client = module.client

    names = _users_of(module) if params["group"] else list(dict.fromkeys(params["name"]))
    current = client.get_named("users", names, params=WITH_STOPPED_SERVERS) if names else {}
    _check_users(module, names, current, state)
    if params["display_name"]:
        client.require_version((6, 0, 0), "display_name")
    if state == "present":
        client.require_version((6, 0, 0), "state=present (a named server created without starting it)")
    hub_major = client.version_info[0] if params["user_options"] is not None or params["display_name"] else None
    body = start_body(params["user_options"], params["display_name"], hub_major)

    keys = server_keys(names, current, server_name)
    plan, goals, after, warnings = plan_servers(
        keys,
        current,
        state,
        body=body,
        user_options=params["user_options"],
        display_name=params["display_name"],
        restart_on_change=params["restart_on_change"],
    )
    for warning in warnings:
        module.warn(warning)
    removal = check_storage(client, plan, current, params, instead="state: stopped stops the servers and keeps them, and their storage.")
    before = dict((key, server_model(current, key)) for key in keys if current.get(key[0]) is not None)

    # state=present has nothing to wait for: the runner reads the servers back right away
    runner = ServerRunner(
        client,
        deadline=started_at + params["wait_timeout"],
        goals=goals,
        current=current,
        predicted=with_servers(current, after),
        wait=params["wait"] and state != "present",
    )
    outcome = module.apply(plan, runner=runner)
    after = dict((key, server_model(outcome.users, key)) for key in keys)
    servers = [result_model(key, after.get(key)) for key in keys]
    result = dict(servers=servers, removal=removal) if removal else dict(servers=servers)
    if params["name"] and len(names) == 1 and server_name != ALL_SERVERS:
        result["server"] = servers[0]
    if outcome.failures:
        _fail(module, state, keys, outcome, plan, result)
    # a user check mode expects an earlier task to create: its servers as predicted, with nothing before
    planned = set(call.key for call in plan)
    after_summary = dict((key, after.get(key)) for key in keys if current.get(key[0]) is not None or key in planned)
    module.finish(plan, before=summarize_servers(before), after=summarize_servers(after_summary), **result)


def _check_params(module, server_name):
    params = module.params
    if server_name == ALL_SERVERS and params["state"] not in ("stopped", "absent"):
        module.fail_json(msg="server_name=%s (every server of the users) is for state=stopped or absent only" % ALL_SERVERS)
    if params["state"] == "absent" and not server_name:
        module.fail_json(
            msg="state=absent deletes a named server: set server_name (%s for every server of the users). "
            "The default server cannot be deleted; use state=stopped." % ALL_SERVERS
        )
    if params["state"] == "present" and not server_name:
        module.fail_json(msg="state=present creates a named server without starting it: set server_name")
    if params["display_name"] and not server_name:
        module.fail_json(msg="display_name is for named servers only: set server_name")
    if params["wait_timeout"] < 0:
        module.fail_json(msg="wait_timeout cannot be negative")


def _users_of(module):
    """The members of the groups of the group option, read from the hub; a group that does not exist fails the task."""
    groups = list(dict.fromkeys(module.params["group"]))
    found = module.client.get_named("groups", groups)
    module.require_existing("groups", groups, "Create them first with jupyterhub.hub.jupyterhub_group.", found=found)
    try:
        return members_of(found, groups)
    except ValueError as err:
        module.fail_json(msg="the token cannot read the members of group(s) %s (scope read:groups): give it the groups or "
                         "admin:groups scope. Nothing was changed." % err)


def _check_users(module, names, current, state):
    if state in ("started", "restarted", "present"):
        module.require_existing("users", names, "Create them first with jupyterhub.hub.jupyterhub_user.", found=current)
    require_readable_servers(current)


def _fail(module, state, keys, outcome, plan, result):
    failed = [key for key in keys if key in outcome.failures]
    details = outcome.details(keys)
    if len(keys) == 1:
        msg = "failed to %s %s" % (VERBS[state], details)
    else:
        msg = "%d of %d servers failed to %s (servers has the state of each): %s" % (len(failed), len(keys), VERBS[state], details)
    failed_servers = [dict(user=key[0], server=key[1], msg=outcome.failures[key][0], status=outcome.failures[key][1]) for key in failed]
    module.fail_outcome(msg, plan, outcome, failed_servers=failed_servers, **result)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            STORAGE_ARGUMENT_SPEC,
            name=dict(type="list", elements="str", aliases=["names", "user", "users"]),
            group=dict(type="list", elements="str"),
            server_name=dict(type="str", default=""),
            state=dict(type="str", choices=["started", "stopped", "restarted", "absent", "present"], default="started"),
            user_options=dict(type="dict"),
            display_name=dict(type="str"),
            restart_on_change=dict(type="bool", default=False),
            wait=dict(type="bool", default=True),
            wait_timeout=dict(type="int", default=300),
        ),
        user_name_options=("name",),
        option_checks=(check_storage_options,),
        required_one_of=[("name", "group")],
        mutually_exclusive=[("name", "group")],
    )
    module.run(run)


if __name__ == "__main__":
    main()
