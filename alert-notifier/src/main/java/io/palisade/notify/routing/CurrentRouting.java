package io.palisade.notify.routing;

/**
 * The routing tree in force. The delivery loops and the dry run ask for it once per incident
 * version, so a tree reloaded from the routing file ({@link RoutingFile}) applies from the next
 * version on, without a restart. Not a {@code Supplier}: in the all-in-one JVM Spring Cloud
 * Function would take a {@code Supplier} bean for a message source.
 */
@FunctionalInterface
public interface CurrentRouting {

  /** The tree to route with now. */
  RoutingTree tree();

  /** A tree that never changes (routing from properties, or none). */
  static CurrentRouting fixed(RoutingTree tree) {
    java.util.Objects.requireNonNull(tree, "tree");
    return () -> tree;
  }
}
