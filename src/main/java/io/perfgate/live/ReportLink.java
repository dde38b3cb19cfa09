package io.perfgate.live;

import java.util.Objects;

/**
 * A report of the ended run, linked from the live page, e.g. ("Gatling report",
 * "/results/run-1/index.html").
 *
 * @param href a relative or absolute URL, as the caller knows the report
 */
public record ReportLink(String title, String href) {
  public ReportLink {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(href, "href");
  }
}
