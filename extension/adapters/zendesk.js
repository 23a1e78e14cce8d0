// @ts-check
// Zendesk Agent Workspace: the omnichannel conversation log and the CKEditor-based composer.
Tactful.adapters.push({
  name: "zendesk",
  selectors: {
    item: "[data-test-id='omni-log-comment-item']",
    text: "[data-test-id='omni-log-message-content']",
    endUser: "[data-test-id='omni-log-item-avatar-end-user'], [data-sender-type='end-user']",
    replyBox: "[data-test-id='omnicomposer-rich-text-ckeditor'] [contenteditable='true'], .ck-editor__editable[contenteditable='true']",
    send: "[data-test-id='submit_button-button']",
    name: "[data-test-id='ticket-system-field-requester-select'] [data-garden-id='typography.ellipsis'], [data-test-id='requester-name']",
    locale: "[data-test-id='requester-locale']",
  },
  matches(loc) { return /\.zendesk\.com$/.test(loc.hostname) && loc.pathname.startsWith("/agent/"); },
  read(doc) {
    const s = this.selectors;
    return Tactful.dom.conversation(doc, s, /tickets\/(\d+)/, "zendesk-",
      (el) => Boolean(el.querySelector(s.endUser) || el.matches(s.endUser)));
  },
  replyBox(doc) { return doc.querySelector(this.selectors.replyBox); },
  sendButton(doc) { return doc.querySelector(this.selectors.send); },
});
