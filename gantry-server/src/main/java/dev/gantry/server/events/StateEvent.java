package dev.gantry.server.events;

import java.util.Map;

/** One state change on the event stream: a transition with the ids it belongs to. */
public record StateEvent(
    long seq,
    String subject,
    String from,
    String to,
    String at,
    String executionId,
    String workflowId,
    String taskId,
    String projectId,
    Map<String, Object> details) {}
