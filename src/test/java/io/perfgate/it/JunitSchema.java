package io.perfgate.it;

import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

/** Validates junit.xml against the Jenkins xUnit plugin's JUnit schema (junit-10.xsd). */
final class JunitSchema {
  private JunitSchema() {}

  static void validate(Path junitXml) throws Exception {
    var schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(JunitSchema.class.getResource("/publish/junit-10.xsd"));
    schema.newValidator().validate(new StreamSource(junitXml.toFile()));
  }
}
