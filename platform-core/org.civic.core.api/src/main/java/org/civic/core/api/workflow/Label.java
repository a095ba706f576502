package org.civic.core.api.workflow;

/** A console label: Chinese first, English too. */
public record Label(String zh, String en) {

    public static Label of(String zh, String en) {
        return new Label(zh, en);
    }
}
