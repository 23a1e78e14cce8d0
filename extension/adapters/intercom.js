// @ts-check
// Intercom inbox: conversation parts marked user or admin, and the ProseMirror composer.
Tactful.adapters.push({
  name: "intercom",
  selectors: {
    item: "[data-conversation-part], .conversation__part",
    text: "[data-part-body], .conversation__text",
    user: "[data-part-author-type='user'], .conversation__part--user",
    replyBox: "[data-composer] .ProseMirror[contenteditable='true'], .composer .ProseMirror[contenteditable='true']",
    send: "[data-composer-send-button], button.composer__send",
    name: "[data-conversation-user-name]",
    locale: "[data-user-attribute='browser_language'] [data-attribute-value]",
  },
  matches(loc) { return loc.hostname === "app.intercom.com" && /\/inbox\//.test(loc.pathname); },
  read(doc) {
    const s = this.selectors;
    return Tactful.dom.conversation(doc, s, /conversations?\/(\d+)/, "intercom-", (el) => el.matches(s.user));
  },
  replyBox(doc) { return doc.querySelector(this.selectors.replyBox); },
  sendButton(doc) { return doc.querySelector(this.selectors.send); },
});
