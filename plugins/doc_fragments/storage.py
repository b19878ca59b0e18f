# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r"""
options:
  delete_storage:
    description:
      - Whether the task may delete users or named servers on a hub whose spawner deletes their storage with them, or
        whose spawner the task cannot tell.
      - JupyterHub calls the spawner's C(delete_forever) when it deletes a user (for each of its servers) or a named
        server. KubeSpawner, the spawner of Zero to JupyterHub, then deletes the server's persistent volume claim,
        which is the user's home directory (C(KubeSpawner.delete_pvc), true by default).
      - Before it deletes anything, the task reads the spawner's class from C(GET /info) (scope C(read:hub)). With
        V(false), a task that would delete users or named servers fails before any change, in check mode too, when
        that spawner deletes storage, when the collection does not know it, or when the token cannot read
        C(GET /info). The failure names every user and server whose storage would go, in RV(removal).
      - Known to delete storage, by package - C(kubespawner) (every class in it). Known to keep it -
        C(jupyterhub.spawner) (LocalProcessSpawner, SimpleLocalProcessSpawner), C(dockerspawner) (its
        C(delete_forever) is still an open issue), C(systemdspawner), C(batchspawner) and C(sudospawner).
        O(spawner_storage) adds to this list or overrides it.
      - V(true) accepts the loss. Back the storage up first.
    type: bool
    default: false
    version_added: 1.2.0
  spawner_storage:
    description:
      - >-
        What deleting a user or a named server does to its storage under a spawner, for spawners the collection does
        not know, or to correct what it knows. For example V({"mycompany.spawners.ProjectSpawner": "keeps"}), or
        V({"kubespawner": "keeps"}) on a hub where C(KubeSpawner.delete_pvc) is false.
      - Each key is a spawner's class path as C(GET /info) names it (V(kubespawner.spawner.KubeSpawner)), or a package
        or module that covers every class in it (V(kubespawner)). Each value is V(deletes) or V(keeps). The longest
        matching key wins, and these rules come before the known list of O(delete_storage).
      - A spawner class defined in C(jupyterhub_config.py) itself is named by the module the hub loaded the file as;
        C(GET /info) shows it.
    type: dict
    default: {}
    version_added: 1.2.0
"""
