#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_proxy
short_description: Read a JupyterHub's proxy routing table, re-sync it, or point the hub at another proxy
version_added: 1.0.0
description:
  - Reads the routing table of the hub's proxy (C(GET /proxy)), following the API's pagination to the end.
  - With O(state=synced), has the hub check its proxy at once (C(POST /proxy)) instead of at its next periodic check
    (C(JupyterHub.last_activity_interval), 5 minutes by default). The hub adds the routes that are missing, fixes
    wrong targets and deletes stale routes. The task reports a change only when the routing table changed.
  - With O(proxy_api_url) or O(proxy_auth_token), tells the hub where its proxy's API is and the token for it
    (C(PATCH /proxy)), for example after moving a separately run proxy. The hub then syncs the routes to that proxy.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
options:
  state:
    description:
      - V(present) reads the routing table, and changes the proxy settings given in O(proxy_api_url) and
        O(proxy_auth_token).
      - V(synced) also has the hub sync the routing table now.
    type: str
    choices: [present, synced]
    default: present
  proxy_api_url:
    description:
      - The URL of the proxy's REST API, as the hub reaches it, for example C(http://proxy.internal:8001).
      - The hub keeps it until it restarts. To keep it across restarts, set C(ConfigurableHTTPProxy.api_url) in the
        hub's configuration too.
    type: str
  proxy_auth_token:
    description:
      - The token the hub authenticates to the proxy's API with (C(CONFIGPROXY_AUTH_TOKEN) of
        configurable-http-proxy). Never logged or returned.
      - Like O(proxy_api_url), kept until the hub restarts.
    type: str
attributes:
  check_mode:
    support: partial
    details:
      - No call that changes the hub is sent in check mode.
      - The hub decides which routes a sync changes, so check mode cannot predict it. With O(state=synced), check mode
        reports a change (the call the task would make), and the real run reports one only if the table changed.
  diff_mode:
    details:
      - The routes (routespec and target) before and after. The proxy settings are not readable from the hub, so
        the diff shows the new O(proxy_api_url) only after the change, and never the token.
notes:
  - The hub does not tell its current proxy settings, so the module cannot compare them. A task with
    O(proxy_api_url) or O(proxy_auth_token) always sends them and reports a change. Run it where the proxy really
    moved, for example in a handler notified by the task that moved it.
  - If the hub cannot reach the proxy with the new settings, the task fails, and the hub keeps the new settings
    anyway. Run the task again with the right ones; it sends them even when the hub cannot read its routes.
  - Needs the C(proxy) scope.
  - When the proxy does not answer, the hub retries for 30 seconds before it fails, so the module waits at least
    45 seconds for each answer, whatever O(timeout) says.
  - The proxy's own routes that the hub did not make (without C(jupyterhub) in their data) are not listed, and a sync
    leaves them alone.
seealso:
  - module: jupyterhub.hub.jupyterhub_info
"""

EXAMPLES = r"""
- name: Read the routing table
  jupyterhub.hub.jupyterhub_proxy:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
  delegate_to: localhost
  register: proxy

- name: Show where each route goes
  ansible.builtin.debug:
    msg: "{{ proxy.routes | dict2items | map(attribute='value.target') | list }}"

- name: Sync the routes now, after the proxy restarted with an empty table
  jupyterhub.hub.jupyterhub_proxy:
    state: synced
  delegate_to: localhost

- name: Tell the hub about the proxy's new address
  jupyterhub.hub.jupyterhub_proxy:
    proxy_api_url: http://proxy.internal:8001
    proxy_auth_token: "{{ vault_configproxy_auth_token }}"
  delegate_to: localhost
"""

RETURN = r"""
routes:
  description:
    - The routing table after the task, keyed by routespec, as the hub reads it from the proxy. C(data) tells what
      a route is for (C(hub), or C(user) and C(server_name), or C(service)).
    - In check mode, the table as it is. V(null) when the hub cannot read it (a check mode run with new proxy
      settings, while the hub cannot reach its proxy).
  returned: always
  type: dict
  sample:
    /:
      routespec: /
      target: http://127.0.0.1:8081
      data: {hub: true, last_activity: "2026-11-22T10:43:22.072Z"}
    /user/ada/:
      routespec: /user/ada/
      target: http://127.0.0.1:50123
      data: {user: ada, server_name: "", last_activity: "2026-11-22T10:43:28.274Z"}
plan:
  description: The API calls that change something, made or to be made in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /proxy"]
diff:
  description: With C(--diff), the routes (routespec and target) before and after, and the new O(proxy_api_url).
  returned: when diff mode is on
  type: dict
  sample:
    before: {routes: {/: http://127.0.0.1:8081, /user/ghost/: http://127.0.0.1:50999}}
    after: {routes: {/: http://127.0.0.1:8081}}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.proxy import PROXY_CALL_TIMEOUT, plan_proxy, route_table, summarize_routes


def run(module):
    params = module.params
    client = module.client
    timeout = max(params["timeout"], PROXY_CALL_TIMEOUT)
    plan = plan_proxy(params["state"], params["proxy_api_url"], params["proxy_auth_token"], timeout=timeout)
    try:
        before = client.paginate_mapping("/proxy", timeout=timeout)
    except JupyterHubError as err:
        # A hub given wrong proxy settings cannot read its routes any more (a bare 500):
        # new settings must still get through, or it could not be repaired.
        if not (plan and plan[0].method == "PATCH" and err.status == 500):
            raise
        before = None
    module.apply(plan)
    after = module.read_back(lambda: client.paginate_mapping("/proxy", timeout=timeout)) if plan else None
    changed = None  # check mode: a change if there is a call to make
    if after is not None:
        # New proxy settings are a change in themselves; a sync is one only if it changed the routes.
        changed = plan[0].method == "PATCH" or route_table(after) != route_table(before)
    else:
        after = before
    diff_before = {"routes": summarize_routes(before) if before is not None else "unreadable: the hub could not reach its proxy"}
    diff_after = {"routes": summarize_routes(after) if after is not None else "unreadable: the hub could not reach its proxy"}
    if params["proxy_api_url"] is not None:
        diff_after["proxy_api_url"] = params["proxy_api_url"]
    module.finish(plan, before=diff_before, after=diff_after, changed=changed, routes=after)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            state=dict(type="str", choices=["present", "synced"], default="present"),
            proxy_api_url=dict(type="str"),
            proxy_auth_token=dict(type="str", no_log=True),
        ),
    )
    module.run(run)


if __name__ == "__main__":
    main()
