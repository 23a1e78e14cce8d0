// @ts-check
// The only code that calls the Tactful backend. Content scripts talk to it by message type
// (named by direction: cs-bg-*) or, for streamed suggestions, over a port named "cs-bg-suggest".

/** @typedef {{backendUrl: string, token: string, enabled: Record<string, boolean>, agentLanguage: string}} Config */

const DEFAULTS = /** @type {Config} */ ({
  backendUrl: "http://127.0.0.1:8000",
  token: "",
  enabled: { demo: true, zendesk: true, intercom: true, freshdesk: true, chatwoot: true, generic: true },
  agentLanguage: "en",
});

/** @returns {Promise<Config>} */
async function config() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored, enabled: { ...DEFAULTS.enabled, ...(stored.enabled || {}) } };
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

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== "cs-bg-suggest") return;
  const abort = new AbortController();
  port.onDisconnect.addListener(() => abort.abort()); // the tab went away: stop the request and the model
  port.onMessage.addListener(async (request) => {
    const cfg = await config();
    if (!cfg.token) return port.postMessage({ event: "error", data: { code: "no-token", detail: "Set your agent token in Tactful's options." } });
    try {
      const response = await fetch(cfg.backendUrl.replace(/\/$/, "") + "/api/v1/suggestions", {
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
  } else if (message.type === "cs-bg-config") {
    config().then((cfg) => reply({ enabled: cfg.enabled, configured: Boolean(cfg.token), agentLanguage: cfg.agentLanguage }));
  } else if (message.type === "cs-bg-summary") {
    config().then((cfg) => summarise(cfg, message.request)).then(reply);
  } else {
    reply({ ok: false, error: "unknown message " + message.type });
  }
  return true; // the reply is asynchronous
});

async function summarise(cfg, request) {
  if (!cfg.token) return { ok: false, code: "no-token", detail: "Set your agent token in Tactful's options." };
  try {
    const r = await fetch(cfg.backendUrl.replace(/\/$/, "") + "/api/v1/conversations/summary", {
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
    const url = cfg.backendUrl.replace(/\/$/, "") + `/api/v1/suggestions/${encodeURIComponent(message.suggestionId)}/events`;
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

// The generic adapter runs on hosts the agent granted in the options page.
async function registerGeneric() {
  const { generic } = await chrome.storage.local.get("generic");
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: ["tactful-generic"] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: ["tactful-generic"] });
  if (!generic || !generic.hosts || !generic.hosts.length) return;
  const matches = generic.hosts.map((h) => h.replace(/\/?$/, "/*"));
  await chrome.scripting.registerContentScripts([{
    id: "tactful-generic", matches, runAt: "document_idle",
    js: ["core/dom.js", "core/panel.js", "adapters/generic.js", "core/main.js"],
  }]);
}
chrome.runtime.onInstalled.addListener(registerGeneric);
chrome.storage.onChanged.addListener((changes) => { if (changes.generic) registerGeneric(); });
