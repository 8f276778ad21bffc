// socialcase PlotChart: draws a plotly figure sent as JSON by the kernel.
// plotly.js is one static file served by the project's Voila template (loaded once per
// page, cached by the browser); the figure travels as plain widget state. No CDN.

const PLOTLY_PATH = "templates/socialcase/static/plotly/plotly.min.js";

function plotlyUrl() {
  const body = document.body;
  if (body && body.getAttribute("data-voila") === "voila" && body.dataset.baseUrl) {
    return body.dataset.baseUrl + PLOTLY_PATH; // data-base-url is "<base>voila/"
  }
  let base = "/";
  const config = document.getElementById("jupyter-config-data"); // JupyterLab
  if (config) {
    try {
      base = JSON.parse(config.textContent).baseUrl || "/";
    } catch (e) {
      base = "/";
    }
  }
  return base.replace(/\/?$/, "/") + "voila/" + PLOTLY_PATH;
}

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  const early = document.getElementById("sc-plotly"); // the Voila template's async script
  if (early && !window.__socialcasePlotly) {
    window.__socialcasePlotly = new Promise((resolve, reject) => {
      early.addEventListener("load", () =>
        window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.js did not start")));
      early.addEventListener("error", () => reject(new Error("plotly.js could not be loaded")));
      if (window.Plotly) resolve(window.Plotly);
      // An error before these listeners were attached would leave the chart waiting.
      setTimeout(() => reject(new Error("plotly.js did not load within 60 s")), 60000);
    });
  }
  if (!window.__socialcasePlotly) {
    window.__socialcasePlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = plotlyUrl();
      script.async = true;
      script.onload = () =>
        window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.js did not start"));
      script.onerror = () => {
        window.__socialcasePlotly = null;
        reject(new Error("plotly.js could not be loaded from " + script.src));
      };
      document.head.appendChild(script);
    });
  }
  return window.__socialcasePlotly;
}

// On a narrow screen (a phone) a long title is wrapped onto lines that fit and the top
// margin grows to hold them; legends stay below the plot (charts.py puts them there).
function wrapWords(text, perLine) {
  const lines = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= perLine) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

function narrow(layout, width) {
  const title = layout.title && layout.title.text;
  if (!title || !width || width >= 560) return layout;
  const perLine = Math.max(Math.floor((width - 30) / 8.5), 16);
  const lines = wrapWords(title.replace(/<br>/g, " "), perLine);
  if (lines.length < 2) return layout;
  const margin = Object.assign({}, layout.margin || {});
  margin.t = Math.max(margin.t || 50, 24 + 20 * lines.length);
  return Object.assign({}, layout, {
    title: Object.assign({}, layout.title, { text: lines.join("<br>") }),
    margin: margin,
    height: (layout.height || 320) + 20 * (lines.length - 1),
  });
}

// On a phone, the category names under vertical bars go on short lines, level (not tilted
// over each other).
function narrowData(data, width) {
  if (!width || width >= 560) return data;
  return data.map((trace) => {
    const vertical = (trace.type === "bar" || trace.type === "waterfall") && trace.orientation !== "h";
    if (!vertical || !Array.isArray(trace.x) || typeof trace.x[0] !== "string") return trace;
    return Object.assign({}, trace, { x: trace.x.map((name) => wrapWords(name, 10).join("<br>")) });
  });
}

async function render({ model, el }) {
  const div = document.createElement("div");
  div.className = "sc-plot";
  el.appendChild(div);
  let Plotly;
  try {
    Plotly = await loadPlotly();
  } catch (error) {
    div.textContent = "This chart could not be drawn: " + error.message;
    return;
  }
  const draw = () => {
    const figure = model.get("figure") || {};
    const width = div.offsetWidth || el.offsetWidth;
    const layout = narrow(figure.layout || {}, width);
    Plotly.react(div, narrowData(figure.data || [], width), layout, figure.config || {});
  };
  draw();
  model.on("change:figure", draw);
  // A chart drawn while its section was closed has no width: redraw once it has one.
  let width = div.offsetWidth;
  const observer = new ResizeObserver(() => {
    if (div.offsetWidth > 0 && div.offsetWidth !== width) {
      width = div.offsetWidth;
      draw();
      Plotly.Plots.resize(div);
    }
  });
  observer.observe(el);
  return () => {
    model.off("change:figure", draw);
    observer.disconnect();
    Plotly.purge(div);
  };
}

export default { render };
