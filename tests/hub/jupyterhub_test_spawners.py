"""Spawners for the integration tests (a hub of a test's own names them in --extra-config).

StorageDeletingSpawner deletes a user's storage when the hub deletes the user or a named
server, as KubeSpawner deletes the server's PVC in delete_forever: the default server's
storage is the user's home directory, a named server's is home/servers/<name>. Nothing marks
it as such in the collection: a test declares it with spawner_storage, the rule users get.
"""

import os
import shutil

from jupyterhub.spawner import SimpleLocalProcessSpawner

__version__ = "1.0"


class StorageDeletingSpawner(SimpleLocalProcessSpawner):
    def storage_path(self):
        return os.path.join(self.home_dir, "servers", self.name) if self.name else self.home_dir

    def delete_forever(self):
        path = self.storage_path()
        self.log.info("StorageDeletingSpawner: deleting %s", path)
        shutil.rmtree(path, ignore_errors=True)
