// @ts-check
// Freshdesk ticket view: requester and agent conversation blocks, and the Froala reply editor.
Tactful.adapters.push({
  name: "freshdesk",
  selectors: {
    item: ".ticket-conversation .conversation, [data-test-conversation]",
    text: ".conversation__content, [data-test-conversation-body]",
    requester: ".conversation--requester, [data-test-conversation='requester']",
    replyBox: "#reply-editor .fr-element[contenteditable='true'], [data-test-reply-editor] textarea",
    send: "[data-test-id='send-button'], #reply-editor button.send",
    name: "[data-test-requester-name]",
    locale: "[data-test-requester-language]",
  },
  matches(loc) { return /\.freshdesk\.com$/.test(loc.hostname) && /\/tickets\/\d+/.test(loc.pathname); },
  read(doc) {
    const s = this.selectors;
    return Tactful.dom.conversation(doc, s, /tickets\/(\d+)/, "freshdesk-", (el) => el.matches(s.requester));
  },
  replyBox(doc) { return doc.querySelector(this.selectors.replyBox); },
  sendButton(doc) { return doc.querySelector(this.selectors.send); },
});
