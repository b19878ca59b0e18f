# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run examples/awx-job-template.yml as an AWX job, twice, and check what the job leaves behind.

Each job gets a fresh private data directory, laid out as AWX lays it out for ansible-runner:

  project/awx-job-template.yml   the job template's playbook, from the installed collection
  inventory/hosts                localhost
  env/envvars                    the credential's `env` injectors, rendered from examples/awx-credential-type.yml
  env/tmpXXXXXXXX                the credential's `extra_vars` injectors (AWX: a temporary file, values !unsafe)
  env/cmdline                    -vvv -e @env/tmpXXXXXXXX (AWX: the job's verbosity, the credential's extra vars)
  env/extravars                  the job template's extra variables (roster.yml, where to write new secrets), and in
                                 the second job the credential's extra variables too, as a survey answer would be
  env/settings                   a job timeout

ansible-runner runs with an environment of its own (env -i: PATH, HOME=the private data directory as in an
execution environment, ANSIBLE_COLLECTIONS_PATH), so that the hub's URL and token can only come from the
credential type's injectors. The credential holds the hub's admin token, and the test password sign-in of
the hub's admin user.

Checks, each failing with what failed and the events that show it:
  1. both jobs succeed: ansible-runner's exit code, artifacts/<ident>/status and rc;
  2. the credential reached the modules: the token is the `ansible` service's, the sign-in token was made;
  3. the first job changes the hub, the second changes nothing (the playbook_on_stats event);
  4. the tokens the first job created are in the secrets file it wrote (mode 0600), and work;
  5. no secret, neither the credential's token and password nor a token the job created, is in the job
     events, ansible-runner's output, or anywhere in the private data directory but env/ (the job's input);
     ansible-runner's record of the job's environment (artifacts/<ident>/command) holds the injected
     JUPYTERHUB_API_TOKEN, and only there. No other token-shaped string (32 hex digits, such as the
     temporary token of a password sign-in) is in the events or the output either.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import glob
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

PLAYBOOK = "awx-job-template.yml"
SIGN_IN_TASK = "Give the sign-in user a token of its own, signing in with its password"
ROLE_TOKEN_TASK = "Create the tokens, of every owner at once"
INFO_TASK = "Check the hub and the credential's token"
TOKEN_SHAPED = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{32,}(?![0-9a-fA-F])")
RUNNER_TIMEOUT = 600


class CheckFailed(Exception):
    pass


def changed(event):
    """Whether a task's event reports a change: a no_log result keeps only `censored`, the line says it."""
    res = event.get("event_data", {}).get("res") or {}
    if "changed" in res:
        return bool(res["changed"])
    return event.get("stdout", "").lstrip().startswith("changed:")


def load_yaml(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def write(path, text, mode=0o600):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(path, mode)


class Secrets:
    """The secrets to look for, by a name that may be shown instead."""

    def __init__(self):
        self.by_name = {}

    def add(self, name, value):
        if not value or len(value) < 8:
            raise CheckFailed("no usable secret for %s" % name)
        self.by_name[name] = value

    def mask(self, text):
        for name, value in self.by_name.items():
            text = text.replace(value, "<%s>" % name)
        return text

    def found_in(self, text):
        return [name for name, value in self.by_name.items() if value in text]


def describe(event):
    return "event %s %s of task %r" % (event.get("counter"), event.get("event"), event.get("event_data", {}).get("task"))


def render_credential(credential_type, inputs):
    """The credential's injectors as AWX renders them (CredentialType.inject_credential): a sandboxed Jinja
    environment, a namespace of the inputs that are set, the env and the extra_vars injectors."""
    namespace = dict((key, value) for key, value in inputs.items() if value)
    jinja = ImmutableSandboxedEnvironment()
    injectors = credential_type["injectors"]
    env = dict((name, jinja.from_string(tmpl).render(**namespace)) for name, tmpl in injectors.get("env", {}).items())
    extra_vars = dict((name, jinja.from_string(tmpl).render(**namespace)) for name, tmpl in injectors.get("extra_vars", {}).items())
    return env, extra_vars


def unsafe_yaml(variables):
    """AWX's safe_dump: every value !unsafe, so that Ansible never templates a password."""
    return "".join("%s: !unsafe %s\n" % (json.dumps(name), json.dumps(value)) for name, value in sorted(variables.items()))


def prepare(pdd, collection, credential_type, inputs, extravars, credential_vars_in_extravars=False):
    """A private data directory. The credential's extra variables go in a file of their own passed with -e @, as
    AWX injects a credential; with ``credential_vars_in_extravars``, in env/extravars, as AWX passes a job's extra
    variables and survey answers (a password asked for at launch)."""
    for sub in ("project", "inventory", "env"):
        os.makedirs(os.path.join(pdd, sub), mode=0o700)
    with open(os.path.join(collection, "examples", PLAYBOOK)) as handle:
        write(os.path.join(pdd, "project", PLAYBOOK), handle.read(), 0o644)
    write(os.path.join(pdd, "inventory", "hosts"), "localhost ansible_connection=local\n", 0o644)
    env, credential_vars = render_credential(credential_type, inputs)
    write(os.path.join(pdd, "env", "envvars"), json.dumps(env))
    if credential_vars_in_extravars:
        extravars = dict(extravars, **credential_vars)
        write(os.path.join(pdd, "env", "cmdline"), "-vvv")
    else:
        fd, path = tempfile.mkstemp(dir=os.path.join(pdd, "env"))
        os.close(fd)
        write(path, unsafe_yaml(credential_vars), stat.S_IRUSR)
        write(os.path.join(pdd, "env", "cmdline"), "-vvv -e %s" % shlex.quote("@" + path))
    write(os.path.join(pdd, "env", "extravars"), json.dumps(extravars))
    write(os.path.join(pdd, "env", "settings"), json.dumps({"job_timeout": RUNNER_TIMEOUT - 60}))
    return env


def run_job(pdd, ident, log_path):
    bindir = os.path.dirname(sys.executable)
    env = {
        "PATH": os.pathsep.join([bindir, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": pdd,
        "LANG": "C.UTF-8",
        "ANSIBLE_COLLECTIONS_PATH": os.environ.get("ANSIBLE_COLLECTIONS_PATH", ""),
    }
    argv = [sys.executable, "-m", "ansible_runner", "run", pdd, "--ident", ident, "--playbook", PLAYBOOK]
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        rc = subprocess.call(argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, timeout=RUNNER_TIMEOUT)
    return rc, time.monotonic() - t0


class Job:
    """What one ansible-runner run left: its artifacts and events."""

    def __init__(self, pdd, ident, rc, seconds, log_path, secrets):
        self.pdd = pdd
        self.ident = ident
        self.rc = rc
        self.seconds = seconds
        self.log_path = log_path
        self.secrets = secrets
        self.artifacts = os.path.join(pdd, "artifacts", ident)
        self.events = []
        for path in glob.glob(os.path.join(self.artifacts, "job_events", "*.json")):
            with open(path) as handle:
                event = json.load(handle)
            event["_file"] = os.path.relpath(path, pdd)
            self.events.append(event)
        self.events.sort(key=lambda event: event.get("counter", 0))

    def read(self, name):
        try:
            with open(os.path.join(self.artifacts, name)) as handle:
                return handle.read().strip()
        except OSError:
            return None

    def output(self):
        with open(self.log_path, errors="replace") as handle:
            return handle.read()

    def show(self, event):
        """An event, masked, cut to a readable size."""
        data = event.get("event_data", {})
        text = json.dumps({"event": event.get("event"), "task": data.get("task"), "res": data.get("res"), "file": event["_file"]}, indent=1)
        text = self.secrets.mask(text)
        return text if len(text) < 3000 else text[:3000] + "\n..."

    def fail(self, check, events=(), tail=False):
        lines = ["FAILED (job %s): %s" % (self.ident, check)]
        lines += [self.show(event) for event in events]
        if tail:
            lines.append("-- end of ansible-runner's output --")
            lines += [self.secrets.mask(line) for line in self.output().splitlines()[-40:]]
        raise CheckFailed("\n".join(lines))

    def task_events(self, task, kinds=("runner_on_ok", "runner_on_failed", "runner_on_skipped")):
        return [e for e in self.events if e.get("event") in kinds and e.get("event_data", {}).get("task") == task]

    def stats(self):
        found = [e for e in self.events if e.get("event") == "playbook_on_stats"]
        if len(found) != 1:
            self.fail("%d playbook_on_stats events, one expected" % len(found), tail=True)
        return found[0]["event_data"]

    def changed_events(self):
        return [e for e in self.events if e.get("event") in ("runner_on_ok", "runner_item_on_ok") and changed(e)]


def check_success(job):
    failed = [e for e in job.events if e.get("event") in ("runner_on_failed", "runner_item_on_failed", "runner_on_unreachable", "error")]
    if job.rc != 0 or job.read("status") != "successful" or job.read("rc") != "0":
        job.fail("ansible-runner exited %s, status %s, rc %s" % (job.rc, job.read("status"), job.read("rc")), failed, tail=True)
    if failed:
        job.fail("the job succeeded with failed tasks", failed)
    if not job.events:
        job.fail("no job events in %s" % os.path.join(job.artifacts, "job_events"), tail=True)


def check_credential_reached_the_modules(job, injected_env, first):
    with open(os.path.join(job.artifacts, "command")) as handle:
        command = json.load(handle)
    hub_env = dict((k, v) for k, v in command["env"].items() if k.startswith("JUPYTERHUB_"))
    if hub_env != injected_env:
        job.fail("the job's JUPYTERHUB_* environment is %s, not the credential's injectors %s" % (sorted(hub_env), sorted(injected_env)))
    info = job.task_events(INFO_TASK, ("runner_on_ok",))
    if len(info) != 1 or (info[0]["event_data"]["res"].get("whoami") or {}).get("name") != "ansible":
        job.fail("task '%s' did not run once with the credential's token (of the service 'ansible')" % INFO_TASK, info or job.events[-3:])
    for task in (SIGN_IN_TASK, ROLE_TOKEN_TASK):
        events = job.task_events(task)
        if len(events) != 1 or events[0]["event"] != "runner_on_ok":
            job.fail("task '%s' did not run once, successfully" % task, events)
        res = events[0]["event_data"]["res"]
        # beside "censored", ansible-core 2.17 keeps the changed flag (2.19 and later keep nothing else)
        if "censored" not in res or set(res) - {"censored", "changed", "_ansible_no_log"}:
            job.fail("task '%s' (no_log) has an uncensored result in its event" % task, events)
        if changed(events[0]) != first:
            job.fail("task '%s' is %s: it should %s a token" % (task, "changed" if changed(events[0]) else "ok", "create" if first else "keep"), events)


def check_changes(job, first):
    stats = job.stats()
    counts = stats.get("changed") or {}
    for key in ("failures", "dark"):
        if stats.get(key):
            job.fail("playbook_on_stats: %s %s" % (key, stats[key]), [e for e in job.events if e.get("event") == "playbook_on_stats"])
    if first and not any(counts.values()):
        job.fail("the first job changed nothing on the hub (playbook_on_stats changed: %s)" % counts)
    if not first and any(counts.values()):
        job.fail("the second job is not idempotent (playbook_on_stats changed: %s); the changed tasks:" % counts, job.changed_events())


def whoami(api_url, token):
    request = urllib.request.Request(api_url.rstrip("/") + "/user", headers={"Authorization": "token %s" % token})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["name"]


def check_new_secrets(job, path, expected_owners, api_url, secrets):
    if not os.path.exists(path):
        job.fail("the job wrote no secrets file %s" % path)
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode != 0o600:
        job.fail("the secrets file has mode %o, not 600" % mode)
    with open(path) as handle:
        created = json.load(handle)
    if sorted(created) != sorted(expected_owners):
        job.fail("the secrets file names %s, not the tokens the job created %s" % (sorted(created), sorted(expected_owners)))
    for key, value in sorted(created.items()):
        secrets.add("the secret of the new token %s" % key, value)
        try:
            name = whoami(api_url, value)
        except OSError as err:
            job.fail("the new token %s does not work: %s" % (key, secrets.mask(str(err))))
        if name != expected_owners[key]:
            job.fail("the new token %s belongs to %s" % (key, name))


def check_no_secret_left(job, injected_env):
    """Every file of the private data directory but env/ (the input), and ansible-runner's output."""
    hits = []
    output = job.output()
    for name in job.secrets.found_in(output):
        hits.append("%s in ansible-runner's output" % name)
    token_value = injected_env.get("JUPYTERHUB_API_TOKEN")
    files = 0
    for top, dirs, names in os.walk(job.pdd):
        if os.path.relpath(top, job.pdd) == ".":
            dirs.remove("env")
        for name in names:
            path = os.path.join(top, name)
            rel = os.path.relpath(path, job.pdd)
            files += 1
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
            if rel == os.path.join("artifacts", job.ident, "command"):
                # ansible-runner records the job's environment here (mode 0600), the injected token with it
                command = json.loads(text)
                if command["env"].get("JUPYTERHUB_API_TOKEN") != token_value:
                    hits.append("%s: the job's environment does not hold the injected token" % rel)
                command["env"].pop("JUPYTERHUB_API_TOKEN", None)
                text = json.dumps(command)
            for secret in job.secrets.found_in(text) + job.secrets.found_in(rel):
                where = rel
                if rel.startswith(os.path.join("artifacts", job.ident, "job_events")):
                    where = "%s: %s" % (describe(json.loads(text)), job.secrets.mask(text)[:1500])
                hits.append("%s in %s" % (secret, where))
    if hits:
        job.fail("secrets left behind:\n  " + "\n  ".join(hits))
    if files < 5:
        job.fail("only %d files in the private data directory: what did the job write?" % files)
    # a token nobody told this test of, such as the temporary token of the password sign-in (shown cut short)
    shaped = []
    for where, text in [("ansible-runner's output", output)] + [(describe(e), json.dumps(e)) for e in job.events]:
        for match in TOKEN_SHAPED.finditer(text):
            context = text[max(0, match.start() - 80):match.start()] + match.group()[:4] + "..."
            shaped.append("%s: %s" % (where, job.secrets.mask(context)))
    if shaped:
        job.fail("token-shaped strings (32 hex digits or more), which no job should show, in:\n  " + "\n  ".join(shaped))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--config", required=True, help="the integration config of tests/hub/hubctl.py")
    parser.add_argument("--collection", required=True, help="the installed collection, with examples/")
    parser.add_argument("--roster", required=True, help="the job template's extra variables")
    parser.add_argument("--work", required=True, help="an empty directory for the private data directories")
    args = parser.parse_args()

    config = load_yaml(args.config)
    credential_type = load_yaml(os.path.join(args.collection, "examples", "awx-credential-type.yml"))
    inputs = {
        "api_url": config["jupyterhub_api_url"],
        "api_token": config["jupyterhub_api_token"],
        "auth_username": config["jupyterhub_admin_user"],
        "auth_password": config["jupyterhub_user_password"],
    }
    secrets = Secrets()
    secrets.add("the credential's API token", inputs["api_token"])
    secrets.add("the credential's password", inputs["auth_password"])
    for key in ("jupyterhub_readonly_token", "jupyterhub_noscope_token", "jupyterhub_proxy_auth_token"):
        secrets.add("the hub's %s" % key, config[key])

    roster = load_yaml(args.roster)
    secrets_file = os.path.join(args.work, "new-secrets.json")
    extravars = dict(roster, jupyterhub_token_secrets_file=secrets_file)
    expected_owners = dict(("%s/%s" % (t["user"], t["note"]), t["user"]) for t in roster["onboard_tokens"])
    expected_owners["%s/%s" % (inputs["auth_username"], roster["jupyterhub_sign_in_token_note"])] = inputs["auth_username"]

    try:
        for number in (1, 2):
            first = number == 1
            pdd = os.path.join(args.work, "job-%d" % number)
            # the second job takes the password from env/extravars, the first as a credential's file
            injected_env = prepare(pdd, args.collection, credential_type, inputs, extravars, credential_vars_in_extravars=number == 2)
            ident = "awx-job-%d" % number
            rc, seconds = run_job(pdd, ident, os.path.join(args.work, "job-%d.log" % number))
            job = Job(pdd, ident, rc, seconds, os.path.join(args.work, "job-%d.log" % number), secrets)
            check_success(job)
            if first:
                check_new_secrets(job, secrets_file, expected_owners, inputs["api_url"], secrets)
                written = os.stat(secrets_file).st_mtime_ns
            check_no_secret_left(job, injected_env)
            check_credential_reached_the_modules(job, injected_env, first)
            check_changes(job, first)
            if not first and os.stat(secrets_file).st_mtime_ns != written:
                job.fail("the second job wrote the secrets file again")
            print("job %d: successful in %.1f s, %d events, changed %s; no secret in its events, output or artifacts" % (
                number, seconds, len(job.events), job.stats().get("changed")))
    except CheckFailed as err:
        print(err)
        return 1
    except subprocess.TimeoutExpired:
        print("FAILED: ansible-runner did not end within %d s" % RUNNER_TIMEOUT)
        return 1
    print("awx_runner: %d secrets checked, the credential type's injectors reached the modules" % len(secrets.by_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
