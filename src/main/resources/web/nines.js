// Nines console: draws the uPlot charts of elements with data-chart, and submits selects
// marked data-autosubmit. No inline script, so the Content-Security-Policy stays 'self'.
(function () {
  "use strict";
  var colours = { line: "#2f5bd3", target: "#d1343b", burn: "#c77c02", left: "#1f9d55" };

  function pct(v) { return v == null ? "–" : (v * 100).toFixed(3) + " %"; }

  function options(kind, data, width) {
    var base = { width: width, height: kind === "burn" ? 160 : 220, legend: { show: true },
      scales: { x: { time: true } }, axes: [{}, { size: 70 }] };
    if (kind === "burndown") {
      base.series = [{}, { label: "budget left", stroke: colours.left, width: 2,
        fill: "rgba(31,157,85,0.08)", value: function (u, v) { return pct(v); } }];
      base.axes[1].values = function (u, vs) { return vs.map(function (v) { return (v * 100).toFixed(0) + "%"; }); };
      return [base, [data.t, data.left]];
    }
    if (kind === "sli") {
      var target = data.t.map(function () { return data.target; });
      base.series = [{}, { label: "SLI", stroke: colours.line, width: 2, spanGaps: false,
        value: function (u, v) { return pct(v); } },
        { label: "target", stroke: colours.target, dash: [6, 4], width: 1,
          value: function (u, v) { return pct(v); } }];
      base.axes[1].values = function (u, vs) { return vs.map(function (v) { return (v * 100).toFixed(2) + "%"; }); };
      return [base, [data.t, data.sli, target]];
    }
    base.series = [{}, { label: "burn rate (1h)", stroke: colours.burn, width: 2,
      value: function (u, v) { return v == null ? "–" : v.toFixed(2) + "×"; } }];
    return [base, [data.t, data.burn]];
  }

  function draw(el) {
    if (typeof uPlot === "undefined") { return; }
    var data = JSON.parse(el.getAttribute("data-series"));
    if (!data.t.length) { el.textContent = "No data in this window yet."; return; }
    var o = options(el.getAttribute("data-chart"), data, Math.max(300, el.clientWidth));
    el.textContent = "";
    new uPlot(o[0], o[1], el);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
  });
})();
