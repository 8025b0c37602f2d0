package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;

/** Builds entities with the names every Palisade service agrees on (see DESIGN.md). */
final class Entities {

  static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  private Entities() {}

  /** A Kubernetes user: SERVICE_ACCOUNT for {@code system:serviceaccount:…}, ACTOR otherwise. */
  static Entity actor(String username) {
    EntityKind kind =
        username.startsWith(SERVICE_ACCOUNT_PREFIX) ? EntityKind.SERVICE_ACCOUNT : EntityKind.ACTOR;
    return of(kind, username);
  }

  static Entity serviceAccount(String namespace, String name) {
    return of(EntityKind.SERVICE_ACCOUNT, SERVICE_ACCOUNT_PREFIX + namespace + ":" + name);
  }

  static Entity pod(String namespace, String name) {
    return of(EntityKind.POD, namespace + "/" + name);
  }

  static Entity workload(String namespace, String kind, String name) {
    return of(EntityKind.WORKLOAD, namespace + "/" + kind + "/" + name);
  }

  static Entity namespace(String name) {
    return of(EntityKind.NAMESPACE, name);
  }

  static Entity node(String name) {
    return of(EntityKind.NODE, name);
  }

  static Entity image(String reference) {
    return of(EntityKind.IMAGE, reference);
  }

  static Entity container(String id) {
    return of(EntityKind.CONTAINER, id);
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static Entity of(EntityKind kind, String name) {
    return Entity.newBuilder().setKind(kind).setName(name).build();
  }
}
