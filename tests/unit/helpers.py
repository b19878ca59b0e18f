# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the unit tests (plain functions; the fixtures are in conftest.py).

The hub every test talks to (API, TOKEN), a module run through its main() (run_module) and the calls of that run
that change the hub (writes), the models the hub answers with (user_model, server_model, group_model, token_model,
route_model, listing), its timestamps (NOW, stamp, from_now), a client that sends nothing (FakeClient), and a hub of scripted servers
with its clock for the runners (FakeHub, HubClient, FakeClock).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import datetime
import http.client
import json
import os
import stat
import threading
from unittest import mock

import pytest

from ansible.module_utils import basic

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19 has no helper: set the arguments it would read

    @contextlib.contextmanager
    def patch_module_args(args=None):
        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps(dict(ANSIBLE_MODULE_ARGS=args or {})).encode()):
            yield

API = "http://hub.test/hub/api"
TOKEN = "0123456789abcdef-secret-token"
# GET / answers the version: a module reads it once, to prove api_url before it believes a 404.
HUB_ROOT = {"version": "6.1.1"}
# The scopes of a share of ada's default server.
ACCESS = "access:servers!server=ada/"
ACTIVITY = "read:users:activity!server=ada/"


def hub_info(spawner="jupyterhub.spawner.SimpleLocalProcessSpawner"):
    """GET /info of a hub with this spawner class: what a deletion reads first."""
    return {"version": "6.1.1", "spawner": {"class": spawner, "version": "6.1.1"},
            "authenticator": {"class": "jupyterhub.auth.DummyAuthenticator", "version": "6.1.1"}}


def calls(plan, *attributes):
    """A plan as (method, path, body) tuples, to compare in asserts; with ``attributes``, their values too (False if unset)."""
    return [(c.method, c.path, c.body) + tuple(getattr(c, name, False) for name in attributes) for c in plan]


# -- a module run through its main() ----------------------------------------------------------------------------


def run_module(module, capsys, check_mode=False, diff=False, **params):
    """Run ``module.main()`` against API with TOKEN and ``params``; its result, and the whole output.

    ``api_token=None`` runs it without a token (a password sign-in, or a test of its absence).
    """
    args = dict(api_url=API, api_token=TOKEN, _ansible_check_mode=check_mode, _ansible_diff=diff)
    args.update(params)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    out = capsys.readouterr().out
    return json.loads(out), out


def exit_result(capsys, action):
    """Run ``action``, which must end the module, and return the JSON result it printed."""
    with pytest.raises(SystemExit):
        action()
    return json.loads(capsys.readouterr().out)


# What ``failure`` holds when no call failed.
NO_CALL = {"method": None, "path": None, "status": None, "message": None}


def assert_refused(result, out, method, path, status, message):
    """The result of a task whose call ``method path`` the hub refused with ``status`` and ``message``: a clean failure."""
    assert result["failed"] is True
    assert result["msg"] == "%s %s: %d %s: %s" % (method, path, status, http.client.responses[status], message)
    assert result["status"] == status
    assert result["failure"] == {"method": method, "path": path, "status": status, "message": message}
    assert "Traceback" not in out and "exception" not in result


def assert_failed_before_any_call(result, rsps, message):
    """The result of a task that failed with a message starting with ``message`` before it sent any call."""
    assert result["failed"] is True
    assert result["msg"].startswith(message), result["msg"]
    assert result["failure"] == NO_CALL
    assert len(rsps.calls) == 0


def writes(rsps):
    """The calls of a run that change the hub, as (method, path below API, JSON body or None)."""
    return [(call.request.method, call.request.path_url[len("/hub/api"):], json.loads(call.request.body) if call.request.body else None)
            for call in rsps.calls if call.request.method != "GET"]


def warnings_of(result):
    """The warnings' text, whatever form this ansible-core gives them."""
    return json.dumps(result.get("warnings", []))


# -- the hub's models --------------------------------------------------------------------------------------------

SERVER_STATUSES = {
    "started": dict(ready=True, pending=None, stopped=False),
    "starting": dict(ready=False, pending="spawn", stopped=False),
    "stopping": dict(ready=False, pending="stop", stopped=False),
    "stopped": dict(ready=False, pending=None, stopped=True),
}


def server_model(name="", status="stopped", user_options=None, **fields):
    """A server model as the hub gives it (stopped ones with include_stopped_servers): started, starting, stopping or stopped."""
    model = dict(SERVER_STATUSES[status], name=name, user_options=user_options or {})
    model.update(fields)
    return model


def running(name="", **fields):
    """A server model of a server that runs."""
    return server_model(name, "started", **fields)


def user_model(name, servers=None, groups=(), admin=False, **fields):
    """A user model as the hub gives it. ``servers``: server models (a list, or a dict by name); None leaves
    ``servers`` out, as for a token without read:servers."""
    model = {"kind": "user", "name": name, "admin": admin, "groups": list(groups)}
    if servers is not None:
        model["servers"] = dict(servers) if isinstance(servers, dict) else dict((server["name"], server) for server in servers)
    model.update(fields)
    return model


def group_model(name="g", users=(), properties=None, **fields):
    """A group model as the hub gives it."""
    model = {"kind": "group", "name": name, "users": list(users), "properties": properties or {}, "roles": []}
    model.update(fields)
    return model


def service_model(name="grader", **fields):
    """A service model as the hub gives it (never with its api_token)."""
    model = {"kind": "service", "name": name, "admin": False, "url": "http://10.0.0.5:9000", "display": True, "info": {}, "roles": []}
    model.update(fields)
    return model


def share_model(kind="group", name="physics", scopes=(ACCESS,), owner="ada", server=""):
    """A share of owner's server with a user or a group (``kind``), as the hub lists it."""
    return {
        "kind": kind,
        "user": {"name": name} if kind == "user" else None,
        "group": {"name": name} if kind == "group" else None,
        "scopes": list(scopes),
        "server": {"user": {"name": owner}, "name": server, "url": "/user/%s/%s" % (owner, server), "ready": False},
        "created_at": "2026-11-22T10:40:22.185792Z",
    }


def share_code_model(code_id="sc_1", scopes=(ACCESS,)):
    """A share code as the hub lists it: without the code itself."""
    return {"id": code_id, "scopes": list(scopes), "expires_at": "2026-11-23T10:40:37Z", "exchange_count": 0}


# The code of a new share code, which only the hub's answer to its creation holds.
SHARE_CODE_SECRET = "VMJegd6T_gshsaYA5XTyewyQX2PeMNGDG7RtPRT76CA"


def new_share_code_model(code_id="sc_9", scopes=(ACCESS,)):
    """The hub's answer to the creation of a share code: the only one that holds the code."""
    return dict(share_code_model(code_id, scopes), code=SHARE_CODE_SECRET, accept_url="/hub/accept-share?code=" + SHARE_CODE_SECRET,
                full_accept_url=None)


def route_model(spec, target, **data):
    """A route of the proxy's routing table as the hub lists it (GET /proxy): ``data`` tells what it is for."""
    return {"routespec": spec, "target": target, "data": data}


def listing(*items):
    """One page of a paginated listing that holds every item."""
    return {"items": list(items), "_pagination": {"offset": 0, "limit": 200, "total": len(items), "next": None}}


# -- time --------------------------------------------------------------------------------------------------------

UTC = datetime.timezone.utc
# The time the pure functions are told it is.
NOW = datetime.datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
# 9:00 UTC on 2026-11-22: a time the hub writes in many ways.
NINE = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
DAY = 86400


def stamp(days, now=NOW):
    """The hub's timestamp ``days`` after ``now`` (negative: before)."""
    return (now + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_now(days):
    """The hub's timestamp ``days`` after the clock's time: for a module, which reads the clock itself."""
    return stamp(days, datetime.datetime.now(UTC))


def token_model(id_, note="ci", user="alice", created=-30, expires=None, used=None, now=NOW, **fields):
    """A token model as the hub lists it; ``created``, ``expires`` and ``used``: days from ``now`` (None: never)."""
    model = {
        "id": id_, "kind": "api_token", "user": user, "note": note, "scopes": ["read:users!user=%s" % user], "roles": [],
        "created": stamp(created, now), "expires_at": None if expires is None else stamp(expires, now),
        "last_activity": None if used is None else stamp(used, now), "oauth_client": "JupyterHub", "session_id": None,
    }
    model.update(fields)
    return model


# -- a client that sends nothing ---------------------------------------------------------------------------------


class FakeSession:
    def __init__(self):
        self.closes = 0

    def close(self):
        self.closes += 1


class FakeClient:
    """What a runner or send_each needs of a client (retries, clone, session, get), without HTTP.

    Each clone has the ``overrides`` it was made with and a session of its own, and is
    recorded in ``made``, the list its client and every other clone share. ``get(path)``
    answers ``answers[path]``.
    """

    def __init__(self, retries=3, max_retry_wait=300, answers=None):
        self.retries = retries
        self.max_retry_wait = max_retry_wait
        self.answers = answers or {}
        self.check_mode = False
        self.overrides = {}
        self.session = FakeSession()
        self.made = []
        self.lock = threading.Lock()

    def get(self, path, params=None, missing_ok=False):
        return self.answers[path]

    def clone(self, **overrides):
        other = type(self).__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.retries = overrides.get("retries", self.retries)
        other.max_retry_wait = overrides.get("max_retry_wait", self.max_retry_wait)
        other.overrides = overrides
        other.session = FakeSession()
        with self.lock:
            self.made.append(other)
        return other


class InFlight:
    """How many calls are in flight at once: each runs ``with in_flight:``; ``most`` is the highest count seen."""

    def __init__(self, seconds=0.005):
        self.seconds = seconds  # how long each call stays in flight
        self.count = 0
        self.most = 0
        self.lock = threading.Lock()

    def __enter__(self):
        with self.lock:
            self.count += 1
            self.most = max(self.most, self.count)

    def __exit__(self, *exc_info):
        threading.Event().wait(self.seconds)
        with self.lock:
            self.count -= 1


# -- a hub of scripted servers, for the runners (server_runner.py, user_runner.py) -------------------------------


class FakeClock:
    """A monotonic clock at 1000 s that moves only when slept on; ``sleeps``: the delays asked for, in order."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeHub:
    """Servers that move through scripted statuses, one step per read of the users.

    ``script[key]``: the statuses a server shows at the following reads (the last one stays).
    ``errors[(method, path)]``: the JupyterHubError a call gets, or a list of them: one per call, then success.
    """

    def __init__(self, users):
        self.users = list(users)
        self.script = {}
        self.errors = {}
        self.events = {}
        self.requests = []
        self.reads = []
        self.barrier = None
        self.lock = threading.Lock()

    def status(self, key):
        steps = self.script.get(key) or ["absent"]
        return steps[0]

    def advance(self):
        for key, steps in self.script.items():
            if len(steps) > 1:
                steps.pop(0)


class HubClient(FakeClient):
    """A client of a FakeHub: what a ServerRunner sends and reads goes to the hub's script."""

    def __init__(self, hub):
        super(HubClient, self).__init__()
        self.hub = hub

    def request(self, method, path, body=None, timeout=None):
        with self.hub.lock:
            self.hub.requests.append((method, path, body))
        if self.hub.barrier is not None:
            self.hub.barrier.wait()  # every call of the batch must be in flight at once to pass
        error = self.hub.errors.get((method, path))
        if isinstance(error, list):  # one error per call, then none
            error = error.pop(0) if error else None
        if error is not None:
            raise error
        return None

    def get_named(self, collection, names, params=None):
        assert collection == "users"
        assert params == {"include_stopped_servers": "true"}
        self.hub.reads.append(list(names))
        self.hub.advance()
        answer = {}
        for name in names:
            if name not in self.hub.users:
                answer[name] = None
                continue
            servers = {}
            for (user, server), steps in self.hub.script.items():
                if user == name and steps[0] != "absent":
                    servers[server] = server_model(server, steps[0])
            answer[name] = {"name": name, "servers": servers}
        return answer

    def read_events(self, path, max_time=10):
        events = self.hub.events.get(path)
        if isinstance(events, Exception):
            raise events
        return events or []


def users_before(hub, statuses):
    """The users of a FakeHub as read before the task, their servers in ``statuses`` ({(user, server): status}):
    {user: {"servers": {server: model}}}."""
    users = dict((name, {"name": name, "servers": {}}) for name in hub.users)
    for (user, server), status in statuses.items():
        if status != "absent":
            users[user]["servers"][server] = server_model(server, status)
    return users


def hub_error(status, message, method="POST", path="/users/a/server"):
    """The JupyterHubError of the hub's answer ``status`` ``message`` to ``method path``."""
    return JupyterHubError(message, status=status, method=method, path=path)


# -- files -------------------------------------------------------------------------------------------------------


def file_text(path):
    with open(str(path)) as handle:
        return handle.read()


def file_mode(path):
    """The permission bits of a file, such as 0o600."""
    return stat.S_IMODE(os.stat(str(path)).st_mode)
