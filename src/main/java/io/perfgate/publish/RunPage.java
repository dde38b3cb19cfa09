package io.perfgate.publish;

import io.perfgate.summary.Summary;

/**
 * perfgate's index.html for one run, beside Gatling's report: verdict, gates, measured and
 * whole-run figures, requests, findings with advice, phases, per-second charts, errors and the
 * baseline diff. One self-contained file (inline CSS and SVG, no script, no external URL) that
 * opens offline and parses as XML, from the {@code run} template.
 */
public final class RunPage {
  public static final String FILE_NAME = "index.html";

  private RunPage() {}

  public static String render(Summary report) {
    return Templates.render("run", RunView.of(report));
  }
}
