#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_shutdown
short_description: Shut a JupyterHub down
version_added: 1.0.0
description:
  - Asks the hub to shut down cleanly (C(POST /shutdown)), with or without its proxy and the users' servers.
  - The hub answers at once and stops right after. Whether it starts again is up to whatever runs it (systemd,
    Kubernetes, ...).
  - The task first checks that O(api_url) answers as a JupyterHub and that the token may shut it down.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
options:
  proxy:
    description:
      - Whether the hub stops the proxy it started. With V(false), the proxy keeps running, and keeps serving the
        running servers to their users while the hub is down.
      - Unset, the hub's own setting decides (C(JupyterHub.cleanup_proxy), true by default). A proxy the hub did not
        start is never stopped.
    type: bool
  servers:
    description:
      - Whether the hub stops the users' running servers. With V(false), they keep running, and the hub finds them
        again when it starts.
      - Unset, the hub's own setting decides (C(JupyterHub.cleanup_servers), true by default).
    type: bool
notes:
  - Needs the C(shutdown) scope (the C(admin) role has it).
  - The task always reports a change. Once the hub is down, nothing answers at O(api_url), so running the task again
    fails with the connection error.
seealso:
  - module: jupyterhub.hub.jupyterhub_info
"""

EXAMPLES = r"""
- name: Shut the hub down, leaving the users' servers and the proxy running (for an upgrade, say)
  jupyterhub.hub.jupyterhub_shutdown:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    servers: false
    proxy: false
  delegate_to: localhost

- name: Wait until it is down
  ansible.builtin.wait_for:
    port: 8081
    state: stopped
    timeout: 60
  delegate_to: localhost
"""

RETURN = r"""
version:
  description: The version of the hub that was shut down (or, in check mode, that would be).
  returned: always
  type: str
  sample: "6.1.1"
message:
  description: The hub's answer. V(null) in check mode.
  returned: always
  type: str
  sample: Shutting down Hub
plan:
  description: The API call the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /shutdown"]
diff:
  description: With C(--diff), the hub running, then shut down, with what happens to the proxy and the servers.
  returned: when diff mode is on
  type: dict
  sample:
    before: {hub: running, version: "6.1.1"}
    after: {hub: shut down, proxy: left running, servers: stopped}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.shutdown import may_shut_down, plan_shutdown


def run(module):
    client = module.client
    version = client.version  # GET /: the hub is there, and is a JupyterHub
    whoami = client.whoami()
    if not may_shut_down(whoami.get("scopes")):
        module.fail_json(
            msg="the token of %s %s lacks the shutdown scope (the admin role has it). Nothing was changed."
            % (whoami.get("kind"), whoami.get("name")),
            status=403,
        )
    plan, after = plan_shutdown(module.params["proxy"], module.params["servers"])
    answers = module.apply(plan)
    message = answers[0].get("message") if answers[0] else None
    module.finish(plan, before={"hub": "running", "version": version}, after=after, version=version, message=message)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            proxy=dict(type="bool"),
            servers=dict(type="bool"),
        ),
    )
    module.run(run)


if __name__ == "__main__":
    main()
