// @ts-check
// The suggestion panel, in a closed-off shadow root: the page's CSS cannot reach it and it cannot leak out.
// Everything is rendered with textContent: customer or model text can never become markup.

const PANEL_CSS = `
:host { all: initial; }
/* Docked at the right edge, full height; the page is narrowed by the same width (dock()), so nothing is covered. */
.panel { position: fixed; right: 0; top: 0; bottom: 0; width: var(--tactful-width, 360px); overflow: auto; z-index: 2147483646;
  font: 13px/1.45 system-ui, sans-serif; color: #1d2330; background: #fff; border-left: 1px solid #cfd5e1;
  box-shadow: -4px 0 18px rgba(20, 30, 60, .10); box-sizing: border-box; }
.panel.collapsed { width: 34px; overflow: hidden; }
.panel.collapsed > :not(header), .panel.collapsed header > :not(.hide) { display: none; }
.panel.collapsed header { flex-direction: column; padding: 8px 4px; border: 0; }
.grip { position: fixed; top: 0; bottom: 0; width: 6px; cursor: ew-resize; z-index: 2147483647; right: calc(var(--tactful-width, 360px) - 3px); }
.panel.collapsed + .grip { display: none; }
.badge { display: none; background: #2f5bea; color: #fff; border-radius: 8px; font-size: 11px; padding: 0 6px; }
.panel.collapsed.fresh .badge { display: inline-block; writing-mode: vertical-rl; padding: 6px 0; }
.toolbar { display: flex; gap: 6px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #f0f2f6; font-size: 12px; position: sticky; top: 41px; background: #fff; z-index: 1; }
.toolbar .grow { flex: 1; }
.notice { padding: 6px 12px; font-size: 12px; color: #1d4ed8; background: #eef2ff; }
header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e4e8ef; position: sticky; top: 0; background: #fff; z-index: 2; }
header strong { flex: 1; }
.lang { font-size: 12px; background: #eef2ff; border-radius: 10px; padding: 1px 8px; }
select, button { font: inherit; }
button { border: 1px solid #c4cad6; background: #fff; border-radius: 6px; padding: 3px 9px; cursor: pointer; }
button.primary { background: #2f5bea; border-color: #2f5bea; color: #fff; }
.status { padding: 8px 12px; color: #5b6473; }
.status[data-kind="error"], .status[data-kind="down"], .status[data-kind="no-token"] { color: #a3261b; background: #fff1ef; }
.status[data-kind="degraded"] { color: #7a5300; background: #fff8e5; }
.culture { padding: 6px 12px; font-size: 12px; color: #3d4555; border-bottom: 1px solid #f0f2f6; }
.culture ul { margin: 4px 0 0 16px; padding: 0; }
.draft { padding: 10px 12px; border-bottom: 1px solid #f0f2f6; }
.draft .label { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #5b6473; }
.draft .text { white-space: pre-wrap; margin: 4px 0; }
.draft .back { white-space: pre-wrap; color: #5b6473; font-size: 12px; border-left: 3px solid #e4e8ef; padding-left: 8px; margin: 4px 0; }
.draft .flag { font-size: 12px; color: #7a5300; background: #fff8e5; border-radius: 4px; padding: 2px 6px; margin: 2px 0; }
.draft .actions { display: flex; gap: 6px; margin-top: 6px; }
.draft .feedback { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; font-size: 11px; align-items: center; }
.draft .feedback button { font-size: 11px; padding: 1px 6px; color: #5b6473; }
.draft .feedback-note { color: #1d6b34; }
.compose { padding: 6px 12px; border-bottom: 1px solid #f0f2f6; font-size: 12px; }
.compose textarea { width: 100%; box-sizing: border-box; font: inherit; margin: 4px 0; }
.gists { padding: 6px 12px; border-bottom: 1px solid #f0f2f6; font-size: 12px; }
.gists .gist-label { font-size: 11px; color: #7a5300; text-transform: uppercase; letter-spacing: .04em; }
.gists .gist { margin: 2px 0; }
.gists .translation { color: #1d2330; border-left: 3px solid #c7d2fe; padding-left: 6px; margin-top: 2px; }
.gists .translate { font-size: 11px; padding: 0 6px; text-transform: none; letter-spacing: 0; }
.insight { display: flex; flex-wrap: wrap; gap: 4px; padding: 6px 12px; border-bottom: 1px solid #f0f2f6; font-size: 12px; }
.chip { border-radius: 10px; padding: 1px 8px; background: #f0f2f6; }
.chip[data-value="negative"], .chip[data-value="high"] { background: #fde8e6; color: #a3261b; }
.chip[data-value="positive"] { background: #e6f6ea; color: #1d6b34; }
.chip[data-value="medium"] { background: #fff4d6; color: #7a5300; }
.handoff { padding: 6px 12px 10px; border-top: 1px solid #f0f2f6; font-size: 12px; }
.handoff .summary { white-space: pre-wrap; background: #f7f8fb; border-radius: 6px; padding: 6px 8px; margin-top: 6px; }
.sources { padding: 6px 12px 10px; font-size: 12px; color: #3d4555; }
.sources li { margin: 2px 0; }
.hidden { display: none; }
`;

Tactful.panel = {
  /**
   * @param {{onInsert: (i: number) => void, onCopy: (i: number) => void, onDismiss: () => void, onOverride: (tag: string) => void,
   *   onSummary: (language: string) => void, onMode: (mode: string) => void, onResize: (width: number) => void,
   *   onCollapse: (collapsed: boolean) => void, onCorrect: (i: number, kind: string, articleId?: string) => Promise<string>,
   *   onArticles: () => Promise<{id: string, title: string}[]>, onCompose: (text: string) => void,
   *   onTranslate: () => void}} handlers
   * @param {{width?: number, collapsed?: boolean, mode?: string}} [saved] what this agent chose on this helpdesk
   */
  create(handlers, saved = {}) {
    const host = document.createElement("tactful-panel");
    const root = host.attachShadow({ mode: "open" });
    const el = (tag, cls, text) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const style = el("style");
    style.textContent = PANEL_CSS;
    const panel = el("section", "panel");
    panel.setAttribute("aria-label", "Tactful suggestions");
    const header = el("header");
    const title = el("strong", "", "Tactful");
    const lang = el("span", "lang", "…");
    const override = /** @type {HTMLSelectElement} */ (el("select"));
    override.title = "Customer's language: override";
    for (const tag of ["auto", "en", "de", "fr", "es", "es-MX", "pt-BR", "it", "ja", "ko", "zh-Hans", "zh-Hant"]) {
      const o = el("option", "", tag);
      /** @type {HTMLOptionElement} */ (o).value = tag === "auto" ? "" : tag;
      override.append(o);
    }
    override.addEventListener("change", () => handlers.onOverride(override.value));
    const hide = el("button", "hide", "›");
    hide.title = "Collapse";
    const badge = el("span", "badge", "new drafts");
    hide.append(badge);
    header.append(title, lang, override, hide);
    // Insert mode and Dismiss, always in view at the top of the panel.
    const toolbar = el("div", "toolbar");
    const mode = /** @type {HTMLSelectElement} */ (el("select"));
    mode.title = "Where a draft goes in the reply box";
    for (const [value, text] of [["cursor", "Insert at cursor"], ["all", "Replace reply"]]) {
      const o = /** @type {HTMLOptionElement} */ (el("option", "", text));
      o.value = value;
      mode.append(o);
    }
    mode.value = saved.mode === "all" ? "all" : "cursor";
    mode.addEventListener("change", () => handlers.onMode(mode.value));
    const dismiss = el("button", "dismiss", "Dismiss");
    dismiss.title = "None of these fits: hide them (recorded for QA)";
    dismiss.addEventListener("click", () => handlers.onDismiss());
    toolbar.append(mode, el("span", "grow"), dismiss);
    const status = el("div", "status", "Waiting for a customer message…");
    const notice = el("div", "notice hidden");
    const culture = el("div", "culture hidden");
    const insight = el("div", "insight hidden");
    const gists = el("div", "gists hidden");  // what the customer said, in the agent's language
    const drafts = el("div");
    const sources = el("div", "sources hidden");
    const handoff = el("div", "handoff");
    const summarise = el("button", "", "Handoff summary");
    const summaryLanguage = /** @type {HTMLSelectElement} */ (el("select"));
    summaryLanguage.title = "Language of the summary (the receiving colleague's)";
    for (const tag of ["en", "de", "fr", "es", "ja", "zh-Hans"]) {
      const o = /** @type {HTMLOptionElement} */ (el("option", "", tag));
      o.value = tag;
      summaryLanguage.append(o);
    }
    const summaryText = el("div", "summary hidden");
    summaryText.dir = "auto";
    // Compose: the agent writes in their own language; the reply comes back in the customer's (with a model).
    const composer = el("details", "compose");
    composer.append(el("summary", "", "Write in your language"));
    const composeText = /** @type {HTMLTextAreaElement} */ (el("textarea"));
    composeText.rows = 3;
    composeText.placeholder = "What you want to say, e.g. Sorry, we'll send a new one tomorrow.";
    const composeButton = el("button", "primary", "Compose reply");
    composeButton.addEventListener("click", () => composeText.value.trim() && handlers.onCompose(composeText.value.trim()));
    composer.append(composeText, composeButton);
    const copySummary = el("button", "copy-summary hidden", "Copy");
    copySummary.title = "Copy the summary to paste into the ticket";
    copySummary.addEventListener("click", () => {
      navigator.clipboard.writeText(summaryText.textContent || "").then(() => { copySummary.textContent = "Copied"; });
    });
    summarise.addEventListener("click", () => handlers.onSummary(summaryLanguage.value));
    handoff.append(summarise, " in ", summaryLanguage, " ", copySummary, summaryText);
    panel.append(header, toolbar, status, notice, culture, insight, gists, drafts, composer, sources, handoff);
    const grip = el("div", "grip");
    grip.title = "Drag to resize";
    root.append(style, panel, grip);
    document.body.append(host);

    // Docking: the page gets narrower by the panel's width instead of being covered.
    let width = Math.min(640, Math.max(280, saved.width || 360));
    let collapsed = Boolean(saved.collapsed);
    let shown = false; // only on a page that shows a conversation
    const html = document.documentElement;
    const dock = () => {
      host.style.display = shown ? "" : "none";
      if (!shown) {
        html.style.removeProperty("width");
        html.style.removeProperty("min-width");
        return;
      }
      const w = collapsed ? 34 : width;
      panel.style.setProperty("--tactful-width", w + "px");
      grip.style.setProperty("--tactful-width", w + "px");
      panel.classList.toggle("collapsed", collapsed);
      html.style.setProperty("width", `calc(100% - ${w}px)`, "important");
      html.style.setProperty("min-width", "0", "important");
      hide.firstChild.textContent = collapsed ? "‹" : "›";
      hide.title = collapsed ? "Show Tactful" : "Collapse";
    };
    dock();
    hide.addEventListener("click", () => {
      collapsed = !collapsed;
      if (!collapsed) panel.classList.remove("fresh");
      dock();
      handlers.onCollapse(collapsed);
    });
    grip.addEventListener("pointerdown", (down) => {
      grip.setPointerCapture(down.pointerId);
      const move = (e) => { width = Math.min(640, Math.max(280, window.innerWidth - e.clientX)); dock(); };
      grip.addEventListener("pointermove", move);
      grip.addEventListener("pointerup", () => { grip.removeEventListener("pointermove", move); handlers.onResize(width); }, { once: true });
    });
    // Buttons keep the focus (and the cursor) in the helpdesk's reply box.
    panel.addEventListener("mousedown", (e) => {
      if (/** @type {HTMLElement} */ (e.target).closest("button")) e.preventDefault();
    });

    /** @type {{text: HTMLElement, back: HTMLElement}[]} */
    let cards = [];

    const card = (i, label) => {
      const c = el("div", "draft");
      const text = el("div", "text");
      const back = el("div", "back");
      text.dir = "auto"; // Arabic, Hebrew, Persian drafts run right to left; each block finds its own direction
      back.dir = "auto";
      const flags = el("div");
      const actions = el("div", "actions");
      const insert = el("button", "primary", `Insert (Alt+${i + 1})`);
      insert.addEventListener("click", () => handlers.onInsert(i));
      const copy = el("button", "", "Copy");
      copy.addEventListener("click", () => handlers.onCopy(i));
      actions.append(insert, copy);
      // The agent's word on this draft, for QA and (wrong article) for the knowledge base.
      const feedback = el("div", "feedback");
      const note = el("span", "feedback-note");
      const picker = /** @type {HTMLSelectElement} */ (el("select", "article-picker hidden"));
      const send = el("button", "send-article hidden", "Send");
      const say = (kind, articleId) => Promise.resolve(handlers.onCorrect(i, kind, articleId)).then((answer) => {
        note.textContent = answer || "";
        picker.classList.add("hidden");
        send.classList.add("hidden");
      });
      for (const [kind, text] of [["good", "Good"], ["wrong_article", "Wrong article"], ["wrong_language", "Wrong language"],
                                  ["wrong_tone", "Wrong tone"]]) {
        const b = el("button", "fb", text);
        b.dataset.kind = kind;
        b.addEventListener("click", async () => {
          if (kind !== "wrong_article") return say(kind);
          const list = await handlers.onArticles();
          picker.replaceChildren(...[{ id: "", title: "Which article answers it?" }, ...list].map((a) => {
            const o = /** @type {HTMLOptionElement} */ (el("option", "", a.title));
            o.value = a.id;
            return o;
          }));
          picker.classList.remove("hidden");
          send.classList.remove("hidden");
        });
        feedback.append(b);
      }
      send.addEventListener("click", () => picker.value && say("wrong_article", picker.value));
      feedback.append(picker, send, note);
      c.append(el("div", "label", label), flags, text, back, actions, feedback);
      c.dataset.index = String(i);
      drafts.append(c);
      return { text, back, flags };
    };

    return {
      host,
      root,
      /** Shown (and docked) only where there is a conversation; hidden on lists, settings, log-in pages. */
      show(on) {
        if (on === shown) return;
        shown = on;
        dock();
      },
      /** @param {string} kind @param {string} text */
      status(kind, text) {
        status.dataset.kind = kind;
        status.textContent = text;
        status.classList.toggle("hidden", kind === "ready");
        if (kind !== "ready") panel.scrollTop = 0;
      },
      /** A one-line note at the top (the clipboard fallback, an undo hint); cleared by the next draft or reset. */
      notice(text) {
        notice.textContent = text || "";
        notice.classList.toggle("hidden", !text);
        if (text) panel.scrollTop = 0;
      },
      /** Another conversation, or dismissed: nothing of the previous drafts stays insertable. @param {string} text */
      reset(text, kind = "idle") {
        drafts.replaceChildren();
        cards = [];
        culture.classList.add("hidden");
        insight.classList.add("hidden");
        gists.classList.add("hidden");
        sources.classList.add("hidden");
        summaryText.classList.add("hidden");
        lang.textContent = "…";
        this.notice("");
        this.status(kind, text);
      },
      /** The language, culture and KB sources: known before any draft text. */
      meta(m) {
        lang.textContent = `${m.language.tag} · ${Math.round(m.language.confidence * 100)}%`;
        lang.title = "Basis: " + m.language.basis.join(", ");
        culture.replaceChildren(el("div", "", `${m.culture.profile} · ${m.culture.register} (${m.culture.address || ""})`));
        const notes = el("ul");
        for (const n of m.culture.notes.slice(0, 3)) notes.append(el("li", "", n));
        culture.append(notes);
        culture.classList.remove("hidden");
        this.insight(m.insight);
        gists.replaceChildren();
        for (const g of m.gists || []) {
          const row = el("div", "gist", g.text);
          row.title = g.label;
          row.dir = "auto";
          row.dataset.index = String(g.index);
          gists.append(row);
        }
        if (m.gists && m.gists.length) {
          const head = el("div", "gist-label", m.gists[0].label + " ");
          const translateButton = el("button", "translate", "Translate");
          translateButton.title = "The customer's messages in your language (needs a language model)";
          translateButton.addEventListener("click", () => handlers.onTranslate());
          head.append(translateButton);
          gists.prepend(head);
        }
        gists.classList.toggle("hidden", !(m.gists && m.gists.length));
        drafts.replaceChildren();
        cards = [];
        this.sources(m.sources);
        this.status("loading", "Drafting…");
      },
      /** Empties the drafts before a new set is written into them (a composed reply replaces the drafts). */
      clearDrafts() {
        drafts.replaceChildren();
        cards = [];
      },
      delta(i, text) {
        while (cards.length <= i) cards.push(card(cards.length, "Drafting…"));
        cards[i].text.textContent += text;
      },
      result(done) {
        drafts.replaceChildren();
        this.notice("");
        cards = done.drafts.map((d, i) => {
          const c = card(i, d.label || `Draft ${i + 1}`);
          c.text.textContent = d.text;
          c.back.textContent = d.back_translation;
          for (const f of d.flags || []) c.flags.append(el("div", "flag", "Check before sending: " + f));
          return c;
        });
        this.sources(done.sources);
        if (done.drafter.degraded) this.status("degraded", done.drafter.note);
        else this.status("ready", "");
        if (collapsed) panel.classList.add("fresh");
      },
      /** Intent, sentiment, urgency and the next complaint step, with the reasons as tooltips. */
      insight(i) {
        insight.replaceChildren();
        if (!i) return insight.classList.add("hidden");
        const chip = (kind, value, text, why) => {
          const c = el("span", "chip", text);
          c.dataset.kind = kind;
          c.dataset.value = value;
          if (why) c.title = why;
          insight.append(c);
        };
        chip("intent", i.intent, i.intent_label, `score ${i.intent_score}`);
        chip("sentiment", i.sentiment, i.sentiment, i.sentiment_reason);
        chip("urgency", i.urgency, `urgency: ${i.urgency}`, i.urgency_reason);
        if (i.complaint_step) chip("step", i.complaint_step, `next: ${i.complaint_step.replace("_", " ")}`,
          i.steps_taken.length ? "Already done: " + i.steps_taken.join(", ") : "Nothing done yet");
        insight.classList.remove("hidden");
      },
      /** @param {string} text @param {boolean} [failed] */
      summary(text, failed) {
        summaryText.textContent = text;
        summaryText.dataset.failed = failed ? "true" : "false";
        summaryText.classList.remove("hidden");
        copySummary.textContent = "Copy";
        copySummary.classList.toggle("hidden", Boolean(failed) || text.endsWith("…"));
      },
      /** The model's translations under the gists, each labelled as a translation. */
      translations(list) {
        for (const t of list) {
          const row = gists.querySelector(`.gist[data-index="${t.customer_index}"]`);
          if (!row) continue;
          row.querySelector(".translation")?.remove();
          const line = el("div", "translation", t.text);
          line.dir = "auto";
          line.title = "Translation by the language model";
          row.append(line);
        }
      },
      agentLanguage(tag) {
        if ([...summaryLanguage.options].some((o) => o.value === tag)) summaryLanguage.value = tag;
      },
      sources(list) {
        sources.replaceChildren(el("div", "", "Sources"));
        const ul = el("ul");
        for (const s of list.filter((x) => x.kind === "kb")) ul.append(el("li", "", s.title));
        sources.append(ul);
        sources.classList.toggle("hidden", !list.length);
      },
    };
  },
};
