package io.perfgate.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.summary.Summary;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  private static Schema xsd() throws Exception {
    // Jenkins xUnit plugin's JUnit schema, copied from /work/shared/schemas (see the file's
    // header).
    URL url = JunitXmlTest.class.getResource("/publish/junit-10.xsd");
    assertNotNull(url, "publish/junit-10.xsd is missing from the test resources");
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return factory.newSchema(url);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document doc, String name) {
    NodeList nodes = doc.getElementsByTagName(name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  @Test
  void everyReportValidatesAgainstTheJenkinsJunitSchema() throws Exception {
    Schema schema = xsd();
    for (Summary report : Reports.all()) {
      String xml = JunitXml.render(report, "ci-agent-1");
      schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
  }

  @Test
  void breachedGatesAreFailuresWithThresholdActualAndTier() throws Exception {
    Document doc = parse(JunitXml.render(Reports.failing(), "ci-agent-1"));
    List<Element> failures = elements(doc, "failure");
    assertEquals(2, failures.size());
    Element p95 = failures.get(0);
    assertEquals("SLA breach", p95.getAttribute("type"));
    String message = p95.getAttribute("message");
    assertTrue(message.contains("global p95 < 500ms breached"), message);
    assertTrue(message.contains("threshold 500ms"), message);
    assertTrue(message.contains("actual 812ms"), message);
    assertTrue(message.contains("tier acceptable"), message);
    Element testcase = (Element) p95.getParentNode();
    assertEquals("perfgate.stress.global", testcase.getAttribute("classname"));
    assertEquals("p95 < 500ms", testcase.getAttribute("name"));

    String errors = failures.get(1).getAttribute("message");
    assertTrue(errors.contains("threshold 1%") && errors.contains("actual 2.154%"), errors);
    assertTrue(errors.contains("tier poor"), errors);
  }

  @Test
  void passedGatesCarryTheirFiguresInSystemOut() throws Exception {
    Document doc = parse(JunitXml.render(Reports.failing(), "ci-agent-1"));
    Element health = elements(doc, "testcase").get(2);
    assertEquals("perfgate.stress.request health", health.getAttribute("classname"));
    assertEquals(0, health.getElementsByTagName("failure").getLength());
    String out = health.getElementsByTagName("system-out").item(0).getTextContent();
    assertTrue(out.contains("threshold 25ms, actual 8ms, tier target"), out);
    assertTrue(out.contains("written at: resources/perfgate.conf:12"), out);
  }

  @Test
  void countsAndSuiteAttributesMatchTheGates() throws Exception {
    Document doc = parse(JunitXml.render(Reports.failing(), "ci-agent-1"));
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("4", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
    assertEquals("0", root.getAttribute("errors"));
    assertEquals("62.000", root.getAttribute("time"));
    Element suite = elements(doc, "testsuite").get(0);
    assertEquals(
        "perfgate io.perfgate.simulations.TrackerSimulation stress", suite.getAttribute("name"));
    assertEquals("4", suite.getAttribute("tests"));
    assertEquals("2", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("skipped"));
    assertEquals("2026-11-23T15:04:46", suite.getAttribute("timestamp"));
    assertEquals("ci-agent-1", suite.getAttribute("hostname"));
    assertEquals(4, elements(doc, "testcase").size());
    boolean verdict = false;
    for (Element p : elements(doc, "property")) {
      verdict |=
          p.getAttribute("name").equals("perfgate.verdict")
              && p.getAttribute("value").equals("FAIL");
    }
    assertTrue(verdict, "the verdict is a suite property");
  }

  @Test
  void passingRunHasNoFailures() throws Exception {
    Document doc = parse(JunitXml.render(Reports.passing(), "h"));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(0, elements(doc, "failure").size());
    assertEquals(3, elements(doc, "testcase").size());
  }

  @Test
  void anAbortedRunIsAnErrorBesideItsGates() throws Exception {
    Document doc = parse(JunitXml.render(Reports.aborted(), "h"));
    assertEquals("3", doc.getDocumentElement().getAttribute("tests"));
    assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
    assertEquals("2", doc.getDocumentElement().getAttribute("failures"));
    Element error = elements(doc, "error").get(0);
    assertEquals("Run aborted", error.getAttribute("type"));
    assertTrue(
        error.getAttribute("message").contains("Too many errors"), error.getAttribute("message"));
    assertTrue(error.getTextContent().contains("simulation.log ends mid-record"));
    String unmeasured = elements(doc, "failure").get(1).getAttribute("message");
    assertTrue(unmeasured.contains("actual not measured"), unmeasured);
  }

  @Test
  void oddCharactersAreEscapedAndControlCharactersReplaced() throws Exception {
    String xml = JunitXml.render(Reports.oddNames(), "h<&>");
    Document doc = parse(xml);
    Element testcase = elements(doc, "testcase").get(0);
    // Dots split class names into packages in CI tools, so the scenario's dot becomes '_'.
    assertEquals(
        "perfgate.odd_profile.request " + Reports.ODD_REQUEST, testcase.getAttribute("classname"));
    Element suite = elements(doc, "testsuite").get(0);
    assertEquals("h<&>", suite.getAttribute("hostname"));
    assertEquals("perfgate Sim<Odd> odd.profile", suite.getAttribute("name"));
    String failure = elements(doc, "failure").get(0).getAttribute("message");
    assertTrue(failure.startsWith("request " + Reports.ODD_REQUEST), failure);
    assertTrue(xml.contains("&lt;b&gt;") || xml.contains("&lt;b>"), "markup in names is escaped");
  }

  @Test
  void gatesWithoutEnoughDataAreSkippedTestsWithTheReason() throws Exception {
    Document doc = parse(JunitXml.render(Reports.notJudged(), "ci-agent-1"));
    Element suite = elements(doc, "testsuite").get(0);
    assertEquals("3", suite.getAttribute("skipped"));
    assertEquals("1", suite.getAttribute("failures"));
    List<Element> skipped = elements(doc, "skipped");
    assertEquals(3, skipped.size());
    assertEquals(
        "request health p99 < 100ms not judged: not enough data: 25 requests, p99 needs 1,000",
        skipped.get(1).getAttribute("message"));
    assertEquals(JunitXml.NOT_ENOUGH_DATA, skipped.get(1).getAttribute("type"));
    Element regression = elements(doc, "failure").get(0);
    assertTrue(
        regression
            .getAttribute("message")
            .contains("p95 +12 % [+8 %, +16 %] against the last 3 runs: regression"),
        regression.getAttribute("message"));
  }
}
