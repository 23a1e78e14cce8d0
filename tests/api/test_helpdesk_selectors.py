"""Supervisors push updated helpdesk selector data; the extension reads the published copy."""

from __future__ import annotations

import json

from ..conftest import ROOT

BUNDLED = sorted((ROOT / "extension" / "adapters").glob("*.json"))


def test_every_bundled_adapter_is_valid_selector_data():
    from tactful.library.helpdesks import selector_errors

    assert len(BUNDLED) >= 5
    for path in BUNDLED:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert selector_errors(data) is None, path.name
        if data["product"] != "demo":  # every real product says where its selectors come from
            assert data["evidence"] and all(e["source"] and e["checked"] for e in data["evidence"])


def test_a_supervisor_publishes_selectors_and_agents_receive_them(live):
    data = json.loads((ROOT / "extension" / "adapters" / "intercom.json").read_text(encoding="utf-8"))
    data["item"].insert(0, {"css": "[data-part-group-id-v2]", "source": "seen 2026-12-02"})
    with live.client("supervisor") as sup, live.client("agent") as agent:
        before = agent.get("/api/v1/extension/helpdesks").json()["helpdesks"]
        assert "intercom" not in [h["product"] for h in before]
        saved = sup.post("/api/v1/library/helpdesk", json={"content": data, "publish": True})
        assert saved.status_code == 201, saved.text
        assert saved.json()["key"] == "helpdesk:intercom"
        got = {h["product"]: h for h in agent.get("/api/v1/extension/helpdesks").json()["helpdesks"]}
        assert got["intercom"]["item"][0]["css"] == "[data-part-group-id-v2]"
        # agents cannot push selectors; retiring brings the bundled file back
        assert agent.post("/api/v1/library/helpdesk", json={"content": data}).status_code == 403
        assert sup.post("/api/v1/library/items/helpdesk:intercom/retire").status_code == 204
        after = agent.get("/api/v1/extension/helpdesks").json()["helpdesks"]
        assert "intercom" not in [h["product"] for h in after]


def test_bad_selector_data_is_refused_with_the_field_named(live):
    sup = live.client("supervisor")
    client = sup
    bad = {
        "product": "zendesk",
        "hosts": ["https://*.zendesk.com/agent/*"],
        "item": [{"css": "article"}],
        "reply_box": [{"css": ".ck-editor__editable"}],
        "roles": [{"role": "author", "css": "[type=end-user]"}],
    }
    r = client.post("/api/v1/library/helpdesk", json={"content": bad})
    assert r.status_code == 422
    assert r.json()["code"] == "invalid-content"
    assert "roles.0.role" in r.json()["detail"]
    no_customer = {**bad, "roles": [{"role": "agent", "css": "[type=agent]"}]}
    r = client.post("/api/v1/library/helpdesk", json={"content": no_customer})
    assert "no rule marks the customer" in r.json()["detail"]
