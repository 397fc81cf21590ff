// Nines console: draws the uPlot charts of elements with data-chart, and submits selects
// marked data-autosubmit. No inline script, so the Content-Security-Policy stays 'self'.
// Axes and legends show the spec's time zone (the series carries it), not the browser's.
(function () {
  "use strict";
  var colours = { line: "#2f5bd3", target: "#d1343b", burn: "#c77c02", left: "#1f9d55" };

  function pct(v) { return v == null ? "–" : (v * 100).toFixed(3) + " %"; }

  function options(kind, data, width) {
    var base = { width: width, height: kind === "burn" ? 160 : 220, legend: { show: true },
      scales: { x: { time: true } }, axes: [{}, { size: 70 }],
      cursor: { drag: { x: true, y: false } } };
    var tz = function (ts) { return data.zone ? uPlot.tzDate(new Date(ts * 1e3), data.zone) : new Date(ts * 1e3); };
    var legend = uPlot.fmtDate("{D} {MMM} {HH}:{mm}");
    base.tzDate = tz;
    base.axes[0] = { values: function (u, splits) {
      var f = uPlot.fmtDate(u.scales.x.max - u.scales.x.min > 2 * 86400 ? "{D} {MMM}" : "{HH}:{mm}");
      return splits.map(function (s) { return f(tz(s)); });
    } };
    var x = { value: function (u, ts) { return ts == null ? "–" : legend(tz(ts)); } };
    if (kind === "burndown") {
      base.series = [x, { label: "budget left", stroke: colours.left, width: 2,
        fill: "rgba(31,157,85,0.08)", value: function (u, v) { return pct(v); } }];
      base.axes[1].values = function (u, vs) { return vs.map(function (v) { return (v * 100).toFixed(0) + "%"; }); };
      return [base, [data.t, data.left]];
    }
    if (kind === "sli") {
      var target = data.t.map(function () { return data.target; });
      base.series = [x, { label: "SLI", stroke: colours.line, width: 2, spanGaps: false,
        value: function (u, v) { return pct(v); } },
        { label: "target", stroke: colours.target, dash: [6, 4], width: 1,
          value: function (u, v) { return pct(v); } }];
      base.axes[1].values = function (u, vs) { return vs.map(function (v) { return (v * 100).toFixed(2) + "%"; }); };
      return [base, [data.t, data.sli, target]];
    }
    base.series = [x, { label: "burn rate", stroke: colours.burn, width: 2,
      value: function (u, v) { return v == null ? "–" : v.toFixed(2) + "×"; } }];
    return [base, [data.t, data.burn]];
  }

  function draw(el) {
    if (typeof uPlot === "undefined") { return; }
    var data = JSON.parse(el.getAttribute("data-series"));
    if (!data.t.length) { el.textContent = "No data in this range yet."; return; }
    var o = options(el.getAttribute("data-chart"), data, Math.max(300, el.clientWidth));
    el.textContent = "";
    el.uplot = new uPlot(o[0], o[1], el);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
  });
})();
