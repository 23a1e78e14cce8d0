// @ts-check
// Any other chat UI, described by CSS selectors in the options page (stored as `generic`).
Tactful.adapters.push({
  name: "generic",
  /** @type {{hosts: string[], message: string, customer: string, text: string, replyBox: string, send: string}|null} */
  config: null,
  matches(loc) {
    const c = this.config;
    return Boolean(c && c.message && c.replyBox && (c.hosts || []).some((h) => loc.href.startsWith(h.replace(/\*$/, ""))));
  },
  read(doc) {
    const c = /** @type {NonNullable<typeof this.config>} */ (this.config);
    return { messages: Tactful.dom.collect(doc, c.message, (el) => (c.customer && el.matches(c.customer) ? "customer" : "agent"), c.text || "") };
  },
  replyBox(doc) { return this.config ? doc.querySelector(this.config.replyBox) : null; },
  sendButton(doc) { return this.config && this.config.send ? doc.querySelector(this.config.send) : null; },
});
