package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestIncidents.incident;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.palisade.intake.auth.AuthenticationMode;
import io.palisade.intake.auth.BearerTokens;
import io.palisade.intake.auth.IntakeAuthenticator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The HTTP shell on its own: status codes and JSON bodies, no Kafka. */
class IncidentApiControllerTest {

  private final InMemoryView view = new InMemoryView();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final IncidentDirectory directory =
      new IncidentDirectory(
          () -> {
            if (!running.get()) {
              throw ApiException.unavailable("not-ready", "the correlate application is CREATED");
            }
            return new ViewHolders(true, List.of());
          },
          new LocalIncidentView(() -> view),
          new HttpPeerIncidents(null, null));
  private final MockMvc http =
      MockMvcBuilders.standaloneSetup(
              new IncidentApiController(
                  directory,
                  new IncidentActions(directory, action -> {}, Clock.systemUTC()),
                  new IntakeAuthenticator(
                      AuthenticationMode.NONE, BearerTokens.of(List.of(), null), false)))
          .build();

  @Test
  void listsAndGetsIncidents() throws Exception {
    view.put(incident("i-1").cluster("prod").build());

    http.perform(get("/api/incidents").param("cluster", "prod"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.incidents[0].id").value("i-1"))
        .andExpect(jsonPath("$.incidents[0].signals").doesNotExist())
        .andExpect(jsonPath("$.nextCursor").isEmpty());
    http.perform(get("/api/incidents/i-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.signals[0].evidence.id").value("evidence-of-i-1"));
    http.perform(get("/internal/incidents/i-1")).andExpect(status().isOk());
  }

  @Test
  void errorsAreJson() throws Exception {
    http.perform(get("/api/incidents").param("limit", "9999"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.reason").value("bad-limit"));
    http.perform(get("/api/incidents/nope"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.reason").value("unknown-incident"));
    http.perform(post("/api/incidents/nope/actions").content("{\"type\":\"RESOLVE\"}"))
        .andExpect(status().isNotFound());
    view.put(incident("old").mergedInto("new").build());
    http.perform(post("/api/incidents/old/actions").content("{\"type\":\"RESOLVE\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.mergedInto").value("new"));
  }

  @Test
  void anActionIsAcceptedWith202AndTheActionAsJson() throws Exception {
    view.put(incident("i-1").cluster("prod").build());

    http.perform(
            post("/api/incidents/i-1/actions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"ACKNOWLEDGE\",\"comment\":\"mine\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.type").value("ACKNOWLEDGE"))
        .andExpect(jsonPath("$.cluster").value("prod"))
        .andExpect(jsonPath("$.actor").value("anonymous"))
        .andExpect(jsonPath("$.comment").value("mine"));
  }

  @Test
  void whileTheStreamsAreNotRunningEveryQueryIs503Json() throws Exception {
    running.set(false);

    http.perform(get("/api/incidents"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.reason").value("not-ready"));
    http.perform(get("/api/incidents/i-1")).andExpect(status().isServiceUnavailable());
    http.perform(get("/internal/incidents")).andExpect(status().isServiceUnavailable());
  }
}
