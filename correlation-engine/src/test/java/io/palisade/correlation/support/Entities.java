package io.palisade.correlation.support;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;

/** Entities for assertions. */
public final class Entities {

  private Entities() {}

  public static Entity entity(EntityKind kind, String name) {
    return Entity.newBuilder().setKind(kind).setName(name).build();
  }
}
