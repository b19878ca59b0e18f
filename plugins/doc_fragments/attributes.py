# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Every module: the action group, and what check and diff mode mean here.
    DOCUMENTATION = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/jupyterhub.hub.jupyterhub) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - jupyterhub.hub.jupyterhub
  check_mode:
    description: Can run in check mode and return the changed status it predicts without changing the hub.
  diff_mode:
    description: Returns the state before and after the change when run with C(--diff).
"""

    # Modules that change the hub.
    STATE_CHANGING = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: No call that changes the hub is sent in check mode; the client itself refuses them.
  diff_mode:
    support: full
"""

    # Modules that only read.
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: This module only reads, and runs the same in check mode.
  diff_mode:
    support: N/A
    details: This module only reads.
"""
