package io.palisade.correlation.correlate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The storylines in force, in declaration order (built-in first): ids are unique. Order breaks ties
 * between matched storylines of the same severity floor.
 */
public final class Storylines {

  /** The built-in file on the classpath. */
  public static final String BUILT_IN = "storylines/storylines.yml";

  private static volatile Storylines builtIn;

  private final List<Storyline> all;
  private final Map<String, Storyline> byId;

  private Storylines(List<Storyline> all) {
    this.all = List.copyOf(all);
    this.byId =
        this.all.stream().collect(Collectors.toUnmodifiableMap(Storyline::id, Function.identity()));
  }

  public static Storylines of(List<Storyline> storylines) {
    return new Storylines(StorylineLoader.checkUnique(storylines, "the given storylines"));
  }

  public static Storylines none() {
    return new Storylines(List.of());
  }

  /** The built-in storylines ({@value #BUILT_IN}), read once. */
  public static Storylines builtIn() {
    Storylines loaded = builtIn;
    if (loaded == null) {
      try (InputStream in = Storylines.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new StorylineException(BUILT_IN + ": not on the classpath");
        }
        loaded =
            new Storylines(
                StorylineLoader.parse(
                    "classpath:" + BUILT_IN,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + BUILT_IN, e);
      }
      builtIn = loaded;
    }
    return loaded;
  }

  /** The built-in storylines plus those of an extra file (ids must not repeat built-in ones). */
  public static Storylines builtInPlus(Path extraFile) {
    String text;
    try {
      text = Files.readString(extraFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorylineException(extraFile + ": cannot read the storylines file: " + e, e);
    }
    List<Storyline> combined = new ArrayList<>(builtIn().all);
    combined.addAll(StorylineLoader.parse(extraFile.toString(), text));
    return new Storylines(StorylineLoader.checkUnique(combined, extraFile.toString()));
  }

  public List<Storyline> all() {
    return all;
  }

  public Optional<Storyline> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Declaration index, for ordering; ids no longer configured go last. */
  int indexOf(String id) {
    Storyline storyline = byId.get(id);
    return storyline == null ? Integer.MAX_VALUE : all.indexOf(storyline);
  }

  @Override
  public String toString() {
    return "Storylines" + all.stream().map(Storyline::id).toList();
  }
}
