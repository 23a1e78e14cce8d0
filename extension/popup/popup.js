// @ts-check
// The toolbar popup: connection status, the last self-test of each helpdesk page, and a link to the options.
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function connection() {
  const s = await chrome.storage.local.get(["backendUrl", "token"]);
  const url = String(s.backendUrl || "http://127.0.0.1:8000").trim().replace(/\/+$/, "");
  if (!s.token) return { ok: false, text: "No agent token yet: open the options and paste yours." };
  try {
    const r = await fetch(url + "/api/v1/me", { headers: { Authorization: "Bearer " + s.token } });
    const body = await r.json();
    return r.ok ? { ok: true, text: `Connected to ${url} as ${body.label || body.role}.` } : { ok: false, text: `Refused: ${body.detail}` };
  } catch (e) {
    return { ok: false, text: `Backend ${url} unreachable.` };
  }
}

async function show() {
  $("connection").textContent = "Checking…";
  const c = await connection();
  $("connection").textContent = c.text;
  $("connection").className = c.ok ? "ok" : "bad";
  const { probes } = await chrome.storage.local.get("probes");
  const box = $("probe");
  box.replaceChildren();
  for (const p of Object.values(probes || {})) {
    const line = document.createElement("p");
    line.textContent = `${p.product}: ` + (p.ok ? "page read fine" : "page not read");
    line.className = p.ok ? "ok" : "bad";
    box.append(line);
    const failed = p.checks.filter((c) => !c.ok);
    if (failed.length) {
      const ul = document.createElement("ul");
      for (const f of failed) ul.append(Object.assign(document.createElement("li"), { textContent: f.problem }));
      box.append(ul);
    }
  }
}

$("test").addEventListener("click", show);
$("options").addEventListener("click", (e) => { e.preventDefault(); chrome.runtime.openOptionsPage(); });
show();
