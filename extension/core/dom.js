// @ts-check
// DOM helpers shared by adapters: reading text, and inserting a draft the way a person typing would, so the
// helpdesk's own listeners (React, ProseMirror, CKEditor, Froala) see the change and enable their send button.

/** @typedef {{role: "customer"|"agent", text: string}} ChatMessage */
/** @typedef {{messages: ChatMessage[], conversationId?: string, customer?: {locale?: string, name?: string}}} Conversation */
/** @typedef {{name: string, matches: (loc: Location) => boolean, read: (doc: Document) => Conversation, replyBox: (doc: Document) => HTMLElement|null, sendButton?: (doc: Document) => HTMLElement|null}} Adapter */

var Tactful = globalThis.Tactful || (globalThis.Tactful = { adapters: /** @type {Adapter[]} */ ([]) });

Tactful.dom = {
  /** Visible text of an element, whitespace tidied. */
  text(el) {
    return el ? (el.innerText || el.textContent || "").replace(/\s+\n/g, "\n").trim() : "";
  },

  /** Messages from a list of elements, with a role function and an optional text selector. */
  collect(doc, itemSelector, roleOf, textSelector) {
    return Array.from(doc.querySelectorAll(itemSelector))
      .map((el) => ({ role: roleOf(el), text: Tactful.dom.text(textSelector ? el.querySelector(textSelector) : el) }))
      .filter((m) => m.role && m.text);
  },

  /**
   * A helpdesk conversation from selectors: `item` elements in order, `text` inside each, `isCustomer(el)` for
   * the role; the id from the URL path (`idPattern`, first group) and the customer's name and locale if shown.
   */
  conversation(doc, s, idPattern, prefix, isCustomer) {
    const id = doc.location.pathname.match(idPattern);
    return {
      messages: Tactful.dom.collect(doc, s.item, (el) => (isCustomer(el) ? "customer" : "agent"), s.text),
      conversationId: id ? prefix + id[1] : undefined,
      customer: { name: Tactful.dom.text(doc.querySelector(s.name)) || undefined,
                  locale: Tactful.dom.text(doc.querySelector(s.locale)) || undefined },
    };
  },

  /** Puts text into a textarea, input or contenteditable and fires the events editors listen to. */
  insert(box, text) {
    box.focus();
    if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
      // The prototype's setter, so frameworks that track the value (React) notice the change.
      const proto = box instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(box, text);
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    const doc = box.ownerDocument;
    const selection = doc.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(box);
    selection?.removeAllRanges();
    selection?.addRange(range);
    // execCommand goes through the editor's own input handling where it exists: one paragraph per line.
    let ok = true;
    text.split("\n").forEach((line, i) => {
      if (i > 0) ok = doc.execCommand("insertParagraph") && ok;
      if (line) ok = doc.execCommand("insertText", false, line) && ok;
    });
    if (!ok || Tactful.dom.flat(Tactful.dom.text(box)) !== Tactful.dom.flat(text)) {
      box.replaceChildren(...text.split("\n").map((line) => {
        const p = doc.createElement("p");
        p.textContent = line;
        return p;
      }));
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
    }
  },

  /** Text with all whitespace runs collapsed, for comparing what an editor holds with what was inserted. */
  flat(text) {
    return text.replace(/\s+/g, " ").trim();
  },

  /** Current text of a reply box. */
  value(box) {
    return box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement ? box.value : Tactful.dom.text(box);
  },
};
