// @ts-check
// Content core: picks the adapter for this page, watches the conversation, asks the background worker for
// drafts when a new customer message arrives, and reports what the agent does with them. Never sends.
(async () => {
  if (globalThis.__tactfulStarted) return;
  globalThis.__tactfulStarted = true;

  const stored = await chrome.storage.local.get(["generic", "enabled"]);
  const generic = Tactful.adapters.find((a) => a.name === "generic");
  if (generic) generic.config = stored.generic || null;
  const enabled = { demo: true, zendesk: true, intercom: true, freshdesk: true, chatwoot: true, generic: true, ...(stored.enabled || {}) };
  const adapter = Tactful.adapters.find((a) => enabled[a.name] !== false && a.matches(location));
  if (!adapter) return;

  const stop = new AbortController();
  let lastAsked = "";
  let override = "";
  /** @type {{id: string, drafts: {id: string, text: string}[]}|null} */
  let current = null;
  /** @type {{draftId: string, text: string}|null} */
  let inserted = null;
  /** @type {chrome.runtime.Port|null} */
  let port = null;

  const panel = Tactful.panel.create({
    onInsert: (i) => insert(i),
    onCopy: (i) => current && navigator.clipboard.writeText(current.drafts[i]?.text || ""),
    onDismiss: () => { report({ type: "dismissed" }); panel.status("idle", "Dismissed. New drafts come with the next customer message."); },
    onOverride: (tag) => { override = tag; lastAsked = ""; check(); },
    onSummary: (language) => summarise(language),
  });
  chrome.runtime.sendMessage({ type: "cs-bg-config" }).then((cfg) => cfg?.agentLanguage && panel.agentLanguage(cfg.agentLanguage));

  const place = () => panel.place(adapter.replyBox(document));
  place();
  window.addEventListener("resize", place, { signal: stop.signal });

  function report(event) {
    if (!current) return;
    chrome.runtime.sendMessage({ type: "cs-bg-event", suggestionId: current.id, event });
  }

  function insert(i) {
    const draft = current?.drafts[i];
    const box = adapter.replyBox(document);
    if (!draft || !box) return;
    Tactful.dom.insert(box, draft.text);
    inserted = { draftId: draft.id, text: draft.text };
    report({ type: "inserted", draft_id: draft.id });
  }

  function request(conversation) {
    return {
      conversation_id: conversation.conversationId,
      messages: conversation.messages.slice(-50),
      customer: conversation.customer && (conversation.customer.locale || conversation.customer.name)
        ? { locale: conversation.customer.locale || undefined, name: conversation.customer.name || undefined } : undefined,
      language_override: override || undefined,
    };
  }

  async function summarise(language) {
    const conversation = adapter.read(document);
    if (!conversation.messages.some((m) => m.role === "customer")) return panel.summary("No customer message to summarise yet.", true);
    panel.summary("Summarising…");
    const answer = await chrome.runtime.sendMessage({ type: "cs-bg-summary", request: { ...request(conversation), recipient: { language } } });
    if (answer?.ok) panel.summary(answer.summary.text);
    else panel.summary(`Tactful could not summarise (${answer?.code || "error"}): ${answer?.detail || ""}`, true);
  }

  function ask(conversation) {
    port?.disconnect(); // a newer message supersedes the request in flight
    port = chrome.runtime.connect({ name: "cs-bg-suggest" });
    current = null;
    panel.status("loading", "Reading the conversation…");
    port.onMessage.addListener(({ event, data }) => {
      if (event === "meta") panel.meta(data);
      else if (event === "delta") panel.delta(data.draft, data.text);
      else if (event === "done") {
        current = { id: data.id, drafts: data.drafts };
        panel.result(data);
        document.documentElement.dataset.tactfulSuggestion = data.id; // lets tests and tools find the record
      } else if (event === "error") {
        const text = { "no-token": "No agent token: open Tactful's options and paste it.",
                       "backend-down": "Tactful's backend is unreachable. Is it running?",
                       unauthorized: "The agent token was refused: check it in Tactful's options." }[data.code]
          || `Tactful could not draft (${data.code}): ${data.detail}`;
        panel.status(data.code === "no-token" || data.code === "backend-down" ? data.code : "error", text);
      }
    });
    port.postMessage(request(conversation));
  }

  /** An agent message that appeared after an insert is the draft leaving the reply box. */
  function noticeSent(messages) {
    if (!inserted) return;
    const last = messages[messages.length - 1];
    if (!last || last.role !== "agent") return;
    if (last.text.trim() !== inserted.text.trim()) {
      report({ type: "edited", draft_id: inserted.draftId, final_text: last.text });
    }
    report({ type: "sent", draft_id: inserted.draftId, final_text: last.text });
    inserted = null;
  }

  function check() {
    const conversation = adapter.read(document);
    noticeSent(conversation.messages);
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.role !== "customer") return;
    const key = JSON.stringify([conversation.conversationId, conversation.messages.length, last.text, override]);
    if (key === lastAsked) return;
    lastAsked = key;
    ask(conversation);
  }

  let timer = 0;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(() => { place(); check(); }, 120); });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  stop.signal.addEventListener("abort", () => observer.disconnect());
  document.addEventListener("keydown", (e) => {
    if (e.altKey && ["1", "2", "3"].includes(e.key)) { e.preventDefault(); insert(Number(e.key) - 1); }
  }, { signal: stop.signal });
  window.addEventListener("pagehide", () => { port?.disconnect(); stop.abort(); }, { signal: stop.signal });
  check();
})();
