"""Selector data for the browser extension's helpdesk adapters (`extension/adapters/<product>.json`).

Supervisors publish an updated copy as library kind `helpdesk` when a helpdesk changes its page; the
extension fetches the published ones (`GET /api/v1/extension/helpdesks`) and prefers them to its bundled
files, so a changed class name is fixed without a new extension release.
"""

from __future__ import annotations

import re
from typing import Any

ROLES = {"customer", "agent", "internal", "bot", "system"}
_PRODUCT = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_HOST = re.compile(r"^(\*|https?)://(\*|(\*\.)?[^/*]+)/.*$")
_CANDIDATE_LISTS = (
    "scope",
    "item",
    "text",
    "message_id",
    "reply_box",
    "open_reply",
    "send",
    "customer_name",
    "customer_locale",
    "newest_first",
    "sent_at",
)
_MAX_SELECTOR = 500


def selector_errors(content: dict[str, Any]) -> str | None:
    """The first problem with one product's selector data, naming the field, or None."""
    product = content.get("product")
    if not isinstance(product, str) or not _PRODUCT.match(product):
        return "field 'product': lowercase letters, digits and '-' (e.g. zendesk)"
    hosts = content.get("hosts")
    if not isinstance(hosts, list) or not all(isinstance(h, str) and _HOST.match(h) for h in hosts):
        return "field 'hosts': a list of URL match patterns (e.g. https://*.zendesk.com/agent/*)"
    for field in ("item", "reply_box"):
        if not content.get(field):
            return f"field '{field}' needs at least one candidate"
    for field in _CANDIDATE_LISTS:
        problem = _candidates_error(content.get(field, []), field)
        if problem:
            return problem
    roles = content.get("roles")
    if not isinstance(roles, list) or not roles:
        return "field 'roles' needs at least one rule"
    for i, rule in enumerate(roles):
        if not isinstance(rule, dict) or rule.get("role") not in ROLES:
            return f"field 'roles.{i}.role': one of {', '.join(sorted(ROLES))}"
        if not _selector_ok(rule.get("css")):
            return f"field 'roles.{i}.css': a CSS selector of at most {_MAX_SELECTOR} characters"
    if "customer" not in {r["role"] for r in roles}:
        return "field 'roles': no rule marks the customer's messages"
    return None


def _selector_ok(css: Any) -> bool:
    return isinstance(css, str) and 0 < len(css.strip()) <= _MAX_SELECTOR


def _candidates_error(candidates: Any, field: str) -> str | None:
    if not isinstance(candidates, list):
        return f"field '{field}': a list of candidates"
    for i, c in enumerate(candidates):
        if not isinstance(c, dict) or not (_selector_ok(c.get("css")) or isinstance(c.get("attr"), str)):
            return f"field '{field}.{i}': needs 'css' (a selector) or 'attr'"
    return None
