// The demo helpdesk: one conversation kept in sessionStorage; all text rendered as text, never HTML.
(() => {
  const $ = (id) => document.getElementById(id);
  const KEY = "tactful-demo";
  const state = JSON.parse(sessionStorage.getItem(KEY) || "null") || fresh();

  function fresh() {
    return { id: "demo-" + Math.random().toString(36).slice(2, 8), messages: [] };
  }
  function save() { sessionStorage.setItem(KEY, JSON.stringify(state)); }

  function render() {
    const agent = $("agent");
    agent.dataset.conversationId = state.id;
    agent.dataset.customerLocale = $("customer-locale").value;
    agent.dataset.customerName = $("customer-name").value;
    $("ticket-id").textContent = state.id;
    $("ticket-customer").textContent = $("customer-name").value;
    $("ticket-locale").textContent = $("customer-locale").value;
    const log = $("conversation");
    log.replaceChildren(...state.messages.map((m) => {
      const div = document.createElement("div");
      div.className = "message";
      div.dataset.role = m.role;
      const author = document.createElement("span");
      author.className = "author";
      author.textContent = m.role === "customer" ? $("customer-name").value : "Agent";
      const text = document.createElement("span");
      text.className = "message-text";
      text.textContent = m.text;
      div.append(author, text);
      return div;
    }));
    log.scrollTop = log.scrollHeight;
  }

  function add(role, text) {
    if (!text.trim()) return;
    state.messages.push({ role, text, sent_at: new Date().toISOString() });
    save();
    render();
  }

  $("customer-send").addEventListener("click", () => {
    add("customer", $("customer-text").value);
    $("customer-text").value = "";
  });
  $("customer-text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("customer-send").click(); }
  });
  // Like real helpdesks, the send button reacts to the reply box's input events only.
  $("reply").addEventListener("input", () => { $("send").disabled = !$("reply").value.trim(); });
  $("send").addEventListener("click", () => {
    add("agent", $("reply").value);
    $("reply").value = "";
    $("send").disabled = true;
  });
  $("reset").addEventListener("click", () => { Object.assign(state, fresh()); save(); render(); });
  for (const id of ["customer-name", "customer-locale"]) $(id).addEventListener("change", render);

  fetch("/demo/samples.json").then((r) => r.json()).then((samples) => {
    for (const s of samples) {
      const opt = document.createElement("option");
      opt.value = s.id;
      opt.textContent = s.id;
      $("sample").append(opt);
    }
    $("sample").addEventListener("change", () => {
      const s = samples.find((x) => x.id === $("sample").value);
      if (!s) return;
      Object.assign(state, fresh(), { messages: s.messages.map((m) => ({ ...m })) });
      if (s.customer.locale) $("customer-locale").value = s.customer.locale;
      $("customer-name").value = s.customer.name || "";
      save();
      render();
    });
  });
  render();
})();
