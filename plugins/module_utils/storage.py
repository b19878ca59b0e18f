# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a deletion takes with it: whether the hub's spawner deletes a user's storage, and the guard before deleting.

JupyterHub calls the spawner's ``delete_forever()`` for every server of a user it
deletes (``DELETE /users/{name}``) and for a named server it removes
(``DELETE .../servers/{name}`` with ``remove``), since 1.4.1. KubeSpawner, the
spawner of Zero to JupyterHub, then deletes the server's persistent volume
claim, the user's home directory (``delete_pvc``, true by default). ``GET /info``
(scope ``read:hub``) names the spawner's class, the only thing the API tells of
what a deletion will do. Nothing of Ansible here: the guard takes a client and
raises StorageAtRisk, which the module turns into a failure before any change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, StorageAtRisk
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import ServerCall
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import UserDeletion

DELETES = "deletes"
KEEPS = "keeps"
UNKNOWN = "unknown"

# Spawners known to delete storage when a user or a named server is deleted, by class path or
# package (a package covers every class in it, subclasses KubeSpawner ships included).
KNOWN_SPAWNERS = (
    # delete_forever deletes the PVC (delete_pvc defaults to true; kubespawner PR #475), and a
    # pvc_name_template without the user's name can make it a PVC many users share (kubespawner #880)
    ("kubespawner", DELETES),
    # delete_forever is Spawner's own no-op in each of these (read in their sources)
    ("jupyterhub.spawner", KEEPS),  # LocalProcessSpawner, SimpleLocalProcessSpawner
    ("dockerspawner", KEEPS),  # DockerSpawner, SwarmSpawner, SystemUserSpawner (dockerspawner #512, open)
    ("systemdspawner", KEEPS),
    ("batchspawner", KEEPS),
    ("sudospawner", KEEPS),
)

ARGUMENT_SPEC = dict(
    delete_storage=dict(type="bool", default=False),
    spawner_storage=dict(type="dict", default={}),
)


def spawner_verdict(class_path, spawner_storage=None):
    """(DELETES, KEEPS or UNKNOWN, the rule that decided): what deleting does to storage under the spawner ``class_path``.

    ``spawner_storage``: {class path or package: 'deletes' or 'keeps'}, the task's own rules,
    which come before the known list. The longest matching rule wins.
    """
    if not class_path:
        return UNKNOWN, None
    for rules in (spawner_storage or {}, dict(KNOWN_SPAWNERS)):
        matching = [rule for rule in rules if class_path == rule or class_path.startswith(rule.rstrip(".") + ".")]
        if matching:
            rule = max(matching, key=len)
            return rules[rule], rule
    return UNKNOWN, None


def check_rules(spawner_storage):
    """The error messages of a spawner_storage option, [] when it is right."""
    return ["spawner_storage[%r] is %r: use %s or %s" % (rule, verdict, DELETES, KEEPS)
            for rule, verdict in sorted((spawner_storage or {}).items()) if verdict not in (DELETES, KEEPS)]


def check_options(params):
    """Raise a JupyterHubError for a wrong spawner_storage, before any call (JupyterHubModule's ``option_checks``)."""
    problems = check_rules(params.get("spawner_storage"))
    if problems:
        raise JupyterHubError("; ".join(problems))


def read_spawner(client):
    """(the spawner's class path, or None, and why it is None): from ``GET /info``, which needs read:hub."""
    try:
        info = client.get("/info")
    except JupyterHubError as err:
        if err.status in (403, 404):
            return None, "the token cannot read GET /info (%s: give it the read:hub scope, which the admin role has)" % err.status
        raise
    spawner = (info or {}).get("spawner") or {}
    if not spawner.get("class"):
        return None, "GET /info names no spawner class"
    return spawner["class"], None


def deleted_by(plan):
    """(users, servers) that ``plan`` deletes for good: the user names, and (user, server) of the named servers
    removed, but those of the users deleted (the users' own entries name all their servers)."""
    users, servers = [], []
    for call in plan:
        if isinstance(call, UserDeletion):
            users.append(call.user)
        elif isinstance(call, ServerCall) and call.server and call.method == "DELETE" and (call.body or {}).get("remove"):
            servers.append(call.key)
    return users, [key for key in servers if key[0] not in users]


def removal_report(users, servers, current):
    """What the result and the failure say of what goes: each user with its last activity and servers, each named server.

    ``current``: {name: user model, stopped servers included}.
    """
    reported_users = []
    for name in users:
        model = current.get(name) or {}
        reported_users.append(dict(
            name=name,
            admin=bool(model.get("admin")),
            created=model.get("created"),
            last_activity=model.get("last_activity"),
            servers=sorted((model.get("servers") or {}).keys()),
        ))
    reported_servers = []
    for user, server in servers:
        model = ((current.get(user) or {}).get("servers") or {}).get(server) or {}
        reported_servers.append(dict(user=user, server=server, last_activity=model.get("last_activity")))
    return reported_users, reported_servers


def check_storage(client, plan, current, options, instead=None):
    """Before a plan that deletes users or named servers: what it takes with it, or StorageAtRisk.

    ``options``: the task's delete_storage and spawner_storage (the module's params).
    Returns None for a plan that deletes nothing (no call is made), else the ``removal``
    a result carries: {spawner, storage, rule, delete_storage, users, servers}. Raises
    StorageAtRisk when the spawner deletes storage, or cannot be known, unless
    delete_storage. ``instead``: how the task could keep the storage (a sentence).
    """
    check_options(options)
    delete_storage, spawner_storage = options.get("delete_storage"), options.get("spawner_storage")
    users, servers = deleted_by(plan)
    if not users and not servers:
        return None
    spawner, unreadable = read_spawner(client)
    verdict, rule = spawner_verdict(spawner, spawner_storage)
    reported_users, reported_servers = removal_report(users, servers, current)
    removal = dict(spawner=spawner, storage=verdict, rule=rule, delete_storage=bool(delete_storage),
                   users=reported_users, servers=reported_servers)
    if verdict == KEEPS or delete_storage:
        return removal
    what = []
    if users:
        what.append("%d user%s (%s)" % (len(users), "" if len(users) == 1 else "s", name_list(users)))
    if servers:
        what.append("%d named server%s (%s)" % (len(servers), "" if len(servers) == 1 else "s", name_list("%s/%s" % key for key in servers)))
    if verdict == DELETES:
        why = "the hub's spawner %s deletes a user's storage when the user or a named server is deleted (rule %r)" % (spawner, rule)
    elif spawner:
        why = ("the hub's spawner %s is not one this collection knows, so nobody can tell whether it deletes their storage "
               "(declare it with spawner_storage: {%s: keeps} if it does not)" % (spawner, spawner))
    else:
        why = "%s, so nobody can tell whether the hub's spawner deletes their storage" % unreadable
    message = "the task would delete %s, and %s. Nothing was changed. Either accept that their storage goes with them " \
        "(back it up first) with delete_storage: true, or keep it: %s" % (" and ".join(what), why, instead or "stop the servers instead of deleting them.")
    raise StorageAtRisk(message, removal)
