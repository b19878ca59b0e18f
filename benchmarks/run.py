#!/usr/bin/env python
"""Benchmarks of the onboarding run, each side by side with what it is measured against.

Run by `make benchmark`, which starts a hub (tests/hub/hubctl.py) and sets JUPYTERHUB_API_URL and
JUPYTERHUB_API_TOKEN. Every case uses fresh names on the same hub; the hub is thrown away afterwards.

  1. the onboard role on a generated roster (1000 users, 20 groups of 50 with properties, 5 admins),
     against a plain requests script making the minimal calls for the same roster (the floor), in two
     rounds of alternating order; the role's time runs from its first task to its last (the whole
     ansible-playbook is printed too);
  2. the role's second run, with nothing to change (the whole ansible-playbook);
  3. an ansible.builtin.uri loop on a 100-user slice, per user, against the role per user;
  4. 1000 new users with one jupyterhub_user task on a hub seeded with 20,000 users, against the bulk
     POST alone; and how many GET calls a task naming 10 of those users makes.

Prints every figure, the ratios and the targets; exits 1 if a target is missed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
API_URL = os.environ["JUPYTERHUB_API_URL"]
TOKEN = os.environ["JUPYTERHUB_API_TOKEN"]
HEADERS = {"Authorization": "token " + TOKEN}
USERS = int(os.environ.get("BENCH_USERS", "1000"))
GROUPS = int(os.environ.get("BENCH_GROUPS", "20"))
GROUP_SIZE = int(os.environ.get("BENCH_GROUP_SIZE", "50"))
ADMINS = int(os.environ.get("BENCH_ADMINS", "5"))
URI_USERS = int(os.environ.get("BENCH_URI_USERS", "100"))
SEED_USERS = int(os.environ.get("BENCH_SEED_USERS", "20000"))
NEW_USERS = int(os.environ.get("BENCH_NEW_USERS", "1000"))
NAMED = 10
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CHUNK = 1000  # users per seeding POST


def roster(prefix):
    """The role's onboard_users and onboard_groups: users in groups of GROUP_SIZE, the first ADMINS admins."""
    names = ["%s-%04d" % (prefix, i) for i in range(USERS)]
    users = [{"name": name, "admin": i < ADMINS} for i, name in enumerate(names)]
    groups = []
    for number in range(GROUPS):
        members = names[number * GROUP_SIZE:(number + 1) * GROUP_SIZE]
        groups.append({"name": "%s-group-%02d" % (prefix, number), "members": members, "properties": {"profile": "p%d" % number}})
    return {"users": users, "groups": groups}


def floor(data):
    """The minimal calls a hand-written script makes for the roster: two bulk creations, then each group with its
    members in its creation call, and its properties."""
    session = requests.Session()
    session.headers.update(HEADERS)
    started = time.monotonic()
    for admin in (True, False):
        names = [user["name"] for user in data["users"] if user["admin"] is admin]
        session.post(API_URL + "/users", json={"usernames": names, "admin": admin}, timeout=600).raise_for_status()
    for group in data["groups"]:
        session.post(API_URL + "/groups/" + group["name"], json={"users": group["members"]}, timeout=60).raise_for_status()
        session.put(API_URL + "/groups/%s/properties" % group["name"], json=group["properties"], timeout=60).raise_for_status()
    return time.monotonic() - started


def playbook(name, tmp, **files):
    """Run benchmarks/<name>.yml with the given data files; (wall seconds, result file content or None)."""
    extra = []
    for key, value in files.items():
        path = os.path.join(tmp, key + ".json")
        with open(path, "w") as handle:
            json.dump(value, handle)
        extra += ["-e", "%s_file=%s" % (key, path)]
    result_file = os.path.join(tmp, "result.json")
    if os.path.exists(result_file):
        os.unlink(result_file)
    started = time.monotonic()
    subprocess.run(["ansible-playbook", "-i", "localhost,", str(HERE / (name + ".yml")), "-e", "result_file=" + result_file] + extra,
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    if os.path.exists(result_file):
        with open(result_file) as handle:
            return seconds, json.load(handle)
    return seconds, None


def _times(values):
    return ", ".join("%.2f s" % value for value in values)


def bulk_post(names):
    started = time.monotonic()
    requests.post(API_URL + "/users", json={"usernames": names}, headers=HEADERS, timeout=900).raise_for_status()
    return time.monotonic() - started


def hub_log():
    """The hub's log, where it logs every API call: hubctl.py's work dir (BENCH_HUB_LOG for a hub of another name)."""
    if os.environ.get("BENCH_HUB_LOG"):
        return Path(os.environ["BENCH_HUB_LOG"])
    version = requests.get(API_URL + "/", timeout=10).json()["version"]
    return ROOT / "tests" / "output" / ("hub-" + version) / "hub.log"


def api_gets_since(log, offset):
    with open(log, "rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", "replace")
    return len(re.findall(r"\] \d{3} GET /[^ ]*hub/api/", text))


def main():
    version = requests.get(API_URL + "/", timeout=10).json()["version"]
    print("JupyterHub %s; roster of %d users, %d groups of %d with properties, %d admins" % (version, USERS, GROUPS, GROUP_SIZE, ADMINS))
    checks = []

    def report(label, value, target, ok):
        checks.append(ok)
        print("  %-58s %s   (target %s)%s" % (label, value, target, "" if ok else "   MISSED"))

    with tempfile.TemporaryDirectory() as tmp:
        # Two rounds in alternating order, each side with fresh names: a bulk creation takes longer on a hub that
        # has more users, so neither side may always meet the smaller hub.
        floor_times, role_times, role_walls = [], [], []
        for number in range(ROUNDS):
            sides = [("floor", lambda n: floor(roster("bench-floor%d" % n))),
                     ("role", lambda n: playbook("onboard", tmp, roster=roster("bench-role%d" % n)))]
            for side, run in sides if number % 2 == 0 else reversed(sides):
                if side == "floor":
                    floor_times.append(run(number))
                else:
                    wall, first = run(number)
                    role_times.append(first["seconds"])
                    role_walls.append(wall)
        floor_seconds, role_seconds, role_wall = sum(floor_times) / ROUNDS, sum(role_times) / ROUNDS, sum(role_walls) / ROUNDS
        again_seconds, second = playbook("onboard", tmp, roster=roster("bench-role0"))
        uri_names = ["bench-uri-%04d" % i for i in range(URI_USERS)]
        uri_seconds, dummy = playbook("uri_loop", tmp, names=uri_names)
        print("  plain requests script, minimal calls (the floor):   %7.2f s  (rounds: %s)" % (floor_seconds, _times(floor_times)))
        print("  onboard role, first run (the role's tasks):         %7.2f s  (rounds: %s; %d calls)" % (role_seconds, _times(role_times), first["calls"]))
        print("  onboard role, first run (whole ansible-playbook):   %7.2f s  (%.2fx the floor)" % (role_wall, role_wall / floor_seconds))
        print("  onboard role, second run (whole ansible-playbook):  %7.2f s  (changed: %s)" % (again_seconds, second["changed"]))
        print("  ansible.builtin.uri loop, %d users:                %7.2f s" % (URI_USERS, uri_seconds))
        report("first run against the floor", "%.2fx" % (role_seconds / floor_seconds), "<= 1.30x", role_seconds / floor_seconds <= 1.3)
        report("second run, nothing changed", "%.2f s, changed=%s" % (again_seconds, second["changed"]), "<= 4 s, changed=false",
               again_seconds <= 4 and not second["changed"])
        per_user_role, per_user_uri = role_wall / USERS, uri_seconds / URI_USERS
        report("per user: uri loop %.3f s, role %.4f s" % (per_user_uri, per_user_role), "%.0fx faster" % (per_user_uri / per_user_role),
               ">= 25x", per_user_uri / per_user_role >= 25)

        print("  seeding the hub with %d users..." % SEED_USERS)
        for start in range(0, SEED_USERS, CHUNK):
            bulk_post(["bench-seed-%05d" % i for i in range(start, min(start + CHUNK, SEED_USERS))])
        post_seconds = bulk_post(["bench-post-%04d" % i for i in range(NEW_USERS)])
        task_wall, task = playbook("create_users", tmp, names=["bench-task-%04d" % i for i in range(NEW_USERS)])
        task_seconds = task["seconds"]
        print("  %d new users on a hub of %d, bulk POST alone:      %7.2f s" % (NEW_USERS, SEED_USERS, post_seconds))
        print("  %d new users on a hub of %d, jupyterhub_user task: %7.2f s (whole ansible-playbook: %.2f s)"
              % (NEW_USERS, SEED_USERS, task_seconds, task_wall))
        report("the task against the bulk POST", "%.2fx" % (task_seconds / post_seconds), "<= 1.30x", task_seconds / post_seconds <= 1.3)
        log = hub_log()
        offset = log.stat().st_size
        playbook("read_users", tmp, names=["bench-seed-%05d" % (i * 997) for i in range(NAMED)])
        gets = api_gets_since(log, offset)
        report("GET calls of a task naming %d users on that hub" % NAMED, str(gets), "<= 12", gets <= 12)
    print("all targets met" if all(checks) else "%d of %d targets missed" % (checks.count(False), len(checks)))
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
