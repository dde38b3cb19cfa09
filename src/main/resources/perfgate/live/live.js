/* perfgate live page: asks the injector for live.json every second or two, keeps the seconds it
   has (up to the run's live.history), and redraws its charts and tables. Every text from the data
   goes into the page as text (textContent), never as markup. After each refresh, each chart's
   element carries data-points (seconds plotted) and the body data-refreshes (refreshes so far)
   and data-state: what the page shows, for people and tests to check. */
(function () {
  "use strict";
  var body = document.body;
  var HISTORY = parseInt(body.getAttribute("data-history"), 10) || 900;
  var REVISE = parseInt(body.getAttribute("data-revise"), 10) || 10;
  var REFRESH_MS = parseInt(body.getAttribute("data-refresh-ms"), 10) || 1000;
  var HEIGHT = 220;
  var STATE_WORDS = { NOT_MEASURED: "not measured", NOT_ENOUGH_DATA: "not enough data yet" };
  var palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#0a7d8c",
    "#bf3989", "#57606a", "#9a6700", "#116329", "#953800", "#6639ba"];

  var data = {
    seconds: [],
    all: emptySeries(),
    requests: {},
    order: [],
    active: [],
    started: [],
    planned: [],
    cpu: []
  };
  var last = null;
  var refreshes = 0;
  var plots = {};

  function emptySeries() {
    return { ok: [], ko: [], p50: [], p95: [], p99: [] };
  }

  function $(id) {
    return document.getElementById(id);
  }

  function clock(s) {
    if (s == null || !isFinite(s)) {
      return "\u2014";
    }
    s = Math.max(0, Math.round(s));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    var mm = h > 0 && m < 10 ? "0" + m : String(m);
    return (h > 0 ? h + ":" : "") + mm + ":" + (sec < 10 ? "0" : "") + sec;
  }

  function ms(v) {
    return v == null || v < 0 || !isFinite(v) ? "\u2014" : Math.round(v) + " ms";
  }

  function bytes(v) {
    if (v == null || !isFinite(v)) {
      return "\u2014";
    }
    return v >= 1073741824 ? (v / 1073741824).toFixed(2) + " GiB" : (v / 1048576).toFixed(1) + " MiB";
  }

  function percent(part, whole) {
    if (!whole) {
      return "\u2014";
    }
    var p = 100 * part / whole;
    return p === 0 ? "0%" : p < 0.01 ? "<0.01%" : p.toFixed(2) + "%";
  }

  /** Replaces a table's rows; each row is a list of [text, className]. */
  function rows(tableId, list, empty, rowClass) {
    var tbody = $(tableId).tBodies[0];
    while (tbody.firstChild) {
      tbody.removeChild(tbody.firstChild);
    }
    if (list.length === 0) {
      var tr = document.createElement("tr");
      var td = document.createElement("td");
      td.colSpan = $(tableId).tHead.rows[0].cells.length;
      td.className = "muted";
      td.textContent = empty;
      tr.appendChild(td);
      tbody.appendChild(tr);
      return;
    }
    list.forEach(function (cells, i) {
      var tr = document.createElement("tr");
      if (rowClass) {
        tr.className = rowClass(i) || "";
      }
      cells.forEach(function (c) {
        var td = document.createElement("td");
        td.textContent = c[0];
        if (c[1]) {
          td.className = c[1];
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }

  // ---- merging a response into the seconds the page has ----

  function cut(arr, k) {
    arr.length = Math.min(arr.length, k);
  }

  function pad(arr, k) {
    while (arr.length < k) {
      arr.push(null);
    }
  }

  function mergeSeries(target, source, k) {
    ["ok", "ko", "p50", "p95", "p99"].forEach(function (f) {
      cut(target[f], k);
      pad(target[f], k);
      Array.prototype.push.apply(target[f], source[f]);
    });
  }

  function merge(r) {
    var k = 0;
    while (k < data.seconds.length && data.seconds[k] < r.from) {
      k++;
    }
    cut(data.seconds, k);
    for (var s = r.from; s <= r.to; s++) {
      data.seconds.push(s);
    }
    mergeSeries(data.all, r.all, k);
    r.requests.forEach(function (q) {
      if (!data.requests[q.name]) {
        data.requests[q.name] = emptySeries();
        data.order.push(q.name);
      }
      mergeSeries(data.requests[q.name], q, k);
    });
    // A request missing from this response (none is ever removed) keeps its length in step.
    data.order.forEach(function (name) {
      var q = data.requests[name];
      ["ok", "ko", "p50", "p95", "p99"].forEach(function (f) {
        cut(q[f], data.seconds.length);
        pad(q[f], data.seconds.length);
      });
    });
    [["active", r.users.active], ["started", r.users.started],
      ["planned", r.users.plannedArrivals], ["cpu", r.injector.cpu]].forEach(function (p) {
      cut(data[p[0]], k);
      pad(data[p[0]], k);
      Array.prototype.push.apply(data[p[0]], p[1]);
    });
    var extra = data.seconds.length - HISTORY;
    if (extra > 0) {
      var all = [data.seconds, data.active, data.started, data.planned, data.cpu];
      ["ok", "ko", "p50", "p95", "p99"].forEach(function (f) {
        all.push(data.all[f]);
        data.order.forEach(function (name) {
          all.push(data.requests[name][f]);
        });
      });
      all.forEach(function (arr) {
        arr.splice(0, extra);
      });
    }
  }

  // ---- charts ----

  function widthOf(el) {
    return Math.max(280, Math.floor(el.getBoundingClientRect().width));
  }

  /** The profile's phases as dashed lines at their starts, named at the top of the plot. */
  function phaseMarks(u) {
    if (!last || !last.phases.length) {
      return;
    }
    var ratio = window.devicePixelRatio || 1;
    var ctx = u.ctx;
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    ctx.save();
    ctx.font = (10 * ratio) + "px sans-serif";
    ctx.fillStyle = "#59636e";
    ctx.strokeStyle = "#8c959f";
    ctx.lineWidth = ratio;
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    last.phases.forEach(function (p) {
      if (p.start == null || p.start < min || p.start > max) {
        return;
      }
      var x = Math.round(u.valToPos(p.start, "x", true));
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillText(p.name, x + 3 * ratio, u.bbox.top + 11 * ratio);
    });
    ctx.restore();
  }

  function chart(id, series, columns, unit) {
    var el = $(id);
    var p = plots[id];
    var key = series.map(function (s) { return s.label; }).join("\u0000");
    if (p && p.key !== key) {
      p.plot.destroy();
      p = null;
    }
    if (!p) {
      var opts = {
        width: widthOf(el),
        height: HEIGHT,
        series: [{ label: "time", value: function (u, v) { return clock(v); } }].concat(
          series.map(function (s) {
            return {
              label: s.label,
              stroke: s.color,
              width: 1.5,
              spanGaps: false,
              // uPlot's default: points only where they are sparse, so a lone second shows.
              points: { size: 5 },
              value: function (u, v) { return value(unit, v); }
            };
          })),
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false },
          y: {
            range: function (u, min, max) {
              var top = max == null || !isFinite(max) || max <= 0 ? 1 : max * 1.1;
              return [0, unit === "%" ? Math.max(top, 100) : top];
            }
          }
        },
        axes: [
          { space: 60, incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200],
            values: function (u, splits) { return splits.map(clock); } },
          { size: 52, values: function (u, splits) { return splits.map(function (v) { return tick(unit, v); }); } }
        ],
        hooks: {
          draw: [function (u) {
            phaseMarks(u);
            el.setAttribute("data-points", String(u.data[0].length));
          }]
        }
      };
      p = { key: key, el: el, plot: new uPlot(opts, columns, el) };
      plots[id] = p;
    } else {
      p.plot.setData(columns);
    }
  }

  function value(unit, v) {
    if (v == null || !isFinite(v)) {
      return "\u2014";
    }
    if (unit === "ms") {
      return Math.round(v) + " ms";
    }
    if (unit === "%") {
      return v.toFixed(1) + "%";
    }
    return (Math.round(v * 10) / 10) + "/s";
  }

  function tick(unit, v) {
    if (unit === "ms" && v >= 10000) {
      return Math.round(v / 1000) + " s";
    }
    return String(Math.round(v * 100) / 100);
  }

  function color(i) {
    return palette[i % palette.length];
  }

  function drawCharts() {
    var xs = data.seconds;
    chart("chart-throughput",
      [{ label: "OK", color: "#1a7f37" }, { label: "KO", color: "#cf222e" }],
      [xs, data.all.ok, data.all.ko], "/s");
    chart("chart-latency",
      [{ label: "p50", color: "#0969da" }, { label: "p95", color: "#8250df" }, { label: "p99", color: "#cf222e" }],
      [xs, data.all.p50, data.all.p95, data.all.p99], "ms");
    chart("chart-users",
      [{ label: "active users", color: "#1a7f37" }, { label: "arrivals/s", color: "#0969da" },
        { label: "planned arrivals/s", color: "#8c959f" }],
      [xs, data.active, data.started, data.planned], "");
    chart("chart-cpu", [{ label: "CPU", color: "#bc4c00" }],
      [xs, data.cpu.map(function (v) { return v == null ? null : 100 * v; })], "%");
    var names = data.order;
    var rps = [xs];
    var errs = [xs];
    names.forEach(function (name) {
      var q = data.requests[name];
      rps.push(q.ok.map(function (v, i) { return v == null ? null : v + (q.ko[i] || 0); }));
      errs.push(q.ko);
    });
    var labels = names.map(function (name, i) { return { label: name, color: color(i) }; });
    chart("chart-requests-rps", labels, rps, "/s");
    chart("chart-requests-errors", labels, errs, "/s");
    var holder = $("request-charts");
    names.forEach(function (name, i) {
      var id = "chart-request-" + i;
      if (!$(id)) {
        var fig = document.createElement("figure");
        fig.className = "chart";
        var cap = document.createElement("figcaption");
        cap.textContent = name;
        var div = document.createElement("div");
        div.className = "plot";
        div.id = id;
        fig.appendChild(cap);
        fig.appendChild(div);
        holder.appendChild(fig);
      }
      var q = data.requests[name];
      chart(id,
        [{ label: "p50", color: "#0969da" }, { label: "p95", color: "#8250df" }, { label: "p99", color: "#cf222e" }],
        [xs, q.p50, q.p95, q.p99], "ms");
    });
  }

  // ---- tables and banner ----

  function drawRun(r) {
    var run = r.run;
    var banner = $("banner");
    var tripped = r.stop.criteria.some(function (c) { return c.tripped; });
    var state = run.state === "running" && tripped ? "stopping" : run.state;
    banner.className = "banner live " + state;
    $("state").textContent = state.toUpperCase();
    $("phase").textContent = run.phase || "\u2014";
    $("elapsed").textContent = clock(run.elapsedSeconds) +
      (run.plannedSeconds != null ? " of " + clock(run.plannedSeconds) : "");
    var share = run.plannedSeconds ? Math.min(1, (run.elapsedSeconds || 0) / run.plannedSeconds) : 0;
    $("progress").style.width = (100 * share).toFixed(1) + "%";
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    $("lost").hidden = true;
    var ended = run.state === "ended";
    $("ended").hidden = !ended;
    var links = $("reports");
    while (links.firstChild) {
      links.removeChild(links.firstChild);
    }
    run.reports.forEach(function (l) {
      var a = document.createElement("a");
      a.className = "report-link";
      a.href = l.href;
      a.textContent = l.title;
      links.appendChild(a);
    });
    body.setAttribute("data-state", state);
  }

  function drawTables(r) {
    rows("gates", r.gates.map(function (g) {
      return [[g.name, "name"], [g.value || "\u2014", "num"], [g.limit, "num"],
        [STATE_WORDS[g.state] || g.state, "state-" + g.state.toLowerCase()]];
    }), "No gate standing yet.", function (i) {
      return r.gates[i].state === "FAIL" ? "gate-fail" : "";
    });
    $("stop-window").textContent = r.stop.windowSeconds > 0
      ? "the last " + r.stop.windowSeconds + " s: " + r.stop.requests + " requests" : "";
    rows("stop", r.stop.criteria.map(function (c) {
      var fmt = function (v) {
        if (v == null) {
          return "\u2014";
        }
        if (c.unit === "ratio") {
          return (100 * v).toFixed(2) + "%";
        }
        if (c.unit === "seconds") {
          return Math.round(1000 * v) + " ms";
        }
        return String(v);
      };
      return [[c.criterion, "name"], [fmt(c.value), "num"], [fmt(c.limit), "num"],
        [c.tripped ? "met: stopping the run" : "not met", c.tripped ? "state-fail" : "state-pass"]];
    }), "No stop criterion is on.", function (i) {
      return r.stop.criteria[i].tripped ? "tripped" : "";
    });
    var list = [r.all].concat(r.requests);
    rows("requests", list.map(function (q, i) {
      var rec = q.recent;
      return [[i === 0 ? "all requests" : q.name, "name"], [String(q.count), "num"],
        [String(q.failed), "num"], [percent(q.failed, q.count), "num"], [ms(q.meanMs), "num"],
        [q.answers ? ms(q.maxMs) : "\u2014", "num"],
        [rec ? ((rec.ok + rec.ko) / rec.seconds).toFixed(1) : "0", "num"],
        [ms(rec && rec.p50), "num"], [ms(rec && rec.p95), "num"], [ms(rec && rec.p99), "num"]];
    }).filter(function (row, i) { return i === 0 || list[i].count > 0 || list[i].answers > 0; }),
    "No request has completed yet.");
    rows("error-classes", r.errors.classes.map(function (c) {
      return [[c.name, "name"], [String(c.count), "num"]];
    }), "No error.");
    var messages = r.errors.messages.map(function (m) {
      return [[m.message, "message"], [m["class"], ""], [String(m.count), "num"]];
    });
    if (r.errors.otherMessages > 0) {
      messages.push([["other messages", "muted"], ["", ""], [String(r.errors.otherMessages), "num"]]);
    }
    rows("error-messages", messages, "No error.");
    var res = [];
    var inj = r.injector;
    res.push([["injector", ""], ["CPU", ""], [inj.cpuRatio == null ? "\u2014" : (100 * inj.cpuRatio).toFixed(1) + "%", "num"]]);
    res.push([["injector", ""], ["heap after GC", ""], [bytes(inj.heapAfterGcBytes), "num"]]);
    res.push([["injector", ""], ["GC time", ""], [inj.gcSeconds == null ? "\u2014" : inj.gcSeconds.toFixed(2) + " s", "num"]]);
    r.target.forEach(function (t) {
      var v = t.unit === "bytes" ? bytes(t.value) : t.unit === "ratio" ? (100 * t.value).toFixed(1) + "%" : String(t.value);
      res.push([["target", ""], [t.resource, "name"], [v, "num"]]);
    });
    rows("resources", res, "Not sampled yet.");
  }

  // ---- the refresh loop ----

  function schedule(ms) {
    window.setTimeout(refresh, ms);
  }

  function refresh() {
    var from = data.seconds.length ? Math.max(0, data.seconds[data.seconds.length - 1] - REVISE + 1) : 0;
    fetch("live.json?from=" + from, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (r) {
        last = r;
        if (r.to >= r.from) {
          merge(r);
        }
        drawRun(r);
        drawTables(r);
        if (data.seconds.length) {
          drawCharts();
        }
        refreshes++;
        body.setAttribute("data-refreshes", String(refreshes));
        // An ended run changes no more: one last refresh drew it.
        if (r.run.state !== "ended") {
          schedule(REFRESH_MS);
        }
      })
      .catch(function () {
        $("lost").hidden = false;
        $("banner").className = "banner live lost";
        $("state").textContent = "NO ANSWER";
        body.setAttribute("data-state", "lost");
        schedule(3 * REFRESH_MS);
      });
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      Object.keys(plots).forEach(function (id) {
        var p = plots[id];
        p.plot.setSize({ width: widthOf(p.el), height: HEIGHT });
      });
    });
  });

  refresh();
})();
