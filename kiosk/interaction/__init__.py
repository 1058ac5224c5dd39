"""The visit and the visitor's input, as pure logic on an injected clock: the session (where
the visitor is, and their choices), the tap and key-repeat policy for tremor and weak hands,
switch scanning, and the idle timer that ends a visit nobody finishes.

Modules: ``session``, ``input_policy``, ``switch_scan`` and ``idle``.
"""

__all__ = ["idle", "input_policy", "session", "switch_scan"]
