"""Engagement pages: `internal` (behind the login: feedback, dialogues, enterprises, criteria and
results), `portal` (an enterprise's own home) and `public` (the published answers, no login; see
public_urls.py)."""
