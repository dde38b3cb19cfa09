package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;

import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.function.Consumer;

/**
 * A step that runs while Gatling builds the scenario, never while users run it: it hands Gatling's
 * core components (its controller, its stats engine) to perfgate, and adds no action to the chain.
 * This is how perfgate stops the load generator and hears every answer without a step or a check on
 * the request path.
 */
final class BuildHook implements io.gatling.core.action.builder.ActionBuilder {
  private final Consumer<CoreComponents> onBuild;

  private BuildHook(Consumer<CoreComponents> onBuild) {
    this.onBuild = onBuild;
  }

  /** {@code chain}, whose building first calls {@code onBuild} (once per scenario built). */
  static ChainBuilder before(ChainBuilder chain, Consumer<CoreComponents> onBuild) {
    io.gatling.javaapi.core.ActionBuilder hook = () -> new BuildHook(onBuild);
    return exec(hook).exec(chain);
  }

  @Override
  public Action build(ScenarioContext ctx, Action next) {
    onBuild.accept(ctx.coreComponents());
    return next;
  }
}
