// @ts-check
const HELPDESKS = ["demo", "zendesk", "intercom", "freshdesk", "chatwoot", "django-helpdesk", "generic"];
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const G = ["message", "customer", "text", "replyBox", "send"];

async function load() {
  const s = await chrome.storage.local.get(["backendUrl", "token", "agentLanguage", "enabled", "generic", "helpdeskHosts", "probes"]);
  $("hosts").value = (s.helpdeskHosts || []).map((h) => `${h.origin} ${h.product}`).join("\n");
  showProbes(s.probes || {});
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

/** Which part of each helpdesk page the extension could not find, from the panel's last self-test. */
function showProbes(probes) {
  const box = document.getElementById("probes");
  if (!box || !Object.keys(probes).length) return;
  box.replaceChildren();
  for (const p of Object.values(probes)) {
    const line = document.createElement("div");
    line.className = p.ok ? "ok" : "bad";
    line.textContent = `${p.product} (${p.url}, ${new Date(p.at).toLocaleString()}): ` +
      p.checks.map((c) => `${c.name} ${c.ok ? "found" : "NOT found"}${!c.ok ? " (" + c.problem + ")" : ""}`).join("; ");
    box.append(line);
  }
}

const PRODUCTS = ["chatwoot", "zendesk", "intercom", "freshdesk", "django-helpdesk"];

/** "https://support.example.com chatwoot" lines as {origin, product}; a bad line is reported, not dropped silently. */
function parseHosts(text) {
  const hosts = [];
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const [address, product] = line.split(/\s+/);
    let origin = "";
    try { origin = new URL(address).origin; } catch { throw new Error(`"${line}": not a web address`); }
    if (!PRODUCTS.includes(product)) throw new Error(`"${line}": the product must be one of ${PRODUCTS.join(", ")}`);
    hosts.push({ origin, product });
  }
  return hosts;
}

async function save() {
  let helpdeskHosts;
  try { helpdeskHosts = parseHosts($("hosts").value); } catch (e) { $("status").textContent = String(e.message); return; }
  const hosts = $("g-hosts").value.split("\n").map((h) => h.trim()).filter(Boolean);
  const origins = [$("backendUrl").value.trim(), ...hosts, ...helpdeskHosts.map((h) => h.origin)]
    .map((u) => { try { return new URL(u).origin + "/*"; } catch { return null; } })
    .filter((o) => o && !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(o));
  // Narrow permissions: ask only for the backend and the generic pages the agent named.
  if (origins.length && !(await chrome.permissions.request({ origins: /** @type {string[]} */ (origins) }))) {
    $("status").textContent = "Permission refused: Tactful cannot reach those sites.";
    return;
  }
  const generic = { hosts, ...Object.fromEntries(G.map((k) => [k, $("g-" + k).value.trim()])) };
  await chrome.storage.local.set({
    backendUrl: $("backendUrl").value.trim().replace(/\/+$/, "") || "http://127.0.0.1:8000",
    token: $("token").value.trim(),
    agentLanguage: $("agentLanguage").value.trim() || "en",
    enabled: Object.fromEntries(HELPDESKS.map((n) => [n, $("enabled-" + n).checked])),
    generic,
    helpdeskHosts,
  });
  $("status").textContent = "Saved.";
}

async function test() {
  try {
    const r = await fetch($("backendUrl").value.trim().replace(/\/+$/, "") + "/api/v1/me", { headers: { Authorization: "Bearer " + $("token").value } });
    const body = await r.json();
    $("status").textContent = r.ok ? `Connected as ${body.role}.` : `Refused: ${body.detail}`;
  } catch (e) {
    $("status").textContent = "Backend unreachable: " + e;
  }
}

document.getElementById("save")?.addEventListener("click", save);
document.getElementById("test")?.addEventListener("click", test);
load();
