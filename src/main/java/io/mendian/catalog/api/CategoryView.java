package io.mendian.catalog.api;

/** A node of the category tree (flat, with parentId). */
public record CategoryView(long id, Long parentId, String code, String name, int sort, long version) {}
