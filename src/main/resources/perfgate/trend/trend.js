/* perfgate trend page: draws every chart of the page with uPlot from the JSON in #trend-data.
   After drawing, each chart's element carries data-points (points of its first series),
   data-series-points (points of each series, comma-separated) and data-changes (the change points
   marked, as run indexes from 0, comma-separated): what was plotted, for people and tests to
   check. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  var palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0a7d8c",
    "#bf3989", "#57606a", "#9a6700", "#116329", "#953800", "#6639ba"];
  var HEIGHT = 240;

  function value(unit, v) {
    if (v == null || !isFinite(v)) {
      return "\u2014";
    }
    if (unit === "ms") {
      return Math.round(v) + " ms";
    }
    if (unit === "%") {
      return v === 0 ? "0%" : v < 0.01 ? "<0.01%" : v.toFixed(2) + "%";
    }
    return v.toFixed(1) + "/s";
  }

  function tick(unit, v) {
    if (unit === "ms") {
      return v >= 10000 ? Math.round(v / 1000) + " s" : String(Math.round(v));
    }
    if (unit === "%") {
      return (Math.round(v * 100) / 100) + "%";
    }
    return String(Math.round(v * 10) / 10);
  }

  function widthOf(el) {
    return Math.max(280, Math.floor(el.getBoundingClientRect().width));
  }

  /** Non-null values of a data column within the x indexes uPlot drew. */
  function plotted(u, k) {
    var idxs = u.series[0].idxs || [0, u.data[0].length - 1];
    var column = u.data[k];
    var n = 0;
    for (var i = idxs[0]; i <= idxs[1]; i++) {
      if (column[i] != null) {
        n++;
      }
    }
    return n;
  }

  /** The saved baseline as a dashed line across the plot: visible even with a single run. */
  function baselineLine(u, v) {
    var ratio = window.devicePixelRatio || 1;
    var y = Math.round(u.valToPos(v, "y", true));
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#6e7781";
    ctx.lineWidth = 1.5 * ratio;
    ctx.setLineDash([6 * ratio, 4 * ratio]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }

  /**
   * A change point: a dashed vertical line between the last run before the shift and the first
   * after it, with the shift's size at the top, in red when the figure got worse and green when
   * it got better. Several change points at one run (several requests) share the line; their
   * labels stack. Returns the index marked.
   */
  function changeMark(u, change, stacked) {
    var ratio = window.devicePixelRatio || 1;
    var color = change.worse ? "#cf222e" : "#1a7f37";
    var x = Math.round(u.valToPos(change.index - 0.5, "x", true));
    var top = u.bbox.top;
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    if (stacked === 0) {
      ctx.lineWidth = 2 * ratio;
      ctx.setLineDash([3 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + u.bbox.height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(x - 5 * ratio, top);
      ctx.lineTo(x + 5 * ratio, top);
      ctx.lineTo(x, top + 7 * ratio);
      ctx.closePath();
      ctx.fill();
    }
    ctx.font = (11 * ratio) + "px sans-serif";
    ctx.textBaseline = "top";
    var width = ctx.measureText(change.label).width;
    var right = x + 7 * ratio + width <= u.bbox.left + u.bbox.width;
    ctx.textAlign = right ? "left" : "right";
    ctx.fillText(change.label, right ? x + 7 * ratio : x - 7 * ratio, top + (2 + 13 * stacked) * ratio);
    ctx.restore();
    return change.index;
  }

  function draw(c) {
    var el = document.getElementById(c.id);
    if (!el) {
      throw new Error("The trend page has no element for chart " + c.id);
    }
    var n = c.runs.length;
    var xs = [];
    for (var i = 0; i < n; i++) {
      xs.push(i);
    }
    var series = [{
      label: "run",
      value: function (u, v) {
        return v == null || !c.runs[v] ? "\u2014" : "#" + (v + 1) + " " + c.labels[v] + " " + c.runs[v];
      }
    }];
    var columns = [xs];
    c.series.forEach(function (s, k) {
      var color = c.series.length === 1 ? c.color : palette[k % palette.length];
      series.push({
        label: s.label,
        stroke: color,
        width: 2,
        spanGaps: true,
        points: { show: true, size: 7, fill: color, stroke: color },
        value: function (u, v) { return value(c.unit, v); }
      });
      columns.push(s.values);
    });
    var drawn = [];
    var changes = c.changes || [];
    var opts = {
      width: widthOf(el),
      height: HEIGHT,
      series: series,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: function () { return [-0.5, Math.max(n, 1) - 0.5]; } },
        y: {
          range: function (u, min, max) {
            if (c.baseline && (max == null || c.baseline.value > max)) {
              max = c.baseline.value;
            }
            var top = max == null || !isFinite(max) || max <= 0 ? 1 : max * 1.15;
            return [0, top];
          }
        }
      },
      axes: [
        {
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
          space: 56,
          size: 44,
          values: function (u, splits) {
            return splits.map(function (i) {
              return i === Math.round(i) && i >= 0 && i < n ? c.ticks[i] : "";
            });
          }
        },
        {
          size: 56,
          values: function (u, splits) {
            return splits.map(function (v) { return tick(c.unit, v); });
          }
        }
      ],
      hooks: {
        drawSeries: [function (u, k) {
          if (k >= 1 && k <= c.series.length) {
            drawn[k - 1] = plotted(u, k);
          }
        }],
        draw: [function (u) {
          if (c.baseline) {
            baselineLine(u, c.baseline.value);
          }
          var stacks = {};
          var marked = changes.map(function (change) {
            var stacked = stacks[change.index] || 0;
            stacks[change.index] = stacked + 1;
            return changeMark(u, change, stacked);
          });
          el.setAttribute("data-changes", marked.join(","));
          el.setAttribute("data-points", String(drawn[0] || 0));
          el.setAttribute("data-series-points", drawn.join(","));
        }]
      }
    };
    return { el: el, plot: new uPlot(opts, columns, el) };
  }

  var plots = data.charts.map(draw);
  document.body.setAttribute("data-charts", String(plots.length));

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      plots.forEach(function (p) {
        p.plot.setSize({ width: widthOf(p.el), height: HEIGHT });
      });
    });
  });
})();
