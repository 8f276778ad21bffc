// socialcase PlotChart on the Voila dashboard: every chart of the page runs one copy of
// plotchart.js, which the project's Voila template puts in the page once
// (<script type="text/plain" id="sc-plotchart-code">). Each chart's widget state carries
// only these lines, not its own 12 kB copy, and the browser compiles the module once.
// (In JupyterLab, which has no such page, a chart's state carries plotchart.js itself:
// socialcase.ui.plotchart.chart_module.)

const CODE_ID = "sc-plotchart-code";

function sharedModule() {
  if (!window.__socialcasePlotChart) {
    const code = document.getElementById(CODE_ID);
    if (!code) {
      throw new Error(
        "socialcase: this page has no #" + CODE_ID + " (it is not served with the socialcase Voila template)",
      );
    }
    const url = URL.createObjectURL(new Blob([code.textContent], { type: "text/javascript" }));
    window.__socialcasePlotChart = import(url).finally(() => URL.revokeObjectURL(url));
  }
  return window.__socialcasePlotChart;
}

export default (await sharedModule()).default;
