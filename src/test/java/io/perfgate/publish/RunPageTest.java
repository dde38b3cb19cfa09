package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Figures;
import io.perfgate.summary.Second;
import io.perfgate.summary.Summary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class RunPageTest {
  /** The page is XHTML-compatible on purpose: the JDK's XML parser proves it is well formed. */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> all(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  static Element byId(Document doc, String id) {
    for (Element e : all(doc, "*")) {
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  /** Every table row under {@code scope}, its cells' texts joined by one space, one row a line. */
  static String rows(Element scope) {
    StringBuilder sb = new StringBuilder();
    NodeList trs = scope.getElementsByTagName("tr");
    for (int i = 0; i < trs.getLength(); i++) {
      NodeList cells = ((Element) trs.item(i)).getChildNodes();
      List<String> texts = new ArrayList<>();
      for (int c = 0; c < cells.getLength(); c++) {
        if (cells.item(c) instanceof Element cell) {
          texts.add(cell.getTextContent().strip().replaceAll("\\s+", " "));
        }
      }
      sb.append(String.join(" ", texts)).append('\n');
    }
    return sb.toString();
  }

  /** No attribute points off the machine and the style sheet loads nothing. */
  static void assertSelfContained(Document doc, String html) {
    for (Element e : all(doc, "*")) {
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        String value = attributes.item(i).getNodeValue();
        assertFalse(value.contains("://"), e.getTagName() + " refers elsewhere: " + value);
      }
    }
    assertTrue(all(doc, "script").isEmpty(), "no script");
    assertTrue(all(doc, "link").isEmpty(), "no linked style sheet");
    assertTrue(all(doc, "img").isEmpty(), "no images to fetch");
    for (Element style : all(doc, "style")) {
      assertFalse(style.getTextContent().contains("url("), "no url() in CSS");
      assertFalse(style.getTextContent().contains("@import"), "no @import in CSS");
    }
  }

  @Test
  void everyPageIsWellFormedAndSelfContained() throws Exception {
    for (Summary report : Reports.all()) {
      String html = RunPage.render(report);
      assertTrue(html.startsWith("<!DOCTYPE html>"));
      Document doc = parse(html);
      assertSelfContained(doc, html);
      // The only "://" anywhere is the target's own URL, shown as text.
      String withoutTarget = html.replace(escape(report.run().target()), "");
      assertFalse(withoutTarget.contains("http://") || withoutTarget.contains("https://"), html);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;")
        .replace("=", "&#x3D;");
  }

  @Test
  void bannerShowsVerdictHeadlineAndTheLinkToGatlingsReport() throws Exception {
    Document doc = parse(RunPage.render(Reports.failing()));
    Element banner = all(doc, "header").get(0);
    assertEquals("banner fail", banner.getAttribute("class"));
    assertTrue(banner.getTextContent().contains("FAIL"));
    assertEquals("2 of 4 gates breached", all(doc, "h1").get(0).getTextContent());
    Element link =
        all(doc, "a").stream()
            .filter(a -> a.getAttribute("class").equals("report-link"))
            .findFirst()
            .orElseThrow();
    assertEquals("../index.html", link.getAttribute("href"));
  }

  @Test
  void gatesTableListsEveryGateWithTierAndResult() throws Exception {
    Document doc = parse(RunPage.render(Reports.failing()));
    List<Element> rows =
        all(byId(doc, "gates").getOwnerDocument(), "tr").stream()
            .filter(r -> r.getAttribute("class").startsWith("gate-"))
            .toList();
    assertEquals(4, rows.size());
    String first = rows.get(0).getTextContent().replaceAll("\\s+", " ");
    assertTrue(first.contains("global p95 < 500ms 500ms 812ms acceptable FAIL"), first);
    assertEquals("gate-fail", rows.get(0).getAttribute("class"));
    assertEquals("gate-pass", rows.get(2).getAttribute("class"));
  }

  @Test
  void measuredAndWholeRunFiguresSitSideBySideWithTheWarmUpExplained() throws Exception {
    Document doc = parse(RunPage.render(Reports.failing()));
    String rows = rows(byId(doc, "figures"));
    assertTrue(rows.contains("\np95 812 ms 1450 ms\n"), rows);
    assertTrue(rows.contains("\nRequests 3250 3900\n"), rows);
    assertTrue(rows.contains("\nApdex 0.71 -\n"), rows);
    String text = byId(doc, "figures").getTextContent();
    assertTrue(text.contains("The first 10 s of the run are warm-up"), text);
  }

  @Test
  void findingsAndRecommendationsAreGroupedByHorizon() throws Exception {
    Document doc = parse(RunPage.render(Reports.failing()));
    Element findings = byId(doc, "findings");
    assertNotNull(findings);
    List<String> horizons = new ArrayList<>();
    for (Element div : all(doc, "div")) {
      if (div.getAttribute("class").startsWith("horizon ")) {
        horizons.add(div.getElementsByTagName("h3").item(0).getTextContent());
      }
    }
    assertEquals(List.of("Immediate", "Short term", "Long term"), horizons);
    assertTrue(
        findings.getTextContent().contains("Cache hit ratio 62%."), "info findings are listed");
    assertNull(
        byId(parse(RunPage.render(Reports.aborted())), "findings"), "no findings, no section");
  }

  @Test
  void perSecondChartsAreInlineSvgWithTheWarmUpShaded() throws Exception {
    Document doc = parse(RunPage.render(Reports.failing()));
    assertEquals(4, all(doc, "svg").size());
    assertEquals(5, all(doc, "polyline").size(), "requests+errors, errors, p95, users");
    assertEquals(4, all(doc, "rect").size(), "one warm-up band per chart");
    String points = all(doc, "polyline").get(0).getAttribute("points");
    assertEquals(62, points.split(" ").length, "one point per second");
  }

  @Test
  void longRunsAreFoldedToOnePointPerPixel() {
    List<Second> day = new ArrayList<>();
    for (int s = 0; s < 86_400; s++) {
      day.add(new Second(s, 10, 0, 0, Figures.countsOnly(100, s == 50_000 ? 7 : 0, 100)));
    }
    var chart =
        Charts.chart(
            "errors",
            day,
            0,
            List.of(new Charts.Series("e", "e", x -> x.figures().ko(), Charts.Fold.MAX)));
    @SuppressWarnings("unchecked")
    var series = (List<java.util.Map<String, Object>>) chart.get("series");
    String[] points = ((String) series.get(0).get("points")).split(" ");
    assertTrue(points.length <= Charts.WIDTH, "points: " + points.length);
    assertTrue(
        java.util.Arrays.stream(points).anyMatch(p -> !p.endsWith(",146.0")),
        "the spike survives folding");
  }

  @Test
  void ladderPhasesShowScalingEfficiency() throws Exception {
    Document doc = parse(RunPage.render(Reports.passing()));
    String rows = rows(byId(doc, "phases"));
    assertTrue(rows.contains("Scaling efficiency"), rows);
    assertTrue(
        rows.contains("\n25 users 25 0:40 1:02 1900 0.16% 40 ms 120 ms 200 ms 86.0 41%\n"), rows);
    String failing = RunPage.render(Reports.oddNames());
    assertFalse(failing.contains("Scaling efficiency"), "no ladder, no efficiency column");
  }

  @Test
  void errorsAndBaselineTablesAppearWhenThereIsSomethingToShow() throws Exception {
    Document failing = parse(RunPage.render(Reports.failing()));
    assertTrue(byId(failing, "errors").getTextContent().contains("but actually found 503"));
    assertNull(byId(failing, "baseline"));
    Document withBaseline = parse(RunPage.render(Reports.withBaseline()));
    Element baseline = byId(withBaseline, "baseline");
    assertTrue(baseline.getTextContent().contains("trackersimulation-20261116150000000"));
    String rows = rows(baseline);
    assertTrue(rows.contains("\nglobal p95 134 150 +11.9%\n"), rows);
    assertTrue(rows.contains("\nglobal errors % 0 0.06 n/a\n"), rows);
    assertNull(byId(withBaseline, "errors"));
  }

  @Test
  void namesAndMessagesAreEscaped() throws Exception {
    String html = RunPage.render(Reports.oddNames());
    Document doc = parse(html);
    assertFalse(html.contains("<script>"), "markup in a message stays text");
    assertFalse(html.contains("<b>&amp;"), "markup in a name stays text");
    String requests = byId(doc, "requests").getTextContent();
    assertTrue(requests.contains("grp <&> / " + Reports.ODD_REQUEST), requests);
    assertTrue(byId(doc, "errors").getTextContent().contains("didn't match ]]> & \"quote\""));
    assertTrue(
        byId(doc, "findings").getTextContent().contains("fix <script>alert(1)</script> & go"));
    assertTrue(all(doc, "title").get(0).getTextContent().contains("run <1> & \"co\""));
  }

  @Test
  void abortedRunIsFlaggedAtTheTop() throws Exception {
    Document doc = parse(RunPage.render(Reports.aborted()));
    Element alert =
        all(doc, "div").stream()
            .filter(d -> d.getAttribute("class").equals("alert"))
            .findFirst()
            .orElseThrow();
    String text = alert.getTextContent();
    assertTrue(text.contains("The run was aborted: Too many errors"), text);
    assertTrue(text.contains("Only 21 s of the planned 5 min ran."), text);
  }

  @Test
  void gatesWithoutEnoughDataShowNotJudgedWithTheirNote() throws Exception {
    Document doc = parse(RunPage.render(Reports.notJudged()));
    String gates = rows(byId(doc, "gates"));
    assertTrue(
        gates.contains(
            "request health p99 < 100msnot enough data: 25 requests, p99 needs 1,000 100ms 112ms"
                + " - not judged"),
        gates);
    long unjudgedRows =
        all(doc, "tr").stream()
            .filter(r -> r.getAttribute("class").equals("gate-unjudged"))
            .count();
    assertEquals(3, unjudgedRows);
    assertTrue(
        byId(doc, "gates").getTextContent().contains("3 gates were not judged (not enough data)"));
    String baseline = byId(doc, "baseline").getTextContent();
    assertTrue(
        baseline.contains("Baseline: the last 3 runs: trackersimulation-20261120150000000"),
        baseline);
    assertTrue(
        baseline.contains("How regressions were decided: spread between the last 3 runs"),
        baseline);
  }
}
