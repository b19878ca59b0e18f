# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The floor of case 9 (benchmarks/run.py): the least a jupyterhub_roster task can cost in the onboard role.

Staged in place of plugins/modules/jupyterhub_roster.py in a copy of the collection, it takes the options the role
gives the roster (validated by Ansible as the real module's are), sends the reads a re-run needs (the users listing
filtered by the names' common prefix, page by page, and one page of groups, on one session) and returns the result
the role and the benchmark read, planning nothing. What it costs is Ansible's: the task's templating, the AnsiballZ,
the module process and its arguments, and the hub's answers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleModule

import requests

NAMES = dict(type="list", elements="str", default=[])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            api_url=dict(type="str", default=os.environ.get("JUPYTERHUB_API_URL")),
            api_token=dict(type="str", no_log=True, default=os.environ.get("JUPYTERHUB_API_TOKEN")),
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
            handle_absent_users=dict(type="str", default="ignore"),
            handle_absent_groups=dict(type="str", default="ignore"),
            remove_admins=dict(type="bool", default=False),
            remove_max=dict(type="int", default=10),
            delete_storage=dict(type="bool", default=False),
            spawner_storage=dict(type="dict", default={}),
            merge=dict(type="bool", default=False),
            on_conflict=dict(type="str", default="fail"),
        ),
        supports_check_mode=True,
    )
    session = requests.Session()
    session.headers.update({"Authorization": "token " + module.params["api_token"], "Accept": "application/jupyterhub-pagination+json"})
    names = [user["name"] for user in module.params["users"]]
    params = dict(name_filter=os.path.commonprefix(names), limit=200, offset=0)
    while True:
        page = session.get(module.params["api_url"] + "/users", params=params, timeout=module.params["timeout"]).json()
        following = (page.get("_pagination") or {}).get("next")
        if not following:
            break
        params["offset"] = following["offset"]
    session.get(module.params["api_url"] + "/groups", params=dict(limit=200), timeout=module.params["timeout"])
    module.exit_json(changed=False, plan=[], summary=dict(text="the floor: nothing planned"))


if __name__ == "__main__":
    main()
