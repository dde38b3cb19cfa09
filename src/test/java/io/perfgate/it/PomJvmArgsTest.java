package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Gatling JVM's options in pom.xml: nothing it writes lands outside results/, and an
 * OutOfMemoryError ends it at once. The forked runs of the tests use the same options.
 */
class PomJvmArgsTest {
  static List<String> pomJvmArgs() throws Exception {
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    NodeList plugins = doc.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (plugin
          .getElementsByTagName("artifactId")
          .item(0)
          .getTextContent()
          .equals("gatling-maven-plugin")) {
        NodeList args = plugin.getElementsByTagName("jvmArg");
        List<String> out = new ArrayList<>();
        for (int j = 0; j < args.getLength(); j++) {
          out.add(args.item(j).getTextContent().trim());
        }
        return out;
      }
    }
    throw new AssertionError("no gatling-maven-plugin in pom.xml");
  }

  @Test
  void heapDumpsCrashFilesAndCoresStayOutOfTheWorkingDirectory() throws Exception {
    List<String> args = pomJvmArgs();
    assertTrue(args.contains("-XX:-HeapDumpOnOutOfMemoryError"), args.toString());
    assertTrue(args.contains("-XX:HeapDumpPath=${gatling.resultsFolder}"), args.toString());
    assertTrue(
        args.contains("-XX:ErrorFile=${gatling.resultsFolder}/hs_err_pid%p.log"), args.toString());
    assertTrue(
        args.contains("-XX:ReplayDataFile=${gatling.resultsFolder}/replay_pid%p.log"),
        args.toString());
    assertTrue(args.contains("-XX:-CreateCoredumpOnCrash"), args.toString());
    assertTrue(
        args.contains(
            "-XX:OnOutOfMemoryError=touch '${gatling.resultsFolder}/perfgate-oom-%p'; kill -TERM %p"),
        args.toString());
  }

  @Test
  void forkedTestRunsUseThePomsOptions() throws Exception {
    Path results = Path.of("/tmp/results");
    List<String> forked = GatlingProcess.jvmOptions(results);
    List<String> pom =
        pomJvmArgs().stream()
            .map(a -> a.replace("${gatling.resultsFolder}", results.toString()))
            .map(a -> a.replace("${perfgate.heap}", "1g"))
            .toList();
    // The plugin's own options come first, then the pom's, in the pom's order.
    assertEquals(pom, forked.subList(forked.size() - pom.size(), forked.size()));
  }
}
