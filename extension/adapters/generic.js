// @ts-check
// Any other chat UI, described by CSS selectors in the options page (stored as `generic`), as selector data.
var Tactful = globalThis.Tactful || (globalThis.Tactful = { adapters: [] });

/** @param {{hosts: string[], message: string, customer: string, text?: string, replyBox: string, send?: string}} c */
Tactful.genericData = (c) => ({
  product: "generic",
  label: "Configured chat page",
  hosts: (c.hosts || []).map((h) => h.replace(/\*?$/, "*")),
  item: [{ css: c.message, source: "options page" }],
  text: c.text ? [{ css: c.text, source: "options page" }] : [],
  // The agent named which messages are the customer's; the others on that page are the agent's.
  roles: [{ role: "customer", css: c.customer || ":not(*)" }, { role: "agent", css: c.message }],
  reply_box: [{ css: c.replyBox, source: "options page" }],
  send: c.send ? [{ css: c.send, source: "options page" }] : [],
});
