// @ts-check
// Runs in the page's own world (manifest "world": "MAIN"), where the editors' instances live: CKEditor 5 and
// Froala ignore DOM edits, so a draft goes in through their own APIs, as one undoable step. The content script
// asks with a "tactful:insert" event on the editable element (detail: JSON {html, mode}); the answer is written
// back on the element as data-tactful-inserted ("ckeditor5" | "froala" | "none"), synchronously.
(() => {
  if (globalThis.__tactfulBridge) return;
  globalThis.__tactfulBridge = true;

  /** @param {HTMLElement} el @param {{html: string, mode: string}} req */
  function ckeditor(el, req) {
    const editor = /** @type {any} */ (el).ckeditorInstance;
    if (!editor) return false;
    const content = editor.data.toModel(editor.data.processor.toView(req.html));
    editor.model.change((/** @type {any} */ writer) => {
      if (req.mode === "all") writer.setSelection(editor.model.document.getRoot(), "in");
      editor.model.insertContent(content);
    });
    editor.editing.view.focus();
    return true;
  }

  /** @param {HTMLElement} el @param {{html: string, mode: string}} req */
  function froala(el, req) {
    const instances = /** @type {any} */ (globalThis).FroalaEditor?.INSTANCES || [];
    const editor = instances.find((/** @type {any} */ i) => i.el === el);
    if (!editor) return false;
    editor.undo.saveStep();
    if (req.mode === "all") editor.html.set(req.html);
    else {
      editor.selection.restore();
      editor.html.insert(req.html, true);
    }
    editor.undo.saveStep();
    editor.events.trigger("contentChanged");
    return true;
  }

  document.addEventListener("tactful:insert", (event) => {
    const el = /** @type {HTMLElement} */ (event.target);
    let how = "none";
    try {
      const req = JSON.parse(String(/** @type {CustomEvent} */ (event).detail));
      if (ckeditor(el, req)) how = "ckeditor5";
      else if (froala(el, req)) how = "froala";
    } catch (e) {
      how = "error: " + String(e).slice(0, 200);
    }
    el.setAttribute("data-tactful-inserted", how);
  }, true);
})();
