package io.mendian.messaging;

/** The wire name of an event type: its simple class name, stable across package moves only if the name is kept. */
final class EventTypes {

    private EventTypes() {}

    static String name(Class<?> type) {
        return type.getSimpleName();
    }
}
