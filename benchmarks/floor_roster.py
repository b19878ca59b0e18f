# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The floor of case 9 (benchmarks/run.py): the least a jupyterhub_roster task can cost in the onboard role.

Staged in place of plugins/modules/jupyterhub_roster.py in a copy of the collection, it takes the options the role
gives the roster (with the real module's types, choices and sub-options, which Ansible validates), sends the reads
the real module sends on a re-run of a roster that is most of the hub's listings (the users listing narrowed by the
names' common part, then the groups listing, each page by page to the end, on one session), and returns what the
role and the benchmark read of the result, planning nothing. What it costs is what any roster module pays: the
task's templating, the AnsiballZ, the module process and its arguments, and the hub's answers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleModule, env_fallback

import requests

NAMES = dict(type="list", elements="str", default=[])


def common_part(names, shortest=3):
    """The longer of the names' common prefix and suffix, as the collection's client narrows a listing by.

    A copy of client._common_part on purpose: importing it would bring the collection's module_utils into the floor.
    """
    prefix = os.path.commonprefix(names)
    suffix = os.path.commonprefix([name[::-1] for name in names])[::-1]
    common = max(prefix, suffix, key=len)
    return common if len(common) >= shortest else None


def listing(module, session, path, params):
    """Every item of a paginated listing; a failed call fails the task."""
    params = dict(params, limit=200, offset=0)
    items = []
    while True:
        response = session.get(module.params["api_url"] + path, params=params, timeout=module.params["timeout"])
        if response.status_code != 200:
            module.fail_json(msg="GET %s: %d %s" % (path, response.status_code, response.text[:200]))
        page = response.json()
        items.extend(page.get("items") or [])
        following = (page.get("_pagination") or {}).get("next")
        if not following:
            return items
        params["offset"] = following["offset"]


def main():
    module = AnsibleModule(
        argument_spec=dict(
            api_url=dict(type="str", required=True, fallback=(env_fallback, ["JUPYTERHUB_API_URL"])),
            api_token=dict(type="str", no_log=True, required=True, fallback=(env_fallback, ["JUPYTERHUB_API_TOKEN"])),
            validate_certs=dict(type="bool", default=True),
            ca_path=dict(type="path"),
            timeout=dict(type="float", default=30),
            retries=dict(type="int", default=3),
            users=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True), admin=dict(type="bool"), groups=dict(type="list", elements="str"))),
            groups=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True), members=NAMES, append=dict(type="bool", default=True),
                properties=dict(type="dict"))),
            expected_users=NAMES,
            handle_absent_users=dict(type="str", choices=["ignore", "remove", "suspend"], default="ignore"),
            handle_absent_groups=dict(type="str", choices=["ignore", "remove"], default="ignore"),
            remove_admins=dict(type="bool", default=False),
            remove_max=dict(type="int", default=10),
            delete_storage=dict(type="bool", default=False),
            spawner_storage=dict(type="dict", default={}),
            merge=dict(type="bool", default=False),
            on_conflict=dict(type="str", choices=["fail", "keep_hub", "use_roster"], default="fail"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    session = requests.Session()
    session.headers.update({"Authorization": "token " + params["api_token"], "Accept": "application/jupyterhub-pagination+json"})
    session.verify = params["ca_path"] or params["validate_certs"]
    names = set([user["name"] for user in params["users"]] + [m for group in params["groups"] for m in group["members"]] + params["expected_users"])
    common = common_part(sorted(names))
    found = set(user["name"] for user in listing(module, session, "/users", dict(name_filter=common) if common else {})) & names
    listing(module, session, "/groups", {})
    if found != names:
        # the benchmark's premise: a re-run of a roster the hub has, with nothing to change
        module.fail_json(msg="the hub lacks %d of the roster's users, such as %s" % (len(names - found), sorted(names - found)[:3]))
    module.exit_json(changed=False, plan=[], summary=dict(text="the floor: nothing planned"))


if __name__ == "__main__":
    main()
