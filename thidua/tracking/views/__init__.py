"""Tracking pages, one module a part: `reports` (dashboards, assignments, the report cycle), `excel`
(a unit's workbook out and in), `unit_plans` (the units' own plans under an agency's plan)."""
