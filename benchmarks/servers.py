"""Case 5 of benchmarks/run.py: the servers of a group of SERVER_USERS, started and then stopped by group with
jupyterhub_server, against a plain requests script that does the same as well as a script can.

The script reads the group's members, sends every start at once (a start blocks on the hub until the server is
ready or slow_spawn_timeout has passed, so one thread per server), polls the users every half second until all are
ready; then sends every stop at once and polls until none runs. The module's time is its task's, from just before to
just after it (benchmarks/servers.yml); two rounds, in alternating order.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import requests

SERVER_USERS = int(os.environ.get("BENCH_SERVER_USERS", "20"))
TARGET = 1.3
POLL = 0.5


def _session(api_url, token):
    session = requests.Session()
    session.headers["Authorization"] = "token " + token
    return session


def _wait(session, api_url, names, ready):
    """Poll each user until its default server is ready (or stopped), as a script would; a spawn that failed raises."""
    waiting = set(names)
    while waiting:
        for name in list(waiting):
            server = session.get(api_url + "/users/" + name, timeout=30).json().get("servers", {}).get("")
            if server is not None and server.get("pending"):
                continue
            running = server is not None and bool(server.get("ready"))
            if running == ready:
                waiting.discard(name)
            elif ready:
                raise RuntimeError("the spawn of %s failed: see the hub's log" % name)
        if waiting:
            time.sleep(POLL)


def script(api_url, token, group):
    """(start seconds, stop seconds) of the plain requests script for the group's default servers."""
    session = _session(api_url, token)
    started = time.monotonic()
    names = session.get(api_url + "/groups/" + group, timeout=30).json()["users"]

    def call(method, name):
        response = _session(api_url, token).request(method, api_url + "/users/%s/server" % name, timeout=600)
        if response.status_code >= 400:
            raise RuntimeError("%s %s: %s %s" % (method, name, response.status_code, response.text))

    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        list(pool.map(lambda name: call("POST", name), names))
    _wait(session, api_url, names, ready=True)
    start_seconds = time.monotonic() - started
    stopping = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        list(pool.map(lambda name: call("DELETE", name), names))
    _wait(session, api_url, names, ready=False)
    return start_seconds, time.monotonic() - stopping


def servers_by_group(api_url, token, tmp, playbook, report, rounds=2):
    """Create the group's users, run both sides ROUNDS times in alternating order, report start and stop ratios."""
    group = "bench-class"
    names = ["bench-class-%02d" % number for number in range(SERVER_USERS)]
    session = _session(api_url, token)
    session.post(api_url + "/users", json={"usernames": names}, timeout=120)
    session.post(api_url + "/groups/" + group, json={"users": names}, timeout=60)
    print("JupyterHub servers: a group of %d, started and stopped by group" % SERVER_USERS)
    times = {"script": [], "module": []}
    for number in range(rounds):
        sides = ["script", "module"] if number % 2 == 0 else ["module", "script"]
        for side in sides:
            if side == "script":
                times["script"].append(script(api_url, token, group))
            else:
                dummy, result = playbook("servers", tmp, group=group)
                if result["started"] != SERVER_USERS or not result["start_changed"] or not result["stop_changed"] or result["still_ready"]:
                    raise RuntimeError("the module did not start and stop the whole group: %s" % result)
                times["module"].append((result["start_seconds"], result["stop_seconds"]))
    for index, action in enumerate(("start", "stop")):
        script_seconds = sum(pair[index] for pair in times["script"]) / rounds
        module_seconds = sum(pair[index] for pair in times["module"]) / rounds
        print("  plain requests script, %s %d servers:              %7.2f s  (rounds: %s)"
              % (action, SERVER_USERS, script_seconds, ", ".join("%.2f s" % pair[index] for pair in times["script"])))
        print("  jupyterhub_server by group, %s %d servers (task):  %7.2f s  (rounds: %s)"
              % (action, SERVER_USERS, module_seconds, ", ".join("%.2f s" % pair[index] for pair in times["module"])))
        ratio = module_seconds / script_seconds
        report("%s %d servers by group against the script" % (action, SERVER_USERS), "%.2fx" % ratio, "<= %.2fx" % TARGET, ratio <= TARGET)
