// @ts-check
// A helpdesk adapter built from selector data (adapters/<product>.json, or a supervisor's update from the
// backend): candidates in order, the first that matches wins. Reads only the active conversation, gives each
// message the role the product itself marks, and keeps notes, bots' and system lines out of the customer's turns.

/** @typedef {{css?: string, attr?: string, source?: string, checked?: string}} Candidate */
/** @typedef {{role: string, css: string, source?: string}} RoleRule */
/** @typedef {{product: string, label?: string, hosts: string[], any_host?: boolean, page?: string,
 *   conversation_id?: {path?: string, attr?: string, on?: string, prefix?: string},
 *   scope?: Candidate[], item: Candidate[], text?: Candidate[], message_id?: Candidate[], roles: RoleRule[],
 *   reply_box: Candidate[], open_reply?: Candidate[], send?: Candidate[], customer_name?: Candidate[],
 *   customer_locale?: Candidate[], newest_first?: Candidate[], sent_at?: Candidate[]}} SelectorData */
/** @typedef {{role: string, text: string, id: string}} ReadMessage */

var Tactful = globalThis.Tactful || (globalThis.Tactful = { adapters: [] });

/** Roles that take part in the conversation the customer sees; the rest (notes, system lines) stay out. */
Tactful.SENT_ROLES = { customer: "customer", agent: "agent", bot: "agent" };

/** Shown: laid out and not hidden by the product (open ticket tabs in the background are display:none). */
Tactful.visible = (el) => Boolean(el && el.isConnected && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");

/** A string hash, for messages the product gives no id of their own. */
Tactful.hash = (text) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
};

/** @param {SelectorData} data */
Tactful.adapterFrom = (data) => {
  /** Elements of the first candidate that matches anything under `root`. @param {ParentNode} root @param {Candidate[]|undefined} list */
  const all = (root, list) => {
    for (const c of list || []) {
      if (!c.css) continue;
      try {
        const found = Array.from(root.querySelectorAll(c.css));
        if (found.length) return { found, candidate: c };
      } catch { /* a bad selector in pushed data: try the next */ }
    }
    return { found: /** @type {Element[]} */ ([]), candidate: null };
  };
  /** @param {ParentNode} root @param {Candidate[]|undefined} list */
  const visibleFirst = (root, list) => {
    const { found } = all(root, list);
    return found.find((el) => Tactful.visible(el)) || null;
  };
  /** Text or attribute value of the first candidate found. @param {Document} doc @param {Candidate[]|undefined} list */
  const value = (doc, list) => {
    for (const c of list || []) {
      const el = c.css ? doc.querySelector(c.css) : null;
      const v = c.attr ? el?.getAttribute(c.attr) : el && Tactful.dom.text(el);
      if (v) return v;
    }
    return undefined;
  };
  const matches = (el, css) => {
    try { return el.matches(css) || Boolean(el.querySelector(css)); } catch { return false; }
  };

  return {
    name: data.product,
    data,
    /** @param {Location} loc */
    matches(loc) {
      const hostOk = data.any_host || data.hosts.some((p) => Tactful.urlMatches(p, loc.href));
      return hostOk && (!data.page || Boolean(document.querySelector(data.page)));
    },
    /** The active conversation's root: the visible scope candidate, else the whole document. @param {Document} doc */
    scope(doc) {
      return data.scope?.length ? visibleFirst(doc, data.scope) || (all(doc, data.scope).found.length ? null : doc) : doc;
    },
    /** @param {Document} doc */
    read(doc) {
      const root = this.scope(doc);
      /** @type {ReadMessage[]} */
      const messages = [];
      const seen = { customer: 0, unknown: 0, skipped: 0 };
      if (root) {
        for (const [i, el] of all(root, data.item).found.entries()) {
          const rule = data.roles.find((r) => matches(el, r.css));
          const role = rule ? Tactful.SENT_ROLES[rule.role] : undefined;
          if (!rule) seen.unknown++; // never guessed: an unknown author is not the agent
          if (!role) { seen.skipped++; continue; }
          const textEl = all(el, data.text).found[0] || el;
          const text = Tactful.dom.text(textEl);
          if (!text) continue;
          if (role === "customer") seen.customer++;
          const idAttr = (data.message_id || []).map((c) => c.attr && el.getAttribute(c.attr)).find(Boolean);
          // When the product shows it (a <time datetime>), the message's time: the KPIs' response and handle times.
          const when = (data.sent_at || []).map((c) => {
            const t = c.css ? el.querySelector(c.css) : null;
            return t && (c.attr ? t.getAttribute(c.attr) : t.textContent);
          }).find((v) => v && !Number.isNaN(Date.parse(v)));
          messages.push({ role, text, id: idAttr || `h${Tactful.hash(role + "\u0000" + text)}-${i}`,
                          ...(when ? { sent_at: new Date(Date.parse(when)).toISOString() } : {}) });
        }
      }
      if (all(doc, data.newest_first).found.length) messages.reverse(); // the product lists newest first
      return { messages, conversationId: this.conversationId(doc), seen,
               customer: { name: value(doc, data.customer_name), locale: value(doc, data.customer_locale) } };
    },
    /** @param {Document} doc */
    conversationId(doc) {
      const c = data.conversation_id || {};
      if (c.path) {
        const m = doc.location.pathname.match(new RegExp(c.path));
        if (m) return (c.prefix || "") + m[1];
      }
      if (c.attr) return doc.querySelector(c.on || "body")?.getAttribute(c.attr) || undefined;
      return undefined;
    },
    /** @param {Document} doc */
    replyBox(doc) {
      const root = this.scope(doc) || doc;
      return /** @type {HTMLElement|null} */ (visibleFirst(root, data.reply_box) || visibleFirst(doc, data.reply_box));
    },
    /** The button that opens the reply editor where it only exists after a click (Freshdesk). @param {Document} doc */
    openReply(doc) {
      return /** @type {HTMLElement|null} */ (visibleFirst(this.scope(doc) || doc, data.open_reply));
    },
    /** @param {Document} doc */
    sendButton(doc) {
      return /** @type {HTMLElement|null} */ (visibleFirst(this.scope(doc) || doc, data.send));
    },
    /** Self-test: which part of the page no longer matches, in words an agent understands. @param {Document} doc */
    probe(doc) {
      const root = this.scope(doc);
      const conversation = root ? this.read(doc) : null;
      const items = root ? all(root, data.item) : { found: [], candidate: null };
      const box = this.replyBox(doc);
      const checks = [
        { name: "conversation", ok: Boolean(root && items.found.length), selector: items.candidate?.css || "",
          problem: root ? "No messages found on this page: the helpdesk's layout may have changed." : "No open conversation found." },
        { name: "customer", ok: Boolean(conversation && conversation.seen.customer), selector: "",
          problem: conversation && conversation.seen.unknown
            ? `Tactful cannot tell who wrote ${conversation.seen.unknown} message(s): the author markers may have changed.`
            : "No customer message found yet." },
        { name: "reply box", ok: Boolean(box || this.openReply(doc)), selector: "",
          problem: "No reply box found: open the reply editor, or the helpdesk's layout may have changed." },
      ];
      return { product: data.product, ok: checks.every((c) => c.ok), checks };
    },
  };
};

/** Chrome match-pattern semantics, enough for adapters' host lists ("https://*.zendesk.com/agent/*"). */
Tactful.urlMatches = (pattern, href) => {
  const m = pattern.match(/^(\*|https?):\/\/([^/]*)(\/.*)?$/);
  if (!m) return false;
  let url;
  try { url = new URL(href); } catch { return false; }
  const [, scheme, host, path] = m;
  if (scheme !== "*" && url.protocol !== scheme + ":") return false;
  const esc = (t) => t.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const sub = host.startsWith("*.");  // "*.zendesk.com": the domain and any subdomain of it
  const hostRe = host === "*" ? /.*/ : new RegExp("^" + (sub ? "(?:[^.]+\\.)*" + esc(host.slice(2)) : esc(host)) + "$");
  if (!hostRe.test(host.includes(":") ? url.host : url.hostname)) return false; // a port only when the pattern names one
  const pathRe = new RegExp("^" + esc(path || "/*").replace(/\*/g, ".*") + "$");
  return pathRe.test(url.pathname + url.search);
};
