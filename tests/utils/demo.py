"""`make demo`: the onboard role on a small class, against a local hub that stays up afterwards.

Starts the demo hub (tests/hub/hubctl.py, name "demo"), runs examples/demo.yml with --diff, again
(nothing may change), and with the server stopped; reads the hub back to check what each run
claims; prints what that proved, or which check failed and why. Leaves the hub running and
writes build/demo/env.sh, so that a playbook of one's own can run against it next.
"""

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HUBCTL = ROOT / "tests/hub/hubctl.py"
PLAYBOOK = ROOT / "examples/demo.yml"
OUT = ROOT / "build/demo"  # build/NAME for a demo hub of another name (make test's)
SECRET = re.compile(r"\b[0-9a-f]{32,}\b")  # what the hub's token secrets look like
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


class DemoFailed(Exception):
    pass


def say(line=""):
    print(line, flush=True)


def start_hub(version, name):
    hub = [sys.executable, str(HUBCTL)]
    subprocess.run(hub + ["stop", "--version", version, "--name", name], capture_output=True, check=False)
    started = subprocess.run(hub + ["start", "--version", version, "--name", name], stdout=subprocess.PIPE, text=True, check=False)
    if started.returncode:
        raise DemoFailed(f"the hub did not start: see tests/output/hub-{name}/hub.log ({started.returncode})")
    return dict(re.findall(r"^export (\w+)=(.*)$", started.stdout, re.M))


def playbook(env, name, *args):
    """Run the demo playbook, showing its output; return its recap (ok, changed, unreachable, failed)."""
    say(f"\n== {name}: ansible-playbook -i localhost, examples/demo.yml {' '.join(args)}".rstrip())
    proc = subprocess.Popen(
        ["ansible-playbook", "-i", "localhost,", str(PLAYBOOK), *args], env=env, stdout=subprocess.PIPE, text=True
    )
    output = []
    for line in proc.stdout:
        sys.stdout.write(line)
        output.append(line)
    proc.wait()
    text = "".join(output)
    recap = RECAP.findall(text)
    if proc.returncode or not recap:
        raise DemoFailed(f"the {name} failed (ansible-playbook exited {proc.returncode}): the failed task is shown above")
    return tuple(int(count) for count in recap[-1]), SECRET.findall(text)


def hub_get(env, path):
    request = urllib.request.Request(
        env["JUPYTERHUB_API_URL"] + path, headers={"Authorization": "token " + env["JUPYTERHUB_API_TOKEN"]}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)
    except (OSError, ValueError) as err:  # HTTPError and URLError are OSErrors
        raise DemoFailed(f"reading the hub back (GET {path}) failed: {err}")


def check(proved, claim, holds, why):
    if not holds:
        raise DemoFailed(f"{claim}: {why}")
    proved.append(claim)


OWN_PLAYBOOK = """\
# A playbook of your own: it finds the demo hub in the environment that build/demo/env.sh sets.
- name: Read the class back
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Read the group physics-101
      jupyterhub.hub.jupyterhub_group_info:
        name: physics-101
      register: course

    - name: Show its members
      ansible.builtin.debug:
        msg: "{{ course.groups[0].users }}"
"""


def own_playbook_runs():
    """What a newcomer does next, in a shell with nothing of make's: source env.sh, run a playbook."""
    (OUT / "my-playbook.yml").write_text(OWN_PLAYBOOK)
    clean = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    run = subprocess.run(
        ["sh", "-c", f". {OUT}/env.sh && ansible-playbook {OUT}/my-playbook.yml"],
        cwd=ROOT, env=clean, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
    )
    if run.returncode or '"ada",' not in run.stdout:
        raise DemoFailed("a playbook of one's own did not run against the demo hub:\n" + run.stdout)


def demo(version, name):
    global OUT
    OUT = ROOT / "build" / name
    hub = start_hub(version, name)
    env = dict(os.environ, **hub)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "env.sh").write_text(
        f"# Source this (. build/{name}/env.sh) to run playbooks of your own against the demo hub.\n"
        f"export PATH={ROOT / '.venv/bin'}:$PATH\n"
        f"export ANSIBLE_COLLECTIONS_PATH={ROOT / 'build'}\n"
        + "".join(f"export {key}={value}\n" for key, value in hub.items())
    )
    proved = []
    (ok, changed, unreachable, failed), secrets = playbook(env, "first run", "--diff")
    check(proved, "the first run onboarded the class", changed > 0 and not failed, f"changed={changed} failed={failed}")

    users = dict((user["name"], user) for user in hub_get(env, "/users"))
    missing = sorted({"prof-lovelace", "ada", "grace", "alan"} - set(users))
    check(proved, "4 users exist, prof-lovelace an admin", not missing and users["prof-lovelace"]["admin"], f"missing {missing}")
    course = hub_get(env, "/groups/physics-101")
    check(
        proved,
        "group physics-101 has ada, grace and alan, and its properties",
        sorted(course["users"]) == ["ada", "alan", "grace"] and course["properties"].get("course") == "Physics 101",
        f"the hub has {course}",
    )
    teachers = hub_get(env, "/groups/teachers")
    check(proved, "group teachers has prof-lovelace", teachers["users"] == ["prof-lovelace"], f"the hub has {teachers}")
    notes = [token["note"] for token in hub_get(env, "/users/prof-lovelace/tokens")["api_tokens"]]
    check(proved, "prof-lovelace has the token 'grading'", notes.count("grading") == 1, f"notes {notes}")
    check(proved, "no token secret was shown, with --diff", not secrets, f"the output shows {len(secrets)} secret(s)")
    server = hub_get(env, "/users/ada")["servers"].get("", {})
    check(proved, "ada's server runs", server.get("ready") is True, f"the hub says {server or 'no server'}")

    (ok, changed, unreachable, failed), secrets = playbook(env, "second run")
    check(proved, "the second run showed no token secret either", not secrets, f"it shows {len(secrets)} secret(s)")
    check(proved, "the second run changed nothing (changed=0)", changed == 0 and not failed, f"changed={changed} failed={failed}")

    (ok, changed, unreachable, failed), secrets = playbook(env, "third run", "-e", "demo_server_state=stopped")
    check(proved, "the third run stopped ada's server, and changed nothing else", changed == 1 and not failed, f"changed={changed}")
    server = hub_get(env, "/users/ada")["servers"].get("")
    check(proved, "the third run showed no token secret either", not secrets, f"it shows {len(secrets)} secret(s)")
    check(proved, "ada's server is stopped", not server, f"the hub says {server}")
    own_playbook_runs()
    proved.append(f"a playbook of one's own runs against the hub, after `. build/{name}/env.sh`")

    say("\n== The demo proved, reading the hub back after each run:")
    for claim in proved:
        say(f"  - {claim}")
    say(
        f"\nThe demo hub (JupyterHub {version}) is still running at {hub['JUPYTERHUB_API_URL']}."
        "\nTo run a playbook of your own against it, with the collection and the tools:"
        f"\n  . build/{name}/env.sh"
        f"\n  ansible-playbook build/{name}/my-playbook.yml      (or one of yours: hosts: localhost)"
        "\nStop it with: make demo-stop"
    )


def main():
    try:
        demo(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "demo")
    except DemoFailed as failure:
        say(f"\n== The demo FAILED: {failure}")
        say("The hub's log: tests/output/hub-*/hub.log. Stop the hub with: make demo-stop")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
