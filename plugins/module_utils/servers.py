# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Single-user servers: their paths, states and models, and the plans that start, stop, create and remove them.

Knows JupyterHub's server lifecycle, nothing of Ansible, and sends nothing:
module_utils/server_runner.py sends the plans and waits for them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call

READY = "ready"
STOPPED = "stopped"
REMOVED = "removed"
# server_name that stands for every server of a user: the default one and each named one
ALL_SERVERS = "*"
# A user model with its stopped servers too (a named server exists while it is stopped).
WITH_STOPPED_SERVERS = {"include_stopped_servers": "true"}


def server_path(user, server=""):
    """``/users/{user}/server`` for the default server, ``/users/{user}/servers/{server}`` for a named one."""
    if server:
        return quote_path("users", user, "servers", server)
    return quote_path("users", user, "server")


def describe(key):
    """"the default server of user alice" / "server 'gpu' of user alice": how messages name a server.

    A key whose server is None names the user itself ("user alice"), as a UserDeletion's does.
    """
    user, server = key
    if server is None:
        return "user %s" % user
    if server:
        return "server %r of user %s" % (server, user)
    return "the default server of user %s" % user


def server_status(model):
    """started, starting, stopping, stopped or absent (no such server), from a server model."""
    if model is None:
        return "absent"
    if model.get("ready"):
        return "started"
    pending = model.get("pending")
    if pending == "spawn":
        return "starting"
    if pending == "stop":
        return "stopping"
    if pending:
        return "pending %s" % pending
    return "stopped"


def server_model(users, key):
    """The server model of ``key`` (user, server) in ``users`` ({name: user model or None}), or None."""
    user, server = key
    model = users.get(user)
    if not model:
        return None
    return (model.get("servers") or {}).get(server)


class ServerCall(Call):
    """A start (POST), stop (DELETE), creation (PUT) or update (PATCH) of one server.

    ``goal``: what the server is once the call has taken effect (ready, stopped
    or removed). ``after_stop``: a start that waits until the server has stopped
    (a restart, or a server still stopping).
    """

    def __init__(self, method, user, server="", body=None, goal=None, after_stop=False):
        # a stop of a server that is gone, or a creation (PUT) a parallel run made first, is done
        done = {"DELETE": (404,), "PUT": (409,)}.get(method, ())
        super(ServerCall, self).__init__(method, server_path(user, server), body, done_statuses=done)
        self.user = user
        self.server = server
        self.goal = goal or (READY if method == "POST" else STOPPED)
        self.after_stop = after_stop

    @property
    def key(self):
        return (self.user, self.server)


def require_readable_servers(current, names=None, why=None):
    """Raise a JupyterHubError, before any change, if the token cannot see the servers of users of ``names``.

    ``current``: {name: user model or None}; without read:servers a model has no
    ``servers``. ``names``: the users to check (all of ``current`` by default);
    ``why``: why the task must see them ("which go first"), for the message.
    """
    names = list(current) if names is None else names
    blind = [name for name in names if current.get(name) is not None and "servers" not in current[name]]
    if blind:
        raise JupyterHubError(
            "the token cannot read the servers of %s (scope read:servers)%s: give it the servers or admin:servers scope. "
            "Nothing was changed." % (name_list(blind), ", " + why if why else "")
        )


def is_already_running(err):
    """The hub's 400 for a start of a server that runs: the goal is met, not an error."""
    return err.status == 400 and "already running" in (err.message or "")


def is_still_stopping(err):
    """The hub's 400 for a user deletion while the default server stops (it waits 10 s for it at most)."""
    return err.status == 400 and "in the process of stopping" in (err.message or "")


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


def server_keys(names, current, server_name):
    """The (user, server) of each server a task on ``names`` acts on, in order.

    With ALL_SERVERS, each user's default server and every named one it has
    (stopped ones included: ``current`` holds them), which the hub's own
    "Stop All" misses.
    """
    if server_name != ALL_SERVERS:
        return [(name, server_name) for name in names]
    keys = []
    for name in names:
        keys.append((name, ""))
        named = (current.get(name) or {}).get("servers") or {}
        keys.extend((name, server) for server in sorted(named) if server)
    return keys


def plan_servers(keys, current, state, body=None, user_options=None, display_name=None, restart_on_change=False):
    """The calls that bring the servers of ``keys`` ((user, server) pairs) to ``state``, and what to wait for.

    ``current``: {user name: user model (stopped servers included) or None}.
    Returns (plan, goals, after, warnings): the ServerCalls, {(user, server): goal},
    {(user, server): predicted server model or None} and warnings. Pure: no I/O.
    With state=absent a default server (which cannot be deleted) is stopped.
    """
    plan, goals, after, warnings = [], {}, {}, []
    for key in keys:
        name, server_name = key
        model = server_model(current, key)
        status = server_status(model)
        running = status in ("started", "starting")
        state_of_key = "stopped" if state == "absent" and not server_name else state
        if state_of_key == "absent":
            if model is not None:
                plan.append(ServerCall("DELETE", name, server_name, body={"remove": True}, goal=REMOVED))
            goals[key] = REMOVED
            after[key] = None
        elif state_of_key == "present":
            after[key] = _plan_present(plan, warnings, name, server_name, model, user_options, display_name, running)
        elif state_of_key == "stopped":
            if running:
                plan.append(ServerCall("DELETE", name, server_name))
            goals[key] = STOPPED
            after[key] = _stopped(model) if model is not None else None
        else:
            changes = differences(model, user_options, display_name) if running else []
            restart = running and (state_of_key == "restarted" or bool(changes and restart_on_change))
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


def summarize_servers(servers):
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


def with_servers(current, servers):
    """``current`` ({name: user model or None}) with the server models of ``servers`` ({(user, server): model}) put in.

    A user not on the hub (check mode goes on as if an earlier task created it) gets a model holding its predicted servers.
    """
    users = dict(current)
    for (user, server), model in servers.items():
        if users.get(user) is None:
            if model is None:
                continue
            users[user] = {"name": user, "servers": {}}
        user_servers = dict(users[user].get("servers") or {})
        if model is None:
            user_servers.pop(server, None)
        else:
            user_servers[server] = model
        users[user] = dict(users[user], servers=user_servers)
    return users


def removed_servers(plan, failures=()):
    """The servers a user_removal_plan stops and deletes, as {user, server}; those of ``failures`` (keys) are left out."""
    return [dict(user=call.user, server=call.server) for call in plan if isinstance(call, ServerCall) and call.key not in failures]
