// @ts-check
// The only code that calls the Tactful backend. Content scripts talk to it by message type
// (named by direction: cs-bg-*) or, for streamed suggestions, over a port named "cs-bg-suggest".

/** @typedef {{backendUrl: string, token: string, enabled: Record<string, boolean>, agentLanguage: string}} Config */

/** The helpdesks whose selector data ships with the extension (adapters/<product>.json). */
const PRODUCTS = ["demo", "zendesk", "intercom", "freshdesk", "chatwoot", "django-helpdesk"];
const CONTENT_JS = ["core/dom.js", "core/adapter.js", "core/editors.js", "core/panel.js", "adapters/generic.js", "core/main.js"];

const DEFAULTS = /** @type {Config} */ ({
  backendUrl: "http://127.0.0.1:8000",
  token: "",
  enabled: { demo: true, zendesk: true, intercom: true, freshdesk: true, chatwoot: true, "django-helpdesk": true, generic: true },
  agentLanguage: "en",
});

/** @returns {Promise<Config>} */
async function config() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored, backendUrl: String(stored.backendUrl || DEFAULTS.backendUrl).trim().replace(/\/+$/, ""),
           enabled: { ...DEFAULTS.enabled, ...(stored.enabled || {}) } };
}

/** Bundled selector data, with what supervisors published on the backend in its place (fetched at most every 10 min). */
async function selectorData() {
  const bundled = await Promise.all(PRODUCTS.map(async (p) => (await fetch(chrome.runtime.getURL(`adapters/${p}.json`))).json()));
  const { pushed } = await chrome.storage.local.get("pushed");
  refreshPushed(pushed);
  const override = Object.fromEntries(((pushed && pushed.helpdesks) || []).map((d) => [d.product, d]));
  return [...bundled.map((d) => override[d.product] || d), ...Object.values(override).filter((d) => !PRODUCTS.includes(d.product))];
}

async function refreshPushed(pushed) {
  if (pushed && Date.now() - pushed.at < 10 * 60 * 1000) return;
  const cfg = await config();
  if (!cfg.token) return;
  try {
    const r = await fetch(cfg.backendUrl + "/api/v1/extension/helpdesks", { headers: { Authorization: "Bearer " + cfg.token } });
    if (r.ok) await chrome.storage.local.set({ pushed: { at: Date.now(), helpdesks: (await r.json()).helpdesks } });
  } catch { /* offline: the bundled data stands */ }
}

/** What a content script needs to start: selector data, which product a granted host runs, the agent's choices. */
async function setup(href) {
  const s = await chrome.storage.local.get(["helpdeskHosts", "generic", "panelPrefs"]);
  const cfg = await config();
  let origin = "";
  try { origin = new URL(href).origin; } catch { /* not a URL */ }
  const forced = ((s.helpdeskHosts || []).find((h) => h.origin === origin) || {}).product || null;
  const products = await selectorData();
  const product = forced || (products.find((d) => (d.hosts || []).some((p) => matchPattern(p, href))) || {}).product;
  return { products, forced, enabled: cfg.enabled, generic: s.generic || null, prefs: (s.panelPrefs || {})[product || "generic"] || {} };
}

/** Chrome match-pattern test for a URL, enough to find a product's saved panel preferences. */
function matchPattern(pattern, href) {
  const m = pattern.match(/^(\*|https?):\/\/([^/]*)(\/.*)?$/);
  if (!m) return false;
  try {
    const url = new URL(href);
    const host = m[2].startsWith("*.") ? m[2].slice(2) : m[2];
    return (m[1] === "*" || url.protocol === m[1] + ":") && (url.hostname === host || (m[2].startsWith("*.") && url.hostname.endsWith("." + host)));
  } catch {
    return false;
  }
}

/** A problem+json body or a network failure, as one shape the panel understands. */
async function failure(response) {
  try {
    const body = await response.json();
    return { code: body.code || "http-" + response.status, detail: body.detail || response.statusText };
  } catch {
    return { code: "http-" + response.status, detail: response.statusText };
  }
}

/** Reads a server-sent-event stream and calls onEvent for each event as soon as it is complete. */
async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let name = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data) onEvent(name, JSON.parse(data));
    }
  }
}

// Streams from the backend, one port per request: drafts, a composed reply, or translations as they are written.
const STREAMS = { "cs-bg-suggest": "/api/v1/suggestions", "cs-bg-compose-stream": "/api/v1/compose",
                  "cs-bg-translate-stream": "/api/v1/translate" };

chrome.runtime.onConnect.addListener((port) => {
  const path = STREAMS[port.name];
  if (!path) return;
  const abort = new AbortController();
  port.onDisconnect.addListener(() => abort.abort()); // the tab went away: stop the request and the model
  port.onMessage.addListener(async (request) => {
    const cfg = await config();
    if (!cfg.token) return port.postMessage({ event: "error", data: { code: "no-token", detail: "Set your agent token in Tactful's options." } });
    try {
      const response = await fetch(cfg.backendUrl + path, {
        method: "POST",
        signal: abort.signal,
        headers: { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: "Bearer " + cfg.token },
        body: JSON.stringify({ ...request, agent: { language: cfg.agentLanguage, ...(request.agent || {}) } }),
      });
      if (!response.ok || !response.body) return port.postMessage({ event: "error", data: await failure(response) });
      await readEvents(response.body, (event, data) => port.postMessage({ event, data }));
    } catch (e) {
      if (!abort.signal.aborted) port.postMessage({ event: "error", data: { code: "backend-down", detail: String(e) } });
    }
  });
});

// Events go out one at a time, in the order the agent produced them (edited before sent).
let eventQueue = Promise.resolve();

chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message.type === "cs-bg-event") {
    // Queued synchronously, so events keep the order the agent produced them in.
    const post = eventQueue.then(async () => postEvent(await config(), message));
    eventQueue = post.catch(() => undefined);
    post.then(reply);
  } else if (message.type === "cs-bg-setup") {
    setup(message.href).then(reply);
  } else if (message.type === "cs-bg-prefs") {
    chrome.storage.local.get("panelPrefs").then(({ panelPrefs }) => {
      const all = panelPrefs || {};
      all[message.product] = { ...(all[message.product] || {}), ...message.prefs };
      return chrome.storage.local.set({ panelPrefs: all });
    }).then(() => reply({ ok: true }));
  } else if (message.type === "cs-bg-probe") {
    // The latest self-test per helpdesk, for the options page.
    chrome.storage.local.get("probes").then(({ probes }) => chrome.storage.local.set({ probes: { ...(probes || {}), [message.probe.product]: message.probe } }))
      .then(() => reply({ ok: true }));
  } else if (message.type === "cs-bg-articles") {
    config().then((cfg) => call(cfg, "GET", "/api/v1/articles")).then((r) => reply(r.ok ? { ok: true, articles: r.body } : r));
  } else if (message.type === "cs-bg-correction") {
    config().then((cfg) => call(cfg, "POST", `/api/v1/suggestions/${encodeURIComponent(message.suggestionId)}/corrections`,
                                message.body)).then((r) => reply(r.ok ? { ok: true, correction: r.body } : r));
  } else if (message.type === "cs-bg-config") {
    config().then((cfg) => reply({ enabled: cfg.enabled, configured: Boolean(cfg.token), agentLanguage: cfg.agentLanguage }));
  } else if (message.type === "cs-bg-summary") {
    config().then((cfg) => summarise(cfg, message.request)).then(reply);
  } else {
    reply({ ok: false, error: "unknown message " + message.type });
  }
  return true; // the reply is asynchronous
});

/** One JSON call to the backend with the agent's token: {ok, body} or {ok: false, code, detail}. */
async function call(cfg, method, path, body) {
  if (!cfg.token) return { ok: false, code: "no-token", detail: "Set your agent token in Tactful's options." };
  try {
    const r = await fetch(cfg.backendUrl + path, {
      method, headers: { "Content-Type": "application/json", Authorization: "Bearer " + cfg.token },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return r.ok ? { ok: true, body: await r.json() } : { ok: false, ...(await failure(r)) };
  } catch (e) {
    return { ok: false, code: "backend-down", detail: String(e) };
  }
}

async function summarise(cfg, request) {
  if (!cfg.token) return { ok: false, code: "no-token", detail: "Set your agent token in Tactful's options." };
  try {
    const r = await fetch(cfg.backendUrl + "/api/v1/conversations/summary", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + cfg.token },
      body: JSON.stringify({ ...request, agent: { language: cfg.agentLanguage } }),
    });
    if (!r.ok) return { ok: false, ...(await failure(r)) };
    return { ok: true, summary: await r.json() };
  } catch (e) {
    return { ok: false, code: "backend-down", detail: String(e) };
  }
}

async function postEvent(cfg, message) {
  try {
    const url = cfg.backendUrl + `/api/v1/suggestions/${encodeURIComponent(message.suggestionId)}/events`;
    const r = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + cfg.token },
      body: JSON.stringify(message.event),
    });
    return { ok: r.ok, status: r.status };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

// Helpdesks on the agent's own hosts (self-hosted Chatwoot, a Zendesk host mapping, the generic adapter) run on
// the hosts the agent granted in the options page.
async function registerHosts() {
  const { generic, helpdeskHosts } = await chrome.storage.local.get(["generic", "helpdeskHosts"]);
  const ids = ["tactful-hosts", "tactful-hosts-bridge"];
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: existing.map((e) => e.id) });
  const patterns = [...((generic && generic.hosts) || []), ...(helpdeskHosts || []).map((h) => h.origin)]
    .map((h) => { try { const u = new URL(h.replace(/\*$/, "")); return u.origin + (u.pathname.replace(/\/?$/, "/") + "*"); } catch { return null; } })
    .filter(Boolean);
  if (!patterns.length) return;
  await chrome.scripting.registerContentScripts([
    { id: "tactful-hosts", matches: patterns, runAt: "document_idle", js: CONTENT_JS },
    { id: "tactful-hosts-bridge", matches: patterns, runAt: "document_idle", js: ["core/page_bridge.js"], world: "MAIN" },
  ]);
}
chrome.runtime.onInstalled.addListener(registerHosts);
chrome.storage.onChanged.addListener((changes) => { if (changes.generic || changes.helpdeskHosts) registerHosts(); });
