package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Every format says why requests failed, in the same words, and says nothing when none did. */
class ExplanationFormatsTest {
  private static final String WHY =
      "connection refused on 127.0.0.1:9: is the target running? Nothing listens on that port"
          + " (143 requests failed).";

  @Test
  void summaryJsonListsTheExplanationWithItsCauseAddressAndCount() {
    JsonNode e = SummaryCodec.tree(Reports.targetDown()).path("explanations").get(0);
    assertEquals("connection-refused", e.path("cause").asText());
    assertEquals("127.0.0.1:9", e.path("address").asText());
    assertEquals(143, e.path("count").asLong());
    assertEquals(WHY, e.path("text").asText());
    assertEquals(0, SummaryCodec.tree(Reports.passing()).path("explanations").size());
  }

  @Test
  void junitFailureMessageAndTextCarryTheExplanation() throws Exception {
    String xml = JunitXml.render(Reports.targetDown(), "ci-agent-1");
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertTrue(
        failure.getAttribute("message").endsWith("Why requests failed: " + WHY),
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("why requests failed: " + WHY), xml);
    assertFalse(JunitXml.render(Reports.passing(), "ci-agent-1").contains("why requests failed"));
  }

  /** A run whose target answered an HTML sign-in page where the checks read JSON. */
  private static Summary htmlForJson() {
    // As a real run against an HTML page recorded it (HostileTargetTest).
    String message =
        "i.p.s.AnswerNotJson: the answer of json-page is text/html; charset=utf-8, not JSON: it"
            + " starts \"<!DOCTYPE html><html><head><title>Sign in</title></head><bod...\" (124B)";
    var errors = List.of(new io.perfgate.summary.ErrorCount(message, 92, 100));
    var down = Reports.targetDown();
    return new Summary(
        down.run(),
        down.global(),
        down.measured(),
        down.requests(),
        down.groups(),
        down.phases(),
        down.perSecond(),
        errors,
        io.perfgate.analysis.Explanations.explain(
            errors, "http://127.0.0.1:4711", down.global(), List.of()),
        down.gates(),
        down.findings(),
        down.apdex(),
        down.baseline(),
        down.verdict(),
        down.capacity(),
        down.resources());
  }

  @Test
  void whatArrivedIsQuotedInEveryFormatWithoutBecomingMarkup() throws Exception {
    Summary report = htmlForJson();
    String why = report.explanations().get(0).text();
    assertTrue(
        why.startsWith(
            "127.0.0.1:4711 answered json-page with text/html; charset=utf-8: it starts"
                + " \"<!DOCTYPE html><html><head><title>Sign in</title></head><bod...\" (124B),"
                + " not the JSON its checks read"),
        why);

    assertEquals(why, SummaryCodec.tree(report).path("explanations").get(0).path("text").asText());
    String xml = JunitXml.render(report, "ci-agent-1");
    Element failure =
        (Element)
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)))
                .getElementsByTagName("failure")
                .item(0);
    assertTrue(failure.getAttribute("message").endsWith("Why requests failed: " + why), xml);
    String md = SummaryMarkdown.render(report);
    assertTrue(md.contains("&lt;!DOCTYPE html>&lt;html>"), md);
    assertFalse(md.contains("<title>"), "no tag reaches a Markdown renderer: " + md);
    String page = RunPage.render(report);
    assertFalse(page.contains("<title>Sign in</title>"), "the answer's markup stays text");
    assertTrue(page.contains("&lt;title&gt;Sign in&lt;/title&gt;"), page);
    assertTrue(
        ConsoleVerdict.render(report, List.of())
            .replaceAll("\\s*\\|\\s*", " ")
            .contains("WHY: 127.0.0.1:4711 answered json-page with text/html"));
  }

  @Test
  void consoleMarkdownAndPageSayIt() {
    String console = ConsoleVerdict.render(Reports.targetDown(), List.of(Path.of("summary.json")));
    assertTrue(
        console
            .replaceAll("\\s*\\|\\s*", " ")
            .contains("WHY: connection refused on 127.0.0.1:9: is the target running?"),
        console);
    String md = SummaryMarkdown.render(Reports.targetDown());
    assertTrue(md.contains("**Why requests failed:**\n\n- " + WHY + "\n"), md);
    String page = RunPage.render(Reports.targetDown());
    assertTrue(page.contains("id=\"why\""), page);
    assertTrue(page.contains("connection refused on 127.0.0.1:9: is the target running?"), page);
    assertFalse(RunPage.render(Reports.passing()).contains("id=\"why\""));
    assertFalse(SummaryMarkdown.render(Reports.passing()).contains("Why requests failed"));
  }
}
