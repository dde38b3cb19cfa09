package io.perfgate.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;

/**
 * The Jenkinsfile as Groovy's parser sees it (compiled to the CONVERSION phase: an AST, nothing
 * resolved, nothing run), with the few questions the tests ask of a declarative pipeline: the
 * sections of {@code pipeline { }}, the steps of a stage, and every call that a block makes,
 * directly or through the script's own methods (e.g. {@code script { publishRun() }}).
 */
final class JenkinsfileModel {
  final String text;
  private final ModuleNode module;
  private final Map<String, MethodNode> methods = new LinkedHashMap<>();

  private JenkinsfileModel(String text, ModuleNode module) {
    this.text = text;
    this.module = module;
    for (MethodNode m : module.getMethods()) {
      methods.put(m.getName(), m);
    }
  }

  /** Parses the file; a syntax error fails with Groovy's message (file, line, column). */
  static JenkinsfileModel parse(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    CompilationUnit unit = new CompilationUnit();
    unit.addSource("Jenkinsfile", text);
    unit.compile(Phases.CONVERSION);
    return new JenkinsfileModel(text, unit.getAST().getModules().get(0));
  }

  /** The top-level {@code pipeline { }} block. */
  Call pipeline() {
    List<Call> top = Call.statements(module.getStatementBlock());
    return top.stream()
        .filter(c -> c.name().equals("pipeline"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the Jenkinsfile has no pipeline { } block"));
  }

  Set<String> methodNames() {
    return methods.keySet();
  }

  /**
   * Every call made in this block, the block's own call first, in the order they are written, the
   * calls of a script method it calls (followed once) taking the place of that call.
   */
  List<Call> reachable(Call block) {
    List<Call> out = new ArrayList<>();
    collect(block.node(), out, new HashSet<>());
    return out;
  }

  /** {@link #reachable(Call)} named {@code name}. */
  List<Call> reachable(Call block, String name) {
    return reachable(block).stream().filter(c -> c.name().equals(name)).toList();
  }

  /** Every assignment {@code target = value} made in the block or through its methods. */
  List<BinaryExpression> assignments(Call block, String target) {
    List<BinaryExpression> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ASTNode> roots = new ArrayList<>(List.of(block.node()));
    for (Call c : reachable(block)) {
      MethodNode m = methods.get(c.name());
      if (m != null && seen.add(m.getName())) {
        roots.add(m.getCode());
      }
    }
    for (ASTNode root : roots) {
      root.visit(
          new CodeVisitorSupport() {
            @Override
            public void visitBinaryExpression(BinaryExpression e) {
              if (e.getOperation().getText().equals("=")
                  && e.getLeftExpression().getText().equals(target)) {
                out.add(e);
              }
              super.visitBinaryExpression(e);
            }
          });
    }
    return out;
  }

  /** Every call in the whole file (pipeline and methods), in source order. */
  List<Call> allCalls(String name) {
    List<Call> out = new ArrayList<>();
    CodeVisitorSupport v = collector(out, null, null);
    module.getStatementBlock().visit(v);
    for (MethodNode m : methods.values()) {
      m.getCode().visit(v);
    }
    out.sort(Comparator.comparingInt((Call c) -> c.node().getLineNumber()));
    return out.stream().filter(c -> c.name().equals(name)).toList();
  }

  private void collect(ASTNode root, List<Call> out, Set<String> followed) {
    root.visit(collector(out, followed, this));
  }

  private static CodeVisitorSupport collector(
      List<Call> out, Set<String> followed, JenkinsfileModel follow) {
    return new CodeVisitorSupport() {
      @Override
      public void visitMethodCallExpression(MethodCallExpression call) {
        Call c = Call.of(call);
        out.add(c);
        if (follow != null && call.isImplicitThis()) {
          MethodNode m = follow.methods.get(c.name());
          if (m != null && followed.add(m.getName())) {
            m.getCode().visit(this);
          }
        }
        super.visitMethodCallExpression(call);
      }
    };
  }

  /**
   * One call, e.g. {@code choice(name: 'X', choices: [...])} or {@code stage('Merge') { ... }}: its
   * name, positional arguments, named arguments, and the closure it ends with (if any).
   */
  record Call(
      String name,
      List<Expression> positional,
      Map<String, Expression> named,
      ClosureExpression closure,
      MethodCallExpression node) {

    static Call of(MethodCallExpression call) {
      List<Expression> positional = new ArrayList<>();
      Map<String, Expression> named = new LinkedHashMap<>();
      ClosureExpression closure = null;
      Expression args = call.getArguments();
      List<Expression> list =
          args instanceof TupleExpression t ? t.getExpressions() : List.of(args);
      for (Expression e : list) {
        if (e instanceof MapExpression m) {
          for (MapEntryExpression entry : m.getMapEntryExpressions()) {
            named.put(entry.getKeyExpression().getText(), entry.getValueExpression());
          }
        } else if (e instanceof ClosureExpression c) {
          closure = c;
        } else {
          positional.add(e);
        }
      }
      return new Call(call.getMethodAsString(), positional, named, closure, call);
    }

    /** The calls that are statements of a block, in order (not those nested in them). */
    static List<Call> statements(Statement block) {
      List<Call> out = new ArrayList<>();
      if (block instanceof BlockStatement b) {
        for (Statement s : b.getStatements()) {
          if (s instanceof ExpressionStatement es
              && es.getExpression() instanceof MethodCallExpression mc) {
            out.add(of(mc));
          }
        }
      }
      return out;
    }

    /** The calls that are statements of this call's closure. */
    List<Call> body() {
      return closure == null ? List.of() : statements(closure.getCode());
    }

    List<Call> children(String childName) {
      return body().stream().filter(c -> c.name().equals(childName)).toList();
    }

    Call child(String childName) {
      List<Call> found = children(childName);
      if (found.size() != 1) {
        throw new AssertionError(
            name + " { } should hold one " + childName + " { }, found " + found.size());
      }
      return found.get(0);
    }

    Optional<Call> optionalChild(String childName) {
      List<Call> found = children(childName);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The first positional argument as text: a string literal's value, a GString's source. */
    String arg() {
      if (positional.isEmpty()) {
        throw new AssertionError(name + " has no positional argument");
      }
      return text(positional.get(0));
    }

    /** A named argument as text ({@code null} when absent). */
    String named(String key) {
      Expression e = named.get(key);
      return e == null ? null : text(e);
    }

    /**
     * A named argument that is a map literal, e.g. publishHTML(target: [reportDir: ...]), as its
     * entries' texts (a ternary's source text for a computed entry).
     */
    Map<String, String> namedMap(String key) {
      Map<String, String> out = new LinkedHashMap<>();
      if (named.get(key) instanceof MapExpression m) {
        for (MapEntryExpression entry : m.getMapEntryExpressions()) {
          out.put(entry.getKeyExpression().getText(), text(entry.getValueExpression()));
        }
      }
      return out;
    }

    /** A named argument that is a literal (String, Integer, Boolean...), {@code null} if absent. */
    Object literal(String key) {
      Expression e = named.get(key);
      return e instanceof ConstantExpression c ? c.getValue() : null;
    }

    /** A positional argument that is itself a call, e.g. logRotator(...) in buildDiscarder. */
    Call argCall() {
      Expression e = positional.isEmpty() ? null : positional.get(0);
      if (e instanceof MethodCallExpression mc) {
        return of(mc);
      }
      throw new AssertionError(name + "(...) should take a call, e.g. logRotator(...)");
    }

    /** Whether the argument list is exactly one string literal (no GString, no variable). */
    boolean hasLiteralArgument(String key) {
      Expression e =
          key == null ? (positional.isEmpty() ? null : positional.get(0)) : named.get(key);
      return e instanceof ConstantExpression c && c.getValue() instanceof String;
    }

    /** The script a {@code sh} step runs: {@code sh 'x'} or {@code sh script: 'x', ...}. */
    String shScript() {
      return named.containsKey("script") ? named("script") : arg();
    }

    boolean shHasLiteralScript() {
      return named.containsKey("script") ? hasLiteralArgument("script") : hasLiteralArgument(null);
    }

    int line() {
      return node.getLineNumber();
    }

    static String text(Expression e) {
      if (e instanceof ConstantExpression c) {
        return String.valueOf(c.getValue());
      }
      if (e instanceof GStringExpression g) {
        return g.getText();
      }
      if (e instanceof VariableExpression v) {
        return v.getName();
      }
      if (e instanceof ArgumentListExpression a && a.getExpressions().size() == 1) {
        return text(a.getExpression(0));
      }
      return e.getText();
    }
  }
}
