package io.perfgate.publish;

import io.perfgate.summary.GateResult;
import io.perfgate.summary.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml: one test case per gate, so Jenkins' {@code junit} step, GitLab and Azure DevOps show
 * breached gates as failed tests. Gatling 3.13.5 stopped writing assertions.xml; this replaces it.
 *
 * <p>The layout follows the JUnit schema of Jenkins' xUnit plugin (junit-10.xsd): the {@code
 * testsuites} root allows only name/tests/failures/errors/time, so skipped, timestamp and hostname
 * sit on the {@code testsuite}.
 */
public final class JunitXml {
  public static final String FILE_NAME = "junit.xml";
  static final String BREACH = "SLA breach";
  static final String NOT_ENOUGH_DATA = "Not enough data";

  private JunitXml() {}

  /** Writes junit.xml (UTF-8) naming this machine as the host; leaves {@code out} open. */
  public static void write(Summary report, OutputStream out) throws IOException {
    write(report, localHostName(), out);
  }

  /** Writes junit.xml (UTF-8); leaves {@code out} open. */
  public static void write(Summary report, String hostname, OutputStream out) throws IOException {
    try {
      XMLStreamWriter xml =
          XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      new Writer(report, hostname, xml).document();
      xml.flush();
      xml.close(); // closes the writer only, never the underlying stream
    } catch (XMLStreamException e) {
      throw new IOException("Could not write junit.xml: " + e.getMessage(), e);
    }
  }

  public static String render(Summary report, String hostname) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(report, hostname, out);
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | SecurityException e) {
      // A machine without a resolvable name still gets its junit.xml.
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }

  /** One document; keeps the counters and the writer together. */
  private static final class Writer {
    private final Summary report;
    private final String hostname;
    private final XMLStreamWriter xml;
    private final boolean runBroken;

    Writer(Summary report, String hostname, XMLStreamWriter xml) {
      this.report = report;
      this.hostname = hostname;
      this.xml = xml;
      this.runBroken = report.run().aborted() || report.run().truncated();
    }

    void document() throws XMLStreamException {
      Summary.Run run = report.run();
      int tests = report.gates().size() + (runBroken ? 1 : 0);
      String failures = Long.toString(Words.breached(report));
      String errors = runBroken ? "1" : "0";
      String time = Fmt.seconds(run.durationMillis());

      xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      newline(0);
      xml.writeStartElement("testsuites");
      attribute("name", "perfgate");
      attribute("tests", Integer.toString(tests));
      attribute("failures", failures);
      attribute("errors", errors);
      attribute("time", time);
      newline(1);
      xml.writeStartElement("testsuite");
      attribute("name", "perfgate " + run.simulation() + " " + run.scenario());
      attribute("tests", Integer.toString(tests));
      attribute("failures", failures);
      attribute("errors", errors);
      attribute("skipped", Long.toString(Words.unjudged(report)));
      attribute("time", time);
      attribute("timestamp", Fmt.junitTimestamp(run.startEpochMillis()));
      attribute("hostname", hostname);
      properties();
      if (runBroken) {
        runCase();
      }
      for (GateResult gate : report.gates()) {
        gateCase(gate);
      }
      newline(2);
      element("system-out", suiteOut());
      newline(1);
      xml.writeEndElement();
      newline(0);
      xml.writeEndElement();
      newline(0);
      xml.writeEndDocument();
    }

    private void properties() throws XMLStreamException {
      Summary.Run run = report.run();
      Map<String, String> values = new LinkedHashMap<>();
      values.put("perfgate.verdict", report.verdict().name());
      values.put("perfgate.run", run.id());
      values.put("perfgate.simulation", run.simulation());
      values.put("perfgate.scenario", run.scenario());
      values.put("perfgate.environment", run.environment());
      values.put("perfgate.target", run.target());
      values.put("perfgate.start", Fmt.iso(run.startEpochMillis()));
      values.put("perfgate.warmUpMillis", Long.toString(run.warmUpMillis()));
      values.put("perfgate.gatlingVersion", run.gatlingVersion());
      values.put("perfgate.gatlingReport", run.gatlingReport());
      newline(2);
      xml.writeStartElement("properties");
      for (Map.Entry<String, String> e : values.entrySet()) {
        newline(3);
        xml.writeEmptyElement("property");
        attribute("name", e.getKey());
        attribute("value", e.getValue());
      }
      newline(2);
      xml.writeEndElement();
    }

    /** An aborted or killed run is an error of its own, beside whatever the gates say. */
    private void runCase() throws XMLStreamException {
      List<String> problems = Words.runProblems(report.run());
      newline(2);
      xml.writeStartElement("testcase");
      attribute("classname", className("run"));
      attribute("name", "run completed");
      attribute("time", "0");
      newline(3);
      xml.writeStartElement("error");
      attribute("message", problems.get(0));
      attribute("type", report.run().aborted() ? "Run aborted" : "Run truncated");
      text(String.join("\n", problems));
      xml.writeEndElement();
      newline(2);
      xml.writeEndElement();
    }

    private void gateCase(GateResult gate) throws XMLStreamException {
      newline(2);
      xml.writeStartElement("testcase");
      attribute("classname", className(gate.scope()));
      attribute("name", gate.criterion());
      // A gate is judged after the run and costs no time; giving each the run's duration would
      // multiply the run's length in tools that add test times up.
      attribute("time", "0");
      newline(3);
      String measurement =
          "threshold "
              + Words.threshold(gate)
              + ", actual "
              + Words.actual(gate)
              + ", tier "
              + Words.tierOrDash(gate.tier());
      if (gate.unjudged() && gate.passed()) {
        // Neither held nor breached: a skipped test, so CI shows the gate without failing it.
        xml.writeEmptyElement("skipped");
        attribute("message", gate.name() + " not judged: " + gate.note());
        attribute("type", NOT_ENOUGH_DATA);
        newline(3);
        element("system-out", "not judged: " + measurement + "\n" + details(gate));
      } else if (gate.passed()) {
        element(
            "system-out",
            "held: "
                + measurement
                + (gate.note().isEmpty() ? "" : "\n" + gate.note())
                + "\n"
                + details(gate));
      } else {
        List<String> why = Words.explanations(report);
        xml.writeStartElement("failure");
        attribute(
            "message",
            gate.name()
                + " breached: "
                + measurement
                + (gate.note().isEmpty() ? "" : ". " + gate.note())
                + (why.isEmpty() ? "" : ". Why requests failed: " + why.get(0)));
        attribute("type", gate.unjudged() ? NOT_ENOUGH_DATA : BREACH);
        text(
            (gate.note().isEmpty() ? "" : gate.note() + "\n")
                + details(gate)
                + why.stream()
                    .map(w -> "why requests failed: " + w + "\n")
                    .reduce("", String::concat));
        xml.writeEndElement();
      }
      newline(2);
      xml.writeEndElement();
    }

    private String details(GateResult gate) {
      Summary.Run run = report.run();
      return "gate: "
          + gate.name()
          + "\nwritten at: "
          + (gate.origin().isEmpty() ? "(unknown)" : gate.origin())
          + "\nwindow: "
          + Words.warmUp(run)
          + "\nrun: "
          + run.id()
          + " ("
          + run.scenario()
          + (run.environment().isEmpty() ? "" : ", " + run.environment())
          + ")\n";
    }

    private String suiteOut() {
      Summary.Run run = report.run();
      StringBuilder sb = new StringBuilder();
      sb.append("perfgate ")
          .append(report.verdict().name())
          .append(": ")
          .append(Words.headline(report))
          .append('\n');
      for (String why : Words.explanations(report)) {
        sb.append("why requests failed: ").append(why).append('\n');
      }
      for (String problem : Words.runProblems(run)) {
        sb.append("warning: ").append(problem).append('\n');
      }
      Words.unjudgedNote(report).ifPresent(n -> sb.append("warning: ").append(n).append('\n'));
      sb.append(Words.warmUp(run)).append('\n');
      if (!run.gatlingReport().isBlank()) {
        sb.append("Gatling report: ").append(run.gatlingReport()).append('\n');
      }
      return sb.toString();
    }

    /**
     * "perfgate.stress.request health". CI tools split class names on dots into packages, so dots
     * inside the scenario or a request name become underscores to keep one level per scope.
     */
    private String className(String scope) {
      return "perfgate."
          + report.run().scenario().replace('.', '_')
          + "."
          + scope.replace('.', '_');
    }

    private void element(String name, String content) throws XMLStreamException {
      xml.writeStartElement(name);
      text(content);
      xml.writeEndElement();
    }

    private void attribute(String name, String value) throws XMLStreamException {
      xml.writeAttribute(name, XmlText.clean(value));
    }

    private void text(String value) throws XMLStreamException {
      xml.writeCharacters(XmlText.clean(value));
    }

    private void newline(int depth) throws XMLStreamException {
      xml.writeCharacters("\n" + "  ".repeat(depth));
    }
  }
}
