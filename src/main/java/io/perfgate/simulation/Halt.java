package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ChainBuilder;
import org.slf4j.LoggerFactory;

/**
 * The end of the load, for users still running once the run is over. Gatling's controller stops
 * injecting when told to, but the users already started go on sending requests until Gatling shuts
 * down, which is after perfgate's analysis: a target that a stop criterion was protecting would get
 * seconds more load, and an injector that ran out of file descriptors would have none left for its
 * verdict. Once the halt is raised (a stop criterion met, or the run's end reached), a user ends at
 * the next step it passes, before its next request, and Gatling closes its connections.
 *
 * <p>The step costs a user one volatile read per request; it runs on the user's own thread.
 */
final class Halt {
  private static final com.typesafe.scalalogging.Logger LOGGER =
      com.typesafe.scalalogging.Logger.apply(LoggerFactory.getLogger(Halt.class));

  private volatile boolean raised;

  /** From now on, users end before their next request. */
  void raise() {
    raised = true;
  }

  /** {@code chain} behind the step that ends the user once the halt is raised. */
  ChainBuilder before(ChainBuilder chain) {
    io.gatling.javaapi.core.ActionBuilder step = () -> this::build;
    return exec(step).exec(chain);
  }

  private Action build(ScenarioContext ctx, Action next) {
    return new Step(ctx.coreComponents().exit(), next);
  }

  /** A Gatling action that passes the user on, or ends it once the halt is raised. */
  private final class Step implements Action {
    private final Action exit;
    private final Action next;

    Step(Action exit, Action next) {
      this.exit = exit;
      this.next = next;
    }

    @Override
    public String name() {
      return "perfgate-halt";
    }

    @Override
    public void execute(Session session) {
      if (raised) {
        // The user ends as at the end of its scenario: Gatling closes its connections.
        exit.$bang(session);
      } else {
        next.$bang(session);
      }
    }

    @Override
    public com.typesafe.scalalogging.Logger logger() {
      return LOGGER;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(
        com.typesafe.scalalogging.Logger logger) {
      // Gatling's actions set their logger here; this one has its own.
    }
  }
}
