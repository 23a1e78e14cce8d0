// @ts-check
// Chatwoot dashboard: incoming messages on the left, outgoing on the right, textarea reply box.
Tactful.adapters.push({
  name: "chatwoot",
  selectors: {
    item: ".conversation-panel > li.left, .conversation-panel > li.right",
    text: ".message-text__wrap, .text-content",
    incoming: "li.left",
    replyBox: ".reply-box textarea.input, .reply-box [contenteditable='true']",
    send: ".reply-box button.send-button, [data-testid='send-button']",
    name: ".conversation-header .user--name",
    locale: "[data-contact-attribute='browser_language']",
  },
  matches(loc) { return /chatwoot/.test(loc.hostname) && /\/conversations\/\d+/.test(loc.pathname); },
  read(doc) {
    const s = this.selectors;
    return Tactful.dom.conversation(doc, s, /conversations\/(\d+)/, "chatwoot-", (el) => el.matches(s.incoming));
  },
  replyBox(doc) { return doc.querySelector(this.selectors.replyBox); },
  sendButton(doc) { return doc.querySelector(this.selectors.send); },
});
