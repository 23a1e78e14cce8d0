// @ts-check
// DOM helpers shared by the content scripts.

/** @typedef {{role: "customer"|"agent", text: string, id?: string}} ChatMessage */
/** @typedef {{messages: ChatMessage[], conversationId?: string, customer?: {locale?: string, name?: string}}} Conversation */

var Tactful = globalThis.Tactful || (globalThis.Tactful = { adapters: [] });

Tactful.dom = {
  /** Visible text of an element, whitespace tidied. */
  text(el) {
    return el ? (el.innerText || el.textContent || "").replace(/\s+\n/g, "\n").trim() : "";
  },

  /** Text with all whitespace runs collapsed, for comparing what an editor holds with what was inserted. */
  flat(text) {
    return text.replace(/\s+/g, " ").trim();
  },
};
