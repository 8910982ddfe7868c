package io.mendian.platform.registry;

/** A database server brands live on, with whether new brands are placed there and how many it holds. */
public record ShardView(String name, boolean accepting, long brands) {}
