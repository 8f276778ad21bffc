// socialcase PlotChart: draws a plotly figure sent as JSON by the kernel.
// plotly.js is served by the project's Voila template (loaded once per page, cached by the
// browser); the figure travels as plain widget state. No CDN.
//
// Two bundles (see devtools/assets.py): `plotly.min.js`, which the page downloads with its
// HTML and runs when the first chart draws (a partial bundle with the trace types most
// charts use, or the full bundle when the partial one could not be fetched at install
// time), and `plotly-full.min.js`, every trace type, fetched only when a chart needs a type
// the first one lacks.
//
// A chart is drawn when it comes near the viewport (within a screen), so the first view is
// drawn before the rest; the others follow one by one while the page is idle, and all of
// them before printing. Its box keeps the figure's height meanwhile, so nothing moves.

const PLOTLY_DIR = "templates/socialcase/static/plotly/";
const FIRST_BUNDLE = "plotly.min.js";
const FULL_BUNDLE = "plotly-full.min.js";
const LOAD_TIMEOUT_MS = 60000;
// Near the viewport: within one screen height above or below it.
const NEAR = "100% 0px 100% 0px";
// Charts out of view are drawn one at a time, each once no chart has drawn for this long.
const IDLE_AFTER_MS = 100;

function staticUrl(name) {
  const body = document.body;
  if (body && body.getAttribute("data-voila") === "voila" && body.dataset.baseUrl) {
    return body.dataset.baseUrl + PLOTLY_DIR + name; // data-base-url is "<base>voila/"
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
  return base.replace(/\/?$/, "/") + "voila/" + PLOTLY_DIR + name;
}

function addScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("plotly.js could not be loaded from " + src));
    setTimeout(() => reject(new Error("plotly.js did not load within 60 s")), LOAD_TIMEOUT_MS);
    document.head.appendChild(script);
  });
}

// The page's bundle: the one the Voila template preloads (downloaded with the page, run
// here when the first chart draws), or fetched here (JupyterLab).
function firstPlotly() {
  if (window.__socialcasePlotly) return window.__socialcasePlotly;
  if (window.Plotly) return (window.__socialcasePlotly = Promise.resolve(window.Plotly));
  const early = document.getElementById("sc-plotly");
  const ready = addScript(early && early.href ? early.href : staticUrl(FIRST_BUNDLE));
  window.__socialcasePlotly = ready.then(() => {
    if (!window.Plotly) throw new Error("plotly.js did not start");
    return window.Plotly;
  });
  window.__socialcasePlotly.catch(() => {
    window.__socialcasePlotly = null; // the next chart tries again
  });
  return window.__socialcasePlotly;
}

// Every trace type, kept apart from the page's bundle: plotly.js sets window.Plotly when it
// runs, so the page's bundle is put back there and this one is only used by the charts
// that need it.
function fullPlotly() {
  if (window.__socialcasePlotlyFull) return window.__socialcasePlotlyFull;
  window.__socialcasePlotlyFull = firstPlotly().then(async (first) => {
    await addScript(staticUrl(FULL_BUNDLE));
    const full = window.Plotly;
    window.Plotly = first;
    if (!full || full === first) throw new Error("the full plotly.js did not start");
    return full;
  });
  window.__socialcasePlotlyFull.catch(() => {
    window.__socialcasePlotlyFull = null;
  });
  return window.__socialcasePlotlyFull;
}

// Trace types every first bundle draws (plotly's "cartesian" partial bundle has these); for
// any other type, the bundle's schema says whether it is there (built once: about 75 ms).
const FIRST_TYPES = ["bar", "box", "contour", "heatmap", "histogram", "histogram2d",
  "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin"];
let firstSchema = null;

function draws(Plotly, data) {
  return data.every((trace) => {
    const type = trace.type || "scatter";
    if (FIRST_TYPES.indexOf(type) >= 0) return true;
    if (!firstSchema) firstSchema = Plotly.PlotSchema.get().traces;
    return type in firstSchema;
  });
}

async function plotlyFor(data) {
  const first = await firstPlotly();
  return draws(first, data) ? first : fullPlotly();
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

// The element whose scrolling moves the chart (Voila scrolls #rendered_cells), so that
// "near the viewport" is measured in what actually scrolls; null is the document's viewport.
function scroller(el) {
  const root = document.documentElement;
  // The body's overflow is the viewport's unless the root element has its own.
  const bodyScrolls = getComputedStyle(root).overflowY !== "visible";
  for (let node = el.parentElement; node && node !== root; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    // Widget boxes have overflow "auto" too, but only what holds more than it shows scrolls.
    const scrolls = (overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight + 1;
    if (scrolls && (node !== document.body || bodyScrolls)) return node;
  }
  return null;
}

// Charts wait until the page has settled (no chart view created for a while and the main
// thread idle: the widget views are up), since only then is it known which are in view; then
// those near the viewport draw, and the others one at a time while the page is idle. On the
// Voila page every chart runs one copy of this module (plotchart-page.js); in JupyterLab each
// chart's model loads its own (anywidget), so the queue is kept on the page, one per page.
const SETTLE_MS = 500;

function idle(callback) {
  if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 1000 });
  else setTimeout(callback, 50);
}

function makeQueue() {
  const queue = {
    waiting: new Map(), // each chart's draw function -> its element, in the order of the views
    lastBusy: performance.now(), // a chart view created or drawn
    drawing: 0,
    isSettled: false,
    settled: null,
    timer: null,
  };
  queue.busy = () => {
    queue.lastBusy = performance.now();
  };
  queue.whenSettled = () => {
    if (!queue.settled) {
      queue.settled = new Promise((resolve) => {
        const check = () => {
          const quiet = performance.now() - queue.lastBusy;
          if (quiet < SETTLE_MS) {
            setTimeout(check, SETTLE_MS - quiet + 20);
            return;
          }
          idle(() => {
            queue.isSettled = true;
            resolve();
          });
        };
        check();
      });
    }
    return queue.settled;
  };
  // The next chart out of view, once nothing has been drawn for IDLE_AFTER_MS.
  queue.next = () => {
    if (queue.timer || queue.waiting.size === 0) return;
    if (!queue.isSettled) {
      queue.whenSettled().then(queue.next);
      return;
    }
    const wait = Math.max(IDLE_AFTER_MS - (performance.now() - queue.lastBusy), 0);
    queue.timer = setTimeout(() => {
      idle(() => {
        queue.timer = null;
        if (queue.drawing > 0 || performance.now() - queue.lastBusy < IDLE_AFTER_MS) {
          queue.next();
          return;
        }
        // A chart in a closed section waits to be opened (it comes into view then).
        for (const [draw, el] of queue.waiting) {
          if (el.offsetParent !== null) {
            draw();
            return;
          }
        }
      });
    }, wait);
  };
  window.addEventListener("beforeprint", () => {
    for (const draw of Array.from(queue.waiting.keys())) draw();
  });
  return queue;
}

const queue = window.__socialcaseChartQueue || (window.__socialcaseChartQueue = makeQueue());

async function render({ model, el }) {
  const div = document.createElement("div");
  div.className = "sc-plot";
  el.appendChild(div);
  let Plotly = null;
  let drawn = false;
  let width = 0;
  const draw = async () => {
    queue.waiting.delete(draw);
    queue.drawing += 1;
    try {
      const figure = model.get("figure") || {};
      const data = figure.data || [];
      let chosen;
      try {
        chosen = await plotlyFor(data);
      } catch (error) {
        div.textContent = "This chart could not be drawn: " + error.message;
        return;
      }
      if (Plotly && chosen !== Plotly) Plotly.purge(div); // now a trace type the first lacks
      Plotly = chosen;
      width = div.offsetWidth || el.offsetWidth;
      const layout = narrow(figure.layout || {}, width);
      // plotly.js's own words (its mode bar) in the page's language (PlotChart.locale).
      const locale = model.get("locale") || {};
      if (locale.name) {
        Plotly.register({ moduleType: "locale", name: locale.name, dictionary: locale.dictionary });
      }
      Plotly.react(div, narrowData(data, width), layout, figure.config || {});
      drawn = true;
    } finally {
      queue.drawing -= 1;
      queue.busy();
      queue.next();
    }
  };
  // Redraw a chart already drawn; one not drawn yet takes the new figure when it is.
  const changed = () => {
    if (drawn) draw();
  };
  model.on("change:figure", changed);
  let near = null;
  const watchNear = () => {
    if (!el.isConnected || !queue.waiting.has(draw)) return; // a view removed meanwhile
    near = new IntersectionObserver(
      (entries) => {
        if (!drawn && queue.waiting.has(draw) && entries.some((entry) => entry.isIntersecting)) draw();
      },
      { root: scroller(el), rootMargin: NEAR },
    );
    near.observe(el);
  };
  queue.waiting.set(draw, el);
  queue.busy();
  queue.whenSettled().then(watchNear);
  queue.next();
  // A chart drawn while its section was closed has no width: redraw once it has one.
  const resized = new ResizeObserver(() => {
    if (drawn && div.offsetWidth > 0 && div.offsetWidth !== width) {
      draw();
      Plotly.Plots.resize(div);
    }
  });
  resized.observe(el);
  return () => {
    queue.waiting.delete(draw);
    model.off("change:figure", changed);
    if (near) near.disconnect();
    resized.disconnect();
    if (Plotly) Plotly.purge(div);
  };
}

export default { render };
