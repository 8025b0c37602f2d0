/**
 * Palisade's published Kafka contract: the {@link io.palisade.schemas.PalisadeSerde} for every Avro
 * record in {@code io.palisade.avro}, typed {@link io.palisade.schemas.Topic} descriptors and the
 * CloudEvents binary-mode headers every record carries.
 */
package io.palisade.schemas;
