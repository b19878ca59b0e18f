# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a deletion takes with it: the spawner's verdict from GET /info, and the guard before a plan that deletes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, StorageAtRisk
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import ServerCall
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import (
    DELETES,
    KEEPS,
    UNKNOWN,
    check_options,
    check_rules,
    check_storage,
    deleted_by,
    spawner_verdict,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import user_removal_plan
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, hub_info, server_model, user_model


@pytest.mark.parametrize("spawner, verdict, rule", [
    ("kubespawner.spawner.KubeSpawner", DELETES, "kubespawner"),
    ("kubespawner.KubeSpawner", DELETES, "kubespawner"),
    ("kubespawner.profiles.SomeSubclass", DELETES, "kubespawner"),
    ("jupyterhub.spawner.LocalProcessSpawner", KEEPS, "jupyterhub.spawner"),
    ("jupyterhub.spawner.SimpleLocalProcessSpawner", KEEPS, "jupyterhub.spawner"),
    ("dockerspawner.dockerspawner.DockerSpawner", KEEPS, "dockerspawner"),
    ("dockerspawner.swarmspawner.SwarmSpawner", KEEPS, "dockerspawner"),
    ("dockerspawner.systemuserspawner.SystemUserSpawner", KEEPS, "dockerspawner"),
    ("systemdspawner.systemdspawner.SystemdSpawner", KEEPS, "systemdspawner"),
    ("batchspawner.batchspawner.SlurmSpawner", KEEPS, "batchspawner"),
    ("sudospawner.spawner.SudoSpawner", KEEPS, "sudospawner"),
])
def test_each_known_spawner(spawner, verdict, rule):
    assert spawner_verdict(spawner) == (verdict, rule)


@pytest.mark.parametrize("spawner", [
    "wrapspawner.wrapspawner.ProfilesSpawner",  # its child may be a KubeSpawner
    "mycompany.spawners.KubeSpawner",  # a KubeSpawner subclass outside the package: the API tells no base class
    "kubespawnerx.Spawner",  # a package is matched as a whole name, not as a prefix of letters
    "jupyterhub_config.MySpawner",
    None,
    "",
])
def test_an_unknown_spawner(spawner):
    assert spawner_verdict(spawner) == (UNKNOWN, None)


def test_the_tasks_rules_come_first_and_the_longest_wins():
    rules = {"mycompany": DELETES, "mycompany.spawners.Local": KEEPS, "kubespawner": KEEPS}
    assert spawner_verdict("mycompany.spawners.Local", rules) == (KEEPS, "mycompany.spawners.Local")
    assert spawner_verdict("mycompany.spawners.Kube", rules) == (DELETES, "mycompany")
    # a hub whose KubeSpawner has delete_pvc = False, declared so
    assert spawner_verdict("kubespawner.spawner.KubeSpawner", rules) == (KEEPS, "kubespawner")
    assert spawner_verdict("jupyterhub.spawner.LocalProcessSpawner", rules) == (KEEPS, "jupyterhub.spawner")


def test_bad_rules_are_named():
    assert check_rules({"a": "deletes", "b": "maybe", "c": True}) == [
        "spawner_storage['b'] is 'maybe': use deletes or keeps", "spawner_storage['c'] is True: use deletes or keeps"]
    assert check_rules({}) == [] and check_rules(None) == []


def test_the_option_check_raises_every_bad_rule_at_once():
    """JupyterHubModule runs it before any call (option_checks): test_jupyterhub_user.py shows it on a whole run."""
    check_options({"spawner_storage": {"mycompany": "keeps"}})
    check_options({"spawner_storage": {}})
    check_options({})
    with pytest.raises(JupyterHubError) as caught:
        check_options({"spawner_storage": {"a": "no", "b": "yes", "c": "deletes"}})
    assert str(caught.value) == "spawner_storage['a'] is 'no': use deletes or keeps; spawner_storage['b'] is 'yes': use deletes or keeps"
    assert caught.value.status is None


def hub_user(name, servers=(), last_activity=None):
    """A user created on 2026-01-08 with stopped servers of these names, last active on 2026-06-01."""
    return user_model(name, servers=[server_model(server, last_activity="2026-06-01T00:00:00Z") for server in servers],
                      created="2026-01-08T09:00:00Z", last_activity=last_activity)


def test_what_a_plan_deletes_for_good():
    current = {"a": hub_user("a", ["", "gpu"]), "b": hub_user("b")}
    plan = user_removal_plan(["a", "b"], current) + [ServerCall("DELETE", "c", "x", body={"remove": True}), ServerCall("DELETE", "c", "")]
    # stopping a server deletes nothing; deleting a user deletes all of its servers (their storage with them)
    assert deleted_by(plan) == (["a", "b"], [("c", "x")])
    assert deleted_by([ServerCall("DELETE", "c", "x"), ServerCall("POST", "c", "")]) == ([], [])


def test_a_plan_that_deletes_nothing_reads_nothing(rsps, client):
    assert check_storage(client, [ServerCall("DELETE", "a", "")], {}, {}) is None
    assert len(rsps.calls) == 0


def test_a_hub_that_keeps_storage_is_reported_and_passes(rsps, client):
    rsps.get(API + "/info", json=hub_info())
    current = {"a": hub_user("a", ["", "gpu"], last_activity="2026-06-30T11:20:00Z")}
    removal = check_storage(client, user_removal_plan(["a"], current), current, dict(delete_storage=False, spawner_storage={}))
    assert removal == {
        "spawner": "jupyterhub.spawner.SimpleLocalProcessSpawner", "storage": KEEPS, "rule": "jupyterhub.spawner", "delete_storage": False,
        "users": [{"name": "a", "admin": False, "created": "2026-01-08T09:00:00Z", "last_activity": "2026-06-30T11:20:00Z", "servers": ["", "gpu"]}],
        "servers": [],
    }


def test_a_kubespawner_hub_refuses_naming_users_servers_and_both_ways_on(rsps, client):
    rsps.get(API + "/info", json=hub_info("kubespawner.spawner.KubeSpawner"))
    current = {"a": hub_user("a", [""]), "b": hub_user("b", ["", "gpu"])}
    plan = user_removal_plan(["a"], current) + [ServerCall("DELETE", "b", "gpu", body={"remove": True})]
    with pytest.raises(StorageAtRisk) as caught:
        check_storage(client, plan, current, dict(delete_storage=False), instead="suspend them.")
    message = str(caught.value)
    assert message.startswith("the task would delete 1 user (a) and 1 named server (b/gpu), and the hub's spawner "
                              "kubespawner.spawner.KubeSpawner deletes a user's storage")
    assert "Nothing was changed." in message and "delete_storage: true" in message and message.endswith("keep it: suspend them.")
    removal = caught.value.result["removal"]
    assert [user["name"] for user in removal["users"]] == ["a"]
    assert removal["servers"] == [{"user": "b", "server": "gpu", "last_activity": "2026-06-01T00:00:00Z"}]
    assert caught.value.status is None  # no call failed: a playbook tells it from a hub's error by the removal


def test_accepting_the_loss_passes_on_a_kubespawner_hub(rsps, client):
    rsps.get(API + "/info", json=hub_info("kubespawner.spawner.KubeSpawner"))
    current = {"a": hub_user("a")}
    removal = check_storage(client, user_removal_plan(["a"], current), current, dict(delete_storage=True))
    assert removal["storage"] == DELETES and removal["delete_storage"] is True


def test_an_unknown_spawner_refuses_and_says_how_to_declare_it(rsps, client):
    rsps.get(API + "/info", json=hub_info("mycompany.spawners.Project"))
    current = {"a": hub_user("a")}
    with pytest.raises(StorageAtRisk) as caught:
        check_storage(client, user_removal_plan(["a"], current), current, {})
    assert "is not one this collection knows" in str(caught.value)
    assert "spawner_storage: {mycompany.spawners.Project: keeps}" in str(caught.value)
    assert caught.value.result["removal"]["storage"] == UNKNOWN

    rsps.get(API + "/info", json=hub_info("mycompany.spawners.Project"))
    removal = check_storage(client, user_removal_plan(["a"], current), current, dict(spawner_storage={"mycompany.spawners": KEEPS}))
    assert removal["storage"] == KEEPS and removal["rule"] == "mycompany.spawners"


def test_a_token_without_read_hub_is_an_unknown_hub(rsps, client):
    rsps.get(API + "/info", status=403, json={"status": 403, "message": "Action is not authorized with current scopes; requires any of [read:hub]"})
    current = {"a": hub_user("a")}
    with pytest.raises(StorageAtRisk) as caught:
        check_storage(client, user_removal_plan(["a"], current), current, {})
    assert "the token cannot read GET /info (403: give it the read:hub scope" in str(caught.value)
    assert caught.value.result["removal"]["spawner"] is None and caught.value.result["removal"]["storage"] == UNKNOWN


def test_other_failures_of_info_are_the_hubs(rsps, client):
    rsps.get(API + "/info", status=500, json={"status": 500, "message": "boom"})
    current = {"a": hub_user("a")}
    with pytest.raises(JupyterHubError) as caught:
        check_storage(client, user_removal_plan(["a"], current), current, {})
    assert not isinstance(caught.value, StorageAtRisk) and caught.value.status == 500


def test_bad_rules_fail_before_any_call(rsps, client):
    with pytest.raises(JupyterHubError, match="spawner_storage\\['x'\\] is 'no'"):
        check_storage(client, [], {}, dict(spawner_storage={"x": "no"}))
