#!/usr/bin/env python
"""Benchmark: creating 1000 users with one jupyterhub_user task, against a plain requests script.

Run by `make benchmark`, which starts a hub (tests/hub/hubctl.py) and sets JUPYTERHUB_API_URL and
JUPYTERHUB_API_TOKEN. Both sides make the same minimal calls to the same hub, side by side, in
alternating order, each with its own fresh names; the hub is thrown away afterwards.
Prints the times and the ratio; the target is a ratio of at most 1.3 and a no-change re-run of
at most 3 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

import requests

COUNT = int(os.environ.get("BENCH_USERS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
HERE = os.path.dirname(os.path.abspath(__file__))
API_URL = os.environ["JUPYTERHUB_API_URL"]
TOKEN = os.environ["JUPYTERHUB_API_TOKEN"]


def roster(prefix):
    return ["%s-%04d" % (prefix, i) for i in range(COUNT)]


def plain_requests(names):
    """What a hand-written script does at best: one bulk POST /users."""
    started = time.monotonic()
    answer = requests.post(API_URL + "/users", json={"usernames": names}, headers={"Authorization": "token " + TOKEN}, timeout=300)
    answer.raise_for_status()
    return time.monotonic() - started


def ansible_task(names):
    """One jupyterhub_user task; returns the task's own time, the plan and changed."""
    with tempfile.TemporaryDirectory() as tmp:
        names_file = os.path.join(tmp, "names.json")
        result_file = os.path.join(tmp, "result.json")
        with open(names_file, "w") as handle:
            json.dump(names, handle)
        subprocess.run(
            ["ansible-playbook", "-i", "localhost,", os.path.join(HERE, "create_users.yml"),
             "-e", "names_file=%s result_file=%s" % (names_file, result_file)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(result_file) as handle:
            return json.load(handle)


def main():
    version = requests.get(API_URL + "/", timeout=10).json()["version"]
    print("JupyterHub %s, %d users per run, %d rounds" % (version, COUNT, ROUNDS))
    plain_times, task_times = [], []
    for round_number in range(ROUNDS):
        sides = [("requests", plain_requests), ("ansible", ansible_task)]
        if round_number % 2:
            sides.reverse()  # alternate who goes first, so neither always meets a smaller hub
        for side, run in sides:
            names = roster("bench-%s-%d" % (side, round_number))
            if side == "requests":
                plain_times.append(run(names))
                print("  round %d  plain requests script: %6.2f s" % (round_number + 1, plain_times[-1]))
            else:
                result = run(names)
                assert result["changed"] and result["plan"] == ["POST /users"], result
                task_times.append(result["seconds"])
                print("  round %d  jupyterhub_user task:  %6.2f s  (plan: %s)" % (round_number + 1, task_times[-1], result["plan"]))
    rerun = ansible_task(roster("bench-ansible-0"))
    assert not rerun["changed"] and rerun["plan"] == [], rerun
    ratio = sum(task_times) / sum(plain_times)
    print("creation: task %.2f s vs requests %.2f s on average: ratio %.2f (target <= 1.30)"
          % (sum(task_times) / ROUNDS, sum(plain_times) / ROUNDS, ratio))
    print("re-run of the task with nothing to change: %.2f s (target <= 3 s)" % rerun["seconds"])
    return 0 if ratio <= 1.3 and rerun["seconds"] <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
