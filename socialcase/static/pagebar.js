// socialcase PageBar: the verdict kept in view and the index of the steps.
// Voila: a compact bar fixed at the top once the verdict has scrolled away, with the
// headline figures read from the verdict's own cards and a menu of the steps; the tab is
// titled with the case. Everywhere (Voila and JupyterLab): links of the step index
// (.sc-nav a[data-step]) scroll to the step's heading. No network requests.

function inVoila() {
  return !!document.body && document.body.getAttribute("data-voila") === "voila";
}

function heading(step) {
  // The workbook's heading in the page's language: the others are hidden (.sc-md).
  const prefix = step + ".";
  return Array.from(document.querySelectorAll("h2")).find((h) =>
    h.textContent.trim().startsWith(prefix + " ") && h.getClientRects().length > 0);
}

function go(step) {
  const target = heading(step) || document.querySelector(".sc-step-" + step);
  if (target) target.scrollIntoView({ behavior: "smooth", block: "start" });
}

function onNavClick(event) {
  const link = event.target.closest && event.target.closest(".sc-nav a[data-step]");
  if (!link) return;
  event.preventDefault();
  go(link.dataset.step);
}

function render({ model, el }) {
  el.classList.add("sc-pagebar");
  // The page's widgets are up (the browser built every one that existed before it showed
  // this view): the kernel may build the rest of the page now (PageBar.on_shown).
  model.send({ event: "shown" });
  if (!window.__socialcaseNav) {
    window.__socialcaseNav = true;
    document.addEventListener("click", onNavClick);
  }
  // On a phone the index of the steps starts closed (the verdict comes first).
  if (window.innerWidth < 640) {
    const close = () => {
      const panel = el.closest(".sc-verdict-panel") || document;
      for (const box of panel.querySelectorAll(".sc-nav-box[open]")) {
        box.open = false;
      }
    };
    for (const ms of [0, 300, 1000, 3000]) setTimeout(close, ms);
  }
  const setTitle = () => {
    if (inVoila() && model.get("title")) document.title = model.get("title");
  };
  setTitle();
  model.on("change:title", setTitle);
  if (!inVoila()) return () => model.off("change:title", setTitle);
  // Voila: the page's language on <html lang>, which shows the workbook's text in it
  // (the template writes every translation of a markdown cell, socialcase.css hides the rest).
  const setLang = () => {
    if (model.get("lang")) document.documentElement.lang = model.get("lang");
  };
  setLang();
  model.on("change:lang", setLang);

  const bar = document.createElement("div");
  bar.className = "sc-bar";
  bar.setAttribute("role", "region");
  const words = () => model.get("labels") || {};
  bar.setAttribute("aria-label", words().region || "The verdict");
  const inner = document.createElement("div");
  inner.className = "sc-bar-inner";
  bar.appendChild(inner);
  const name = document.createElement("span");
  name.className = "sc-bar-title";
  inner.appendChild(name);
  const figures = document.createElement("span");
  figures.style.display = "contents";
  inner.appendChild(figures);
  const menu = document.createElement("select");
  menu.setAttribute("aria-label", words().menu || "Go to a step…");
  inner.appendChild(menu);
  menu.addEventListener("change", () => {
    if (menu.value !== "") go(menu.value);
    menu.value = "";
  });
  document.body.appendChild(bar);

  const fill = () => {
    name.textContent = model.get("case_name");
    menu.textContent = "";
    const first = document.createElement("option");
    first.value = "";
    first.textContent = words().menu || "Go to a step…";
    bar.setAttribute("aria-label", words().region || "The verdict");
    menu.setAttribute("aria-label", words().menu || "Go to a step…");
    menu.appendChild(first);
    for (const [number, title] of model.get("steps")) {
      const option = document.createElement("option");
      option.value = String(number);
      option.textContent = number + ". " + title;
      menu.appendChild(option);
    }
  };
  const copyFigures = () => {
    figures.textContent = "";
    for (const [hook, label] of model.get("figures")) {
      const card = document.querySelector(".sc-out-" + hook + " .sc-figure");
      const value = card && card.querySelector(".sc-figure-value");
      if (!value) continue;
      const item = document.createElement("span");
      item.className = "sc-bar-figure " +
        (card.classList.contains("good") ? "good" : card.classList.contains("bad") ? "bad" : "");
      const b = document.createElement("b");
      b.textContent = value.textContent;
      item.appendChild(b);
      item.appendChild(document.createTextNode(" " + label));
      figures.appendChild(item);
    }
  };
  fill();
  model.on("change:steps change:case_name change:labels", fill);

  // Shown once the verdict's cards are above the top of the window.
  let watched = null;
  let cardsObserver = null;
  const visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const above = !entry.isIntersecting && entry.boundingClientRect.bottom < 0;
      bar.classList.toggle("sc-bar-shown", above);
      if (above) copyFigures();
    }
  });
  const watch = () => {
    const cards = document.querySelector(".jp-OutputArea-output .sc-step-0 .sc-headlines");
    if (!cards || cards === watched) return;
    if (watched) visibility.unobserve(watched);
    watched = cards;
    visibility.observe(cards);
    if (cardsObserver) cardsObserver.disconnect();
    cardsObserver = new MutationObserver(() => {
      if (bar.classList.contains("sc-bar-shown")) copyFigures();
    });
    cardsObserver.observe(cards, { subtree: true, childList: true, characterData: true });
  };
  const timer = setInterval(watch, 1000);
  watch();
  return () => {
    clearInterval(timer);
    visibility.disconnect();
    if (cardsObserver) cardsObserver.disconnect();
    bar.remove();
    model.off("change:title", setTitle);
    model.off("change:lang", setLang);
  };
}

export default { render };
