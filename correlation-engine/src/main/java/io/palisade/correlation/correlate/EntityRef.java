package io.palisade.correlation.correlate;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import java.util.Comparator;

/** An entity in incident state: kind and canonical name (see {@link Entity}). */
record EntityRef(EntityKind kind, String name) implements Comparable<EntityRef> {

  private static final Comparator<EntityRef> ORDER =
      Comparator.comparing(EntityRef::kind).thenComparing(EntityRef::name);

  static EntityRef of(Entity entity) {
    return new EntityRef(entity.getKind(), entity.getName());
  }

  Entity toAvro() {
    return Entity.newBuilder().setKind(kind).setName(name).build();
  }

  boolean isActor() {
    return kind == EntityKind.ACTOR || kind == EntityKind.SERVICE_ACCOUNT;
  }

  @Override
  public int compareTo(EntityRef other) {
    return ORDER.compare(this, other);
  }
}
