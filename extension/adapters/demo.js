// @ts-check
// Tactful's own demo helpdesk (/demo on the backend).
Tactful.adapters.push({
  name: "demo",
  selectors: { root: "main[data-helpdesk='tactful-demo']", message: "#conversation .message", text: ".message-text",
               replyBox: "#reply", send: "#send" },
  matches(loc) {
    return /^\/demo\/?$/.test(loc.pathname) && Boolean(document.querySelector(this.selectors.root));
  },
  read(doc) {
    const root = /** @type {HTMLElement} */ (doc.querySelector(this.selectors.root));
    return {
      messages: Tactful.dom.collect(doc, this.selectors.message, (el) => el.dataset.role, this.selectors.text),
      conversationId: root?.dataset.conversationId,
      customer: { locale: root?.dataset.customerLocale, name: root?.dataset.customerName },
    };
  },
  replyBox(doc) { return doc.querySelector(this.selectors.replyBox); },
  sendButton(doc) { return doc.querySelector(this.selectors.send); },
});
