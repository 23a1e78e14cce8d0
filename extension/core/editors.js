// @ts-check
// Puts a draft into the helpdesk's reply box through that editor's own pipeline, then reads it back:
//   textarea / input   execCommand("insertText") (native undo, React sees a real input event); value setter as fallback
//   ProseMirror        a paste event carrying text/plain and text/html (Chatwoot, Intercom); insertText as fallback
//   CKEditor 5, Froala through the editor instance, from the page's world (core/page_bridge.js)
// If the editor did not take the text, the caller copies it to the clipboard and tells the agent to paste.
// `mode`: "cursor" inserts at the cursor (replacing a selection); "all" replaces the whole reply. Either way the
// agent's own text is one Ctrl+Z away.

var Tactful = globalThis.Tactful || (globalThis.Tactful = { adapters: [] });

Tactful.editors = {
  /** @param {HTMLElement} box */
  kind(box) {
    if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) return "textarea";
    if (box.classList.contains("ck-editor__editable")) return "ckeditor5";
    if (box.classList.contains("fr-element")) return "froala";
    if (box.classList.contains("ProseMirror")) return "prosemirror";
    return "contenteditable";
  },

  /** Paragraph HTML for a plain-text draft, every character escaped. @param {string} text */
  html(text) {
    const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return text.split("\n").map((line) => `<p>${line ? esc(line) : "<br>"}</p>`).join("");
  },

  /** @param {HTMLElement} box */
  value(box) {
    return box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement ? box.value : Tactful.dom.text(box);
  },

  /** The draft is in the box (editors may normalise whitespace and line breaks). @param {HTMLElement} box @param {string} text */
  holds(box, text) {
    return Tactful.dom.flat(Tactful.editors.value(box)).includes(Tactful.dom.flat(text));
  },

  /**
   * @param {HTMLElement} box @param {string} text @param {"cursor"|"all"} mode
   * @returns {Promise<{ok: boolean, method: string, before: string}>}
   */
  async insert(box, text, mode) {
    const before = Tactful.editors.value(box);
    const kind = Tactful.editors.kind(box);
    const tick = () => new Promise((r) => setTimeout(r, 30));
    let method = kind;
    const focused = box === document.activeElement || box.contains(document.activeElement);
    box.focus();
    // A focused editor restores its own selection a moment after focus (ProseMirror after 20 ms): let it, first.
    if (!focused && kind !== "textarea") await new Promise((r) => setTimeout(r, 60));
    if (kind === "textarea") {
      const input = /** @type {HTMLTextAreaElement} */ (box);
      if (mode === "all") input.select();
      if (!document.execCommand("insertText", false, text) || !Tactful.editors.holds(box, text)) {
        method = "value setter";
        const start = mode === "all" ? 0 : input.selectionStart ?? input.value.length;
        const end = mode === "all" ? input.value.length : input.selectionEnd ?? start;
        const next = input.value.slice(0, start) + text + input.value.slice(end);
        const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(input, next);
        input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return { ok: Tactful.editors.holds(box, text), method, before };
    }
    if (kind === "ckeditor5" || kind === "froala") {
      box.removeAttribute("data-tactful-inserted");
      box.dispatchEvent(new CustomEvent("tactful:insert", { bubbles: true, detail: JSON.stringify({ html: Tactful.editors.html(text), mode }) }));
      method = box.getAttribute("data-tactful-inserted") || "no bridge";
      await tick();
      // The editor took it through its API: never paste a second copy, even if it normalised the text.
      if (method === kind) return { ok: Tactful.editors.holds(box, text), method, before };
    }
    // ProseMirror (and the fallback for the others): the editor's own paste handling.
    if (mode === "all") {
      const range = document.createRange();
      range.selectNodeContents(box);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      // Editors read the DOM selection on selectionchange, which the browser queues; announce it now.
      document.dispatchEvent(new Event("selectionchange"));
      await tick();
    }
    const data = new DataTransfer();
    data.setData("text/plain", text);
    data.setData("text/html", Tactful.editors.html(text));
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    await tick();
    if (Tactful.editors.holds(box, text)) return { ok: true, method: method === kind ? kind + " paste" : method + ", paste", before };
    // Last resort: typed-text commands, one paragraph per line.
    text.split("\n").forEach((line, i) => {
      if (i > 0) document.execCommand("insertParagraph");
      if (line) document.execCommand("insertText", false, line);
    });
    await tick();
    return { ok: Tactful.editors.holds(box, text), method: "insertText", before };
  },
};
