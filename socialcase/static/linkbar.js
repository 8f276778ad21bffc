// socialcase LinkBar: keeps the Voila page URL on the scenario and copies the link.
// Plain ES module for anywidget; no build step, no network requests.

function keyOf(part) {
  try {
    return decodeURIComponent(part.split("=")[0].replace(/\+/g, " "));
  } catch (e) {
    return part.split("=")[0];
  }
}

// `search` without socialcase's keys, then `query`; other keys (theme...) keep their bytes.
function mergeQuery(search, query, ownKeys) {
  const kept = search.replace(/^\?/, "").split("&")
    .filter((p) => p && !ownKeys.includes(keyOf(p)));
  if (query) kept.push(query);
  return kept.length ? "?" + kept.join("&") : "";
}

function inVoila() {
  return !!document.body && document.body.getAttribute("data-voila") === "voila";
}

function storageKey() {
  return "socialcase:v1:" + window.location.pathname;
}

function currentLink(model) {
  const query = model.get("query");
  const ownKeys = model.get("owned_keys");
  if (inVoila()) {
    const u = new URL(window.location.href);
    return u.origin + u.pathname + mergeQuery(u.search, query, ownKeys) + u.hash;
  }
  const base = model.get("base_url");
  if (base) {
    const hashAt = base.indexOf("#");
    const hash = hashAt >= 0 ? base.slice(hashAt) : "";
    const noHash = hashAt >= 0 ? base.slice(0, hashAt) : base;
    const qAt = noHash.indexOf("?");
    const path = qAt >= 0 ? noHash.slice(0, qAt) : noHash;
    const search = qAt >= 0 ? noHash.slice(qAt) : "";
    return path + mergeQuery(search, query, ownKeys) + hash;
  }
  const lab = labBase();
  if (lab !== null) {
    // JupyterLab: the Voila address of the same workbook on this server, for leadership.
    const u = new URL(window.location.href);
    const open = u.pathname.match(/\/(?:lab\/(?:workspaces\/[^/]+\/)?tree|doc\/tree|notebooks)\/(.+\.ipynb)$/);
    const path = open ? open[1] : "workbooks/business_case.ipynb";
    return u.origin + lab + "voila/render/" + path + (query ? "?" + query : "");
  }
  return "?" + query;
}

// JupyterLab's base URL (ends in "/"), or null outside JupyterLab.
function labBase() {
  const config = document.getElementById("jupyter-config-data");
  if (!config) return null;
  try {
    const base = JSON.parse(config.textContent).baseUrl || "/";
    return base.replace(/\/?$/, "/");
  } catch (e) {
    return "/";
  }
}

function followScenario(model) {
  if (!inVoila()) return; // in JupyterLab the URL belongs to JupyterLab
  const link = currentLink(model);
  if (link !== window.location.href) {
    try {
      window.history.replaceState(window.history.state, "", link);
    } catch (e) {
      /* a sandboxed page may refuse; the link box still shows the link */
    }
  }
  if (model.get("backup")) {
    try {
      window.localStorage.setItem(storageKey(), model.get("query"));
    } catch (e) {
      /* storage full, disabled or private mode: the URL still holds the case */
    }
  }
}

function offerBackup(model) {
  // On a page opened without a scenario, tell Python what this browser saved last time.
  if (!inVoila() || !model.get("backup")) return;
  const search = window.location.search.replace(/^\?/, "").split("&");
  if (search.some((p) => p && keyOf(p) === model.get("owned_keys")[0])) return;
  try {
    const stored = window.localStorage.getItem(storageKey());
    if (stored && stored !== model.get("query")) {
      model.set("stored_query", stored);
      model.save_changes();
    }
  } catch (e) {
    /* no storage: nothing to offer */
  }
}

function render({ model, el }) {
  el.classList.add("sc-linkbar");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "sc-copy-link";
  const words = () => model.get("words") || {};
  const say = (key, english) => words()[key] || english;
  const label = () => {
    button.textContent = model.get("button_label");
    input.setAttribute("aria-label", say("aria", "Link to this case"));
  };
  const input = document.createElement("input");
  input.type = "text";
  input.readOnly = true;
  input.className = "sc-share-url";
  const status = document.createElement("span");
  status.className = "sc-copy-status";
  status.setAttribute("role", "status");
  el.append(button, input, status);
  label();

  const refresh = () => {
    followScenario(model);
    const refused = model.get("refused");
    button.disabled = refused;
    input.value = refused ? "" : currentLink(model);
    input.placeholder = refused
      ? say("too_long", "Too long for a link: save the scenario file instead")
      : "";
    status.textContent = "";
  };
  const selectLink = () => {
    input.focus();
    input.select();
  };

  button.addEventListener("click", async () => {
    if (model.get("refused")) return;
    const link = currentLink(model);
    input.value = link;
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      status.textContent = say("copied", "Copied");
    } catch (e) {
      selectLink();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e2) {
        copied = false;
      }
      status.textContent = copied ? say("copied", "Copied") : say("select", "Select and copy the link");
    }
  });
  input.addEventListener("focus", selectLink);

  model.on("change:query", refresh);
  model.on("change:base_url", refresh);
  model.on("change:refused", refresh);
  model.on("change:button_label change:words", label);
  model.on("change:words", refresh);
  offerBackup(model); // before refresh() overwrites the backup with this page's case
  refresh();
  return () => {
    model.off("change:query", refresh);
    model.off("change:base_url", refresh);
    model.off("change:refused", refresh);
  };
}

export default { render };
