// @ts-check
// Content core: picks the adapter for this page, watches the active conversation, asks the background worker
// for drafts when a new customer message arrives, and reports what the agent does with them. Never sends.
(async () => {
  if (globalThis.__tactfulStarted) return;
  globalThis.__tactfulStarted = true;

  /** @type {{products: any[], forced: string|null, enabled: Record<string, boolean>, generic: any, prefs: any}} */
  const setup = await chrome.runtime.sendMessage({ type: "cs-bg-setup", href: location.href });
  const candidates = setup.products.filter((d) => setup.enabled[d.product] !== false);
  if (setup.generic?.message && setup.generic?.replyBox && setup.enabled.generic !== false) candidates.push(Tactful.genericData(setup.generic));
  const adapters = candidates.map((d) => Tactful.adapterFrom(setup.forced === d.product ? { ...d, any_host: true } : d));
  const adapter = adapters.find((a) => a.matches(location));
  if (!adapter) return;

  const MAX_CHARS = 8000; // the backend's limit per message: a longer one is cut, never the end of drafting
  const stop = new AbortController();
  const prefs = setup.prefs || {};
  let lastAsked = "";
  let override = "";
  let shownFor = /** @type {string|undefined|null} */ (null); // the conversation the panel shows
  /** @type {{id: string, conversationId: string|undefined, drafts: {id: string, text: string}[]}|null} */
  let current = null;
  /** @type {{draftId: string, text: string, suggestionId: string, conversationId?: string, after?: string, at: number}|null} */
  let inserted = null;
  // Helpdesks that post the reply with a page load (django-helpdesk, classic ticket views) restart this script:
  // the inserted draft is remembered for the tab, so its sending is still seen.
  const KEPT = "tactful.inserted";
  const keep = (value) => (value ? sessionStorage.setItem(KEPT, JSON.stringify(value)) : sessionStorage.removeItem(KEPT));
  const kept = (conversationId) => {
    try {
      const v = JSON.parse(sessionStorage.getItem(KEPT) || "null");
      return v && v.conversationId === conversationId && Date.now() - v.at < 30 * 60 * 1000 ? v : null;
    } catch {
      return null;
    }
  };
  /** @type {chrome.runtime.Port|null} */
  let port = null;

  const savePrefs = (change) => chrome.runtime.sendMessage({ type: "cs-bg-prefs", product: adapter.name, prefs: change });
  const panel = Tactful.panel.create({
    onInsert: (i) => insert(i),
    onCopy: (i) => current && navigator.clipboard.writeText(current.drafts[i]?.text || ""),
    onDismiss: () => dismiss(),
    onOverride: (tag) => { override = tag; lastAsked = ""; check(); },
    onSummary: (language) => summarise(language),
    onMode: (mode) => { prefs.mode = mode; savePrefs({ mode }); },
    onResize: (width) => savePrefs({ width }),
    onCollapse: (collapsed) => savePrefs({ collapsed }),
    onCorrect: (i, kind, articleId) => correct(i, kind, articleId),
    onArticles: () => chrome.runtime.sendMessage({ type: "cs-bg-articles" }).then((r) => (r && r.ok ? r.articles : [])),
    onCompose: (text) => composeReply(text),
    onTranslate: () => translateCustomer(),
  }, prefs);

  /** Opens a stream to the backend (drafts, compose, translate) and hands each event to `on`, for the conversation
   *  it was asked for only: a stream still running when the agent moves on is cut and its events ignored. */
  function stream(name, body, on) {
    const asked = shownFor;
    const port = chrome.runtime.connect({ name });
    port.onMessage.addListener(({ event, data }) => {
      if (asked !== shownFor) return port.disconnect();
      on(event, data);
      if (event === "done" || event === "error") port.disconnect();
    });
    port.postMessage(body);
    return port;
  }

  /** The customer's messages in the agent's language under the gists, each shown as the model writes it. */
  function translateCustomer() {
    const conversation = adapter.read(document);
    const written = {};
    stream("cs-bg-translate-stream", { ...request(conversation), suggestion_id: current?.id }, (event, data) => {
      if (event === "delta") {
        written[data.customer_index] = (written[data.customer_index] || "") + data.text;
        panel.translations([{ customer_index: data.customer_index, text: written[data.customer_index] }]);
      } else if (event === "done") panel.translations(data.translations);
      else if (event === "error") {
        panel.notice(data.code === "model-required" ? "Translation needs a language model; the gist above is what Tactful can say without one."
                                                    : `Could not translate (${data.code || "error"}).`);
      }
    });
  }

  /** The agent's own words, turned by the model into the reply in the customer's language as it is written;
   *  insertable like a draft once it is done (and checked). */
  function composeReply(text) {
    const conversation = adapter.read(document);
    if (!conversation.messages.length) return panel.notice("Nothing to answer yet.");
    const asked = conversation.conversationId;
    current = null; // nothing to insert until the reply is whole and checked
    panel.status("loading", "Composing in the customer's language…");
    panel.clearDrafts();
    stream("cs-bg-compose-stream", { ...request(conversation), text }, (event, data) => {
      if (event === "delta") panel.delta(data.draft, data.text);
      else if (event === "done") {
        current = { id: data.id, conversationId: asked, drafts: data.drafts };
        panel.result(data);
      } else if (event === "error") {
        panel.status("ready", "");
        panel.notice(data.code === "model-required" && !data.detail?.includes("could not") ? "Compose needs a language model: ask your admin to configure one."
                                                    : `Could not compose (${data.code || "error"}): ${data.detail || ""}`);
      }
    });
  }

  /** The agent's word on a draft: good, wrong article (with the right one), wrong language, wrong tone. */
  async function correct(i, kind, articleId) {
    const draft = current?.drafts[i];
    if (!current || !draft) return "";
    const answer = await chrome.runtime.sendMessage({ type: "cs-bg-correction", suggestionId: current.id,
                                                      body: { kind, draft_id: draft.id, article_id: articleId || undefined } });
    if (!answer?.ok) return `Not sent (${answer?.code || "error"}).`;
    return answer.correction.status === "proposed" ? "Thanks: sent to your supervisor for the knowledge base." : "Thanks, noted.";
  }
  chrome.runtime.sendMessage({ type: "cs-bg-config" }).then((cfg) => cfg?.agentLanguage && panel.agentLanguage(cfg.agentLanguage));

  function report(event, suggestionId = current?.id) {
    if (!suggestionId) return;
    chrome.runtime.sendMessage({ type: "cs-bg-event", suggestionId, event });
  }

  function dismiss() {
    if (!current) return;
    report({ type: "dismissed" });
    current = null; // nothing stays insertable
    panel.reset("Dismissed. New drafts come with the next customer message.");
  }

  const wait = async (get, ms) => {
    for (let t = 0; t < ms; t += 50) {
      const found = get();
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  };

  async function insert(i) {
    const draft = current?.drafts[i];
    if (!current || !draft) return;
    const mode = prefs.mode === "all" ? "all" : "cursor"; // as chosen when the agent asked
    if (adapter.conversationId(document) !== current.conversationId) {
      panel.reset("These drafts were for another conversation; new ones are on their way.", "error");
      current = null;
      lastAsked = "";
      return check();
    }
    let box = adapter.replyBox(document);
    if (!box) adapter.openReply(document)?.click();
    box = box || (await wait(() => adapter.replyBox(document), 3000));
    const result = box ? await Tactful.editors.insert(box, draft.text, mode) : null;
    if (!result?.ok) {
      await navigator.clipboard.writeText(draft.text).catch(() => undefined);
      panel.notice(box ? "The reply box did not take the draft. It is on your clipboard: click into the reply and press Ctrl+V."
                       : "No reply box found. The draft is on your clipboard: open the reply and press Ctrl+V.");
    } else {
      panel.notice(result.before.trim() && mode === "all" ? "Your text was replaced: Ctrl+Z brings it back." : "");
    }
    // Chosen either way (pasted from the clipboard or inserted): its sending is watched like an insert.
    const now = adapter.read(document).messages;
    inserted = { draftId: draft.id, text: draft.text, suggestionId: current.id, conversationId: current.conversationId,
                 after: now[now.length - 1]?.id, at: Date.now() };
    keep(inserted);
    report({ type: "inserted", draft_id: draft.id });
  }

  function request(conversation) {
    return {
      conversation_id: conversation.conversationId,
      messages: conversation.messages.slice(-50).map((m) => ({
        role: m.role, text: m.text.length > MAX_CHARS ? m.text.slice(0, MAX_CHARS - 1) + "…" : m.text,
        ...(m.sent_at ? { sent_at: m.sent_at } : {}) })),
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
    const asked = conversation.conversationId;
    current = null;
    panel.status("loading", "Reading the conversation…");
    port.onMessage.addListener(({ event, data }) => {
      if (asked !== shownFor) return; // the agent moved on to another conversation
      if (event === "meta") panel.meta(data);
      else if (event === "delta") panel.delta(data.draft, data.text);
      else if (event === "done") {
        current = { id: data.id, conversationId: asked, drafts: data.drafts };
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
    if (!last || last.role !== "agent" || last.id === inserted.after) return; // a new agent message only
    if (last.text.trim() !== inserted.text.trim()) {
      report({ type: "edited", draft_id: inserted.draftId, final_text: last.text }, inserted.suggestionId);
    }
    report({ type: "sent", draft_id: inserted.draftId, final_text: last.text }, inserted.suggestionId);
    inserted = null;
    keep(null);
  }

  let lastProbe = "";
  function selfTest() {
    const probe = adapter.probe(document);
    const key = JSON.stringify(probe);
    if (key !== lastProbe) {
      lastProbe = key;
      chrome.runtime.sendMessage({ type: "cs-bg-probe", probe: { ...probe, url: location.origin + location.pathname, at: Date.now() } });
    }
    return probe;
  }

  function check() {
    const conversation = adapter.read(document);
    const onConversation = Boolean(conversation.conversationId || conversation.messages.length || adapter.replyBox(document));
    panel.show(onConversation);
    if (!onConversation) return;
    if (conversation.conversationId !== shownFor) {
      // Another ticket or conversation: nothing of the previous one stays on screen or insertable.
      port?.disconnect();
      port = null;
      current = null;
      inserted = null;
      lastAsked = "";
      shownFor = conversation.conversationId;
      inserted = kept(shownFor);
      panel.reset("Waiting for a customer message…");
    }
    noticeSent(conversation.messages);
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.role !== "customer") {
      const probe = selfTest();
      const failed = probe.checks.find((c) => !c.ok && c.name !== "customer");
      if (!current && failed) panel.status("selftest", failed.problem);
      return;
    }
    const key = JSON.stringify([conversation.conversationId, last.id, last.text.length, override]);
    if (key === lastAsked) return;
    lastAsked = key;
    selfTest();
    ask(conversation);
  }

  let timer = 0;
  const observer = new MutationObserver((records) => {
    if (records.every((r) => panel.host.contains(r.target))) return; // our own panel changing
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  stop.signal.addEventListener("abort", () => observer.disconnect());
  // Single-page helpdesks change the conversation without a load.
  window.addEventListener("popstate", () => check(), { signal: stop.signal });
  document.addEventListener("keydown", (e) => {
    if (e.altKey && ["1", "2", "3"].includes(e.key)) { e.preventDefault(); insert(Number(e.key) - 1); }
  }, { signal: stop.signal });
  window.addEventListener("pagehide", () => { port?.disconnect(); stop.abort(); }, { signal: stop.signal });
  check();
})();
