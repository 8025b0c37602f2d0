package io.palisade.admission.scope;

import java.util.Map;
import java.util.Objects;

/**
 * One Palisade policy's entry in the policy file.
 *
 * @param mode the policy's mode everywhere; null when the file does not set it (the default mode
 *     applies)
 * @param namespaceModes namespace → mode, overriding {@code mode} there
 * @param settings the policy's own parameters as read from YAML (strings, numbers, booleans, lists
 *     and maps), unmodifiable; each policy maps them to its settings record
 */
public record PolicySettings(
    PolicyMode mode, Map<String, PolicyMode> namespaceModes, Map<String, Object> settings) {

  public PolicySettings {
    namespaceModes = Map.copyOf(namespaceModes);
    Objects.requireNonNull(settings, "settings");
  }
}
