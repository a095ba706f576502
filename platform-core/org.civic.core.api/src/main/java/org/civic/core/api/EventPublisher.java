package org.civic.core.api;

import java.util.Map;

/**
 * Publishes platform events. An event has a topic ({@code platform.create_region},
 * {@code linkage110.dispatch}, ...) and a flat payload of JSON-friendly values. Events travel on the
 * core's Camel endpoint {@value #ENDPOINT}; routes subscribe there. Publishing never fails the caller's
 * operation: callers publish after their transaction committed.
 */
public interface EventPublisher {

    /** The Camel endpoint every platform event is sent to. Header {@value #TOPIC_HEADER} holds the topic. */
    String ENDPOINT = "seda:civic.events";

    String TOPIC_HEADER = "civicTopic";

    void publish(String topic, Map<String, Object> payload);
}
