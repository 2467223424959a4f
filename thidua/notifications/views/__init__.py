"""Notification pages, one module a part: `calendar` (the obligations' calendar), `inbox` (a
person's notifications), `feeds` (the private .ics feed and its settings)."""
