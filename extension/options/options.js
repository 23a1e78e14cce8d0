// @ts-check
const HELPDESKS = ["demo", "zendesk", "intercom", "freshdesk", "chatwoot", "generic"];
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const G = ["message", "customer", "text", "replyBox", "send"];

async function load() {
  const s = await chrome.storage.local.get(["backendUrl", "token", "agentLanguage", "enabled", "generic"]);
  $("backendUrl").value = s.backendUrl || "http://127.0.0.1:8000";
  $("token").value = s.token || "";
  $("agentLanguage").value = s.agentLanguage || "en";
  const enabled = s.enabled || {};
  for (const name of HELPDESKS) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "enabled-" + name;
    box.checked = enabled[name] !== false;
    label.append(box, document.createTextNode(name));
    document.getElementById("enabled")?.append(label);
  }
  const g = s.generic || {};
  $("g-hosts").value = (g.hosts || []).join("\n");
  for (const k of G) $("g-" + k).value = g[k] || "";
}

async function save() {
  const hosts = $("g-hosts").value.split("\n").map((h) => h.trim()).filter(Boolean);
  const origins = [$("backendUrl").value, ...hosts].map((u) => { try { return new URL(u).origin + "/*"; } catch { return null; } })
    .filter((o) => o && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(o));
  // Narrow permissions: ask only for the backend and the generic pages the agent named.
  if (origins.length && !(await chrome.permissions.request({ origins: /** @type {string[]} */ (origins) }))) {
    $("status").textContent = "Permission refused: Tactful cannot reach those sites.";
    return;
  }
  const generic = { hosts, ...Object.fromEntries(G.map((k) => [k, $("g-" + k).value.trim()])) };
  await chrome.storage.local.set({
    backendUrl: $("backendUrl").value.trim() || "http://127.0.0.1:8000",
    token: $("token").value.trim(),
    agentLanguage: $("agentLanguage").value.trim() || "en",
    enabled: Object.fromEntries(HELPDESKS.map((n) => [n, $("enabled-" + n).checked])),
    generic,
  });
  $("status").textContent = "Saved.";
}

async function test() {
  try {
    const r = await fetch($("backendUrl").value.replace(/\/$/, "") + "/api/v1/me", { headers: { Authorization: "Bearer " + $("token").value } });
    const body = await r.json();
    $("status").textContent = r.ok ? `Connected as ${body.role}.` : `Refused: ${body.detail}`;
  } catch (e) {
    $("status").textContent = "Backend unreachable: " + e;
  }
}

document.getElementById("save")?.addEventListener("click", save);
document.getElementById("test")?.addEventListener("click", test);
load();
