# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Modules with options that take user names, which the module checks before any call.
    DOCUMENTATION = r"""
options: {}
notes:
  - User names are checked before any call, in check mode too, in every option that takes them. An empty name is
    refused, and so is a name with upper-case letters (the hub stores names in lower case) or with white space around
    it; the failure names the form to use, such as C(alice) for C(Alice).
"""
