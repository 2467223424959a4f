"""Rewards pages, one module a part: `people` (the staff register, a person's record, eligibility),
`registrations`, `nominations` (bình xét) and `council` (meetings and the secret ballot).

Thin: check access, call one thing, redirect or render.
"""
